import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { OutboxCommand } from '../storage/outbox-command';
import { dashboardContext } from './dashboard-context';
import { formatTime } from './format';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';
import { problemWords } from './problem-words';

/** Rows drawn at most; the counts cover the rest. */
const ROWS_SHOWN = 50;

/** The outbox: every command in the order it was sent, with its state in words. */
export class OutboxPanelElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      h2 {
        margin: 0;
      }
      .summary,
      .more {
        color: var(--muted);
        font-size: 0.85rem;
        margin: 0.4rem 0;
      }
      ol {
        list-style: none;
        margin: 0.5rem 0 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
        max-height: 28rem;
        overflow: auto;
      }
      li {
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.4rem 0.6rem;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.1rem 0.5rem;
        align-items: center;
      }
      .what {
        font-family: var(--mono);
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      .state {
        font-size: 0.85rem;
      }
      .queued .state,
      .sending .state {
        color: var(--warn);
      }
      .delivered .state {
        color: var(--ok);
      }
      .failed .state {
        color: var(--danger);
      }
      .cancelled .state {
        color: var(--muted);
      }
      .reply {
        grid-column: 1;
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      .reply.received {
        color: var(--ok);
      }
      .reply.none {
        color: var(--danger);
      }
      li button {
        grid-row: 1 / span 2;
        grid-column: 2;
      }
    `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.outbox.store);
    new StoreController(this, () => this._service.value?.role);
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const store = service.outbox.store;
    const shown = store.tail(ROWS_SHOWN);
    const delivered = store.count('delivered');
    const sending = store.count('sending');
    const viewer = service.role.state.role === 'viewer';
    return html`<section aria-label="Outbox">
      <header>
        <h2>Outbox</h2>
        ${delivered > 0 ? html`<button type="button" @click=${() => void service.outbox.clearDelivered()}>Clear delivered</button>` : nothing}
      </header>
      <p class="summary">
        ${store.pendingCount} pending${sending > 0 ? html` · ${sending} sending` : nothing} · ${delivered} delivered${viewer
          ? ' · sent by the other tab that holds the connection'
          : ''}
      </p>
      ${store.size > shown.length ? html`<p class="more">${store.size - shown.length} older commands not shown</p>` : nothing}
      ${store.size === 0
        ? html`<p class="more">No commands yet. A command is stored here first, so none is lost while the broker is away.</p>`
        : html`<ol>
            ${repeat(
              shown,
              (command) => command.seq,
              (command) => this._row(command),
            )}
          </ol>`}
    </section>`;
  }

  private _row(command: OutboxCommand) {
    const outbox = this._service.value?.outbox;
    const payload = command.payload.length > 40 ? `${command.payload.slice(0, 40)}…` : command.payload;
    const action =
      command.state === 'queued'
        ? html`<button type="button" aria-label=${`Cancel ${command.topic} ${payload}`} @click=${() => outbox?.cancel(command.seq)}>Cancel</button>`
        : command.state === 'failed' || command.state === 'cancelled'
          ? html`<button type="button" aria-label=${`Retry ${command.topic} ${payload}`} @click=${() => outbox?.retry(command.seq)}>Retry</button>`
          : nothing;
    return html`<li class=${command.state} aria-label=${`${command.topic} ${payload}`}>
      <span class="what">${command.topic} → ${payload === '' ? '(empty)' : payload}</span>
      ${action}
      <span class="state"
        >${describeState(command)} · QoS ${command.qos}${command.retain ? ' · retain' : ''} · ${formatTime(command.createdAt)}</span
      >
      ${command.reply
        ? html`<span class="reply ${command.reply.state}"
            >${describeReply(command, command.reply.from ?? this._service.value?.deviceOf(command.topic) ?? 'the device')}</span
          >`
        : nothing}
    </li>`;
  }
}

export function describeState(command: OutboxCommand): string {
  switch (command.state) {
    case 'failed':
      return `failed: ${command.reason === null ? 'refused by the broker' : typeof command.reason === 'string' ? command.reason : problemWords(command.reason)}`;
    case 'sending':
      return command.stage === 'pubrel' ? 'sending (received by the broker, releasing)' : 'sending';
    default:
      return command.state;
  }
}

/** The answer to a request: awaited, received (who answered, and what), or none in time. */
export function describeReply(command: OutboxCommand, from: string): string {
  const reply = command.reply;
  if (!reply) return '';
  switch (reply.state) {
    case 'waiting':
      return `awaiting a reply until ${formatTime(reply.deadline)}`;
    case 'received':
      return `acknowledged by ${from}: ${reply.text === null || reply.text === '' ? '(empty reply)' : shorten(reply.text)}`;
    case 'none':
      return reply.text ? `no reply: ${reply.text}` : `no reply within ${command.replyTimeoutSeconds ?? '?'} s`;
  }
}

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

customElements.define('outbox-panel', OutboxPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'outbox-panel': OutboxPanelElement;
  }
}
