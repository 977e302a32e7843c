/**
 * One message of the log: time, topic, flags and the start of its payload, on one line of fixed height
 * (the log is virtualized). A leaf: it shows its message and raises `message-select` when tapped; the log
 * view opens it in the payload viewer. Broker data is rendered as text only.
 */
import { visiblePayload, visibleTopic } from './safe-text';
import { LitElement, css, html, nothing } from 'lit';
import type { LoggedMessage } from '../state/message-log';
import { formatTime } from './format';
import { msg } from '../i18n/words';

/** Height of a row in pixels: the log's scroll window counts on it. */
export const LOG_ROW_HEIGHT = 44;

export class MessageSelectEvent extends Event {
  constructor(readonly message: LoggedMessage) {
    super('message-select', { bubbles: true, composed: true });
  }
}

export class LogRowElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    button {
      display: grid;
      grid-template-columns: 5.5rem minmax(6rem, 14rem) 3.5rem 1fr;
      gap: 0.5rem;
      align-items: center;
      width: 100%;
      height: ${LOG_ROW_HEIGHT}px;
      padding: 0 0.6rem;
      border: none;
      border-bottom: 1px solid var(--border);
      background: none;
      color: inherit;
      font: inherit;
      text-align: left;
      font-size: 0.85rem;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid var(--accent);
      outline-offset: -3px;
    }
    button[aria-current='true'] {
      background: var(--field);
      outline: 2px solid var(--accent);
      outline-offset: -2px;
    }
    .topic,
    .payload {
      font-family: var(--mono);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .flags {
      color: var(--muted);
    }
    @media (max-width: 40rem) {
      button {
        grid-template-columns: 4.5rem 1fr 3rem;
      }
      .payload {
        display: none;
      }
    }
  `;

  static override properties = { message: { attribute: false }, selected: { type: Boolean } };
  declare message: LoggedMessage | undefined;
  declare selected: boolean;

  constructor() {
    super();
    this.selected = false;
  }

  override willUpdate(): void {
    this.setAttribute('role', 'listitem');
  }

  override render() {
    const message = this.message;
    if (!message) return nothing;
    // R and D are the same letters in French (retenu/conservé is R, doublon D); "old" is worded.
    const flags = `QoS ${message.qos}${message.retained ? ' R' : ''}${message.dup ? ' D' : ''}${message.superseded ? ` · ${msg('old')}` : ''}${message.ignored ? ` · ${msg('ignored')}` : ''}`;
    const payload = message.payload.kind === 'empty' ? msg('(empty)') : visiblePayload(message.payload.text.slice(0, 200));
    // Named by what it shows (time, topic, flags, payload: voice control can say what is seen), then which message it is.
    const time = formatTime(message.receivedAt);
    const topic = visibleTopic(message.topic);
    return html`<button
      type="button"
      aria-label=${`${time} ${topic} ${flags} ${payload} · ${msg('Message {0} on {1}', message.seq, topic)}`}
      aria-current=${this.selected ? 'true' : 'false'}
      @click=${() => this.dispatchEvent(new MessageSelectEvent(message))}
    >
      <span>${time}</span>
      <span class="topic">${topic}</span>
      <span class="flags" title=${msg('QoS, R: retained, D: duplicate flag, old: a retained copy older than what its tile showed (kept here, not on the tile)')}>${flags}</span>
      <span class="payload" dir="auto">${payload}</span>
    </button>`;
  }
}

customElements.define('log-row', LogRowElement);

declare global {
  interface HTMLElementTagNameMap {
    'log-row': LogRowElement;
  }
}
