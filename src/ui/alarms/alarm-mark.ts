import { LitElement, css, html, nothing } from 'lit';
import type { TileAlarm } from './tile-alarm';

/** Half a flash: the frames of unacknowledged alarms are shown, then hidden, this long each. */
export const FLASH_MS = 500;

/**
 * The marks that flash, all together, from one timer: the screen changes twice a second. A CSS animation
 * per mark would have the compositor draw sixty frames a second, which a tablet without a GPU (or a busy
 * one) pays for on every core. Not under `prefers-reduced-motion`: the frame stays steady.
 */
const flashing = new Set<AlarmMarkElement>();
const still = matchMedia('(prefers-reduced-motion: reduce)');
let timer: ReturnType<typeof setInterval> | null = null;
let dim = false;

function followFlashing(): void {
  const on = flashing.size > 0 && !still.matches;
  if (on && timer === null) {
    timer = setInterval(() => {
      dim = !dim;
      for (const mark of flashing) mark.toggleAttribute('dim', dim);
    }, FLASH_MS);
  } else if (!on && timer !== null) {
    clearInterval(timer);
    timer = null;
    dim = false;
    for (const mark of flashing) mark.removeAttribute('dim');
  }
}
still.addEventListener('change', followFlashing);

/**
 * An alarm's mark on a tile or a device card: a tab with its priority's shape, word and state (colour is never
 * the only sign), and a thick frame of its colour over the container (which is positioned) that flashes while
 * unacknowledged, unless motion is reduced. It takes no taps. Loaded with the alarms.
 */
export class AlarmMarkElement extends LitElement {
  static override styles = css`
    /*
     * Out of the flow, both laid over the container (the nearest positioned one): the frame around it, the tab
     * hanging from its top edge, in its padding. A raise changes nothing in the tiles' layout: under a flood of
     * values, a tile growing by a tab moved every tile below it at every raise.
     */
    :host {
      display: contents;
      pointer-events: none;
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
    :host([dim]) .frame {
      opacity: 0;
    }
    span {
      position: absolute;
      top: 0;
      right: 0.75rem;
      max-width: calc(100% - 1.5rem);
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
      font-size: 0.68rem;
      line-height: 1;
      font-weight: 700;
      padding: 0.04rem 0.45rem 0.1rem;
      border-radius: 0 0 4px 4px;
      color: var(--surface);
      background: var(--alarm);
    }
  `;


  static override properties = { alarm: { attribute: false } };
  declare alarm: TileAlarm | undefined;

  override willUpdate(): void {
    this.setAttribute('priority', this.alarm?.priority ?? '');
    this.toggleAttribute('unacknowledged', this.alarm?.unacknowledged ?? false);
    this._flash();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._flash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._flash();
  }

  /** Joins the flashing marks while unacknowledged and on the page; leaves them (steady) otherwise. */
  private _flash(): void {
    if (this.isConnected && this.alarm?.unacknowledged) {
      flashing.add(this);
      this.toggleAttribute('dim', dim && !still.matches);
    } else {
      flashing.delete(this);
      this.removeAttribute('dim');
    }
    followFlashing();
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
