import { LitElement, css, html, nothing } from 'lit';
import type { TileAlarm } from './tile-alarm';

/**
 * An alarm's mark on a tile or a device card: a tab with its priority's shape, word and state (colour is never
 * the only sign), and a thick frame of its colour over the container (which is positioned) that flashes while
 * unacknowledged, unless motion is reduced. It takes no taps. Loaded with the alarms.
 */
export class AlarmMarkElement extends LitElement {
  static override styles = css`
    /* In the flow, above the tile's name: the tab. The frame is laid over the container (the nearest positioned one). */
    :host {
      display: block;
      pointer-events: none;
      margin-bottom: 0.3rem;
      --alarm: var(--danger);
    }
    :host([priority='medium']),
    :host([priority='low']) {
      --alarm: var(--warn);
    }
    .frame {
      position: absolute;
      inset: -1px;
      border: 3px solid var(--alarm);
      border-radius: 10px;
    }
    @media (prefers-reduced-motion: no-preference) {
      :host([unacknowledged]) .frame {
        animation: flash 1s steps(2) infinite;
      }
    }
    /* Opacity, not the border's colour: the compositor flashes it, the main thread does nothing per frame. */
    @keyframes flash {
      50% {
        opacity: 0;
      }
    }
    span {
      display: inline-block;
      font-size: 0.78rem;
      font-weight: 700;
      padding: 0.1rem 0.45rem;
      border-radius: 4px;
      color: var(--surface);
      background: var(--alarm);
    }
  `;


  static override properties = { alarm: { attribute: false } };
  declare alarm: TileAlarm | undefined;

  override willUpdate(): void {
    this.setAttribute('priority', this.alarm?.priority ?? '');
    this.toggleAttribute('unacknowledged', this.alarm?.unacknowledged ?? false);
  }

  override render() {
    const alarm = this.alarm;
    if (!alarm) return nothing;
    return html`<div class="frame"></div>
      <span>${alarm.words}</span>`;
  }
}

customElements.define('alarm-mark', AlarmMarkElement);

declare global {
  interface HTMLElementTagNameMap {
    'alarm-mark': AlarmMarkElement;
  }
}
