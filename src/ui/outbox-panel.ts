import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';
import { CommandActionEvent } from './outbox-row';
import { msg, msgPlural } from '../i18n/words';
import { formatCount } from './format';

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
    `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.outbox.store);
    new StoreController(this, () => this._service.value?.role);
  }

  /** Brings the outbox into view and puts the focus on its title (the header's pending count opens it). */
  reveal(): void {
    const title = this.renderRoot.querySelector<HTMLElement>('h2');
    title?.scrollIntoView({ block: 'start' });
    title?.focus({ preventScroll: true });
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const store = service.outbox.store;
    const shown = store.tail(ROWS_SHOWN);
    const delivered = store.count('delivered');
    const sending = store.count('sending');
    const viewer = service.role.state.role === 'viewer';
    return html`<section aria-label=${msg('Outbox')}>
      <header>
        <h2 tabindex="-1">${msg('Outbox')}</h2>
        ${delivered > 0 ? html`<button type="button" @click=${() => void service.outbox.clearDelivered()}>${msg('Clear delivered')}</button>` : nothing}
      </header>
      <p class="summary">
        ${msg('{0} pending', formatCount(store.pendingCount))}${sending > 0 ? ` · ${msg('{0} sending', formatCount(sending))}` : nothing} · ${msgPlural(delivered, '{0} delivered', '{0} delivered', formatCount(delivered))}${viewer
          ? ` · ${msg('sent by the other tab that holds the connection')}`
          : ''}
      </p>
      ${store.size > shown.length ? html`<p class="more">${msg('{0} older commands not shown', formatCount(store.size - shown.length))}</p>` : nothing}
      ${store.size === 0
        ? html`<p class="more">${msg('No commands yet. A command is stored here first, so none is lost while the broker is away.')}</p>`
        : html`<ol role="list" @command-action=${this._act}>
            ${repeat(
              shown,
              (command) => command.seq,
              (command) => html`<outbox-row .command=${command} .device=${service.deviceOf(command.topic) ?? undefined}></outbox-row>`,
            )}
          </ol>`}
    </section>`;
  }

  private _act(event: Event): void {
    if (!(event instanceof CommandActionEvent)) return;
    const outbox = this._service.value?.outbox;
    if (event.action === 'cancel') outbox?.cancel(event.seq);
    else if (event.action === 'give-up') outbox?.giveUp(event.seq);
    else outbox?.retry(event.seq);
  }
}

customElements.define('outbox-panel', OutboxPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'outbox-panel': OutboxPanelElement;
  }
}
