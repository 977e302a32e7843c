import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { dashboardContext } from './dashboard-context';
import { StoreController } from './store-controller';
import './value-tile';

/** A tile per topic received, in topic order. Only tiles whose value changed re-render. */
export class ValueGridElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    section {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: 0.75rem;
    }
    .empty {
      color: var(--muted);
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.75rem;
    }
  `;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.topics);
  }

  override render() {
    const topics = this._service.value?.topics;
    const values = topics?.list() ?? [];
    return html`<h2>Values <small>(${topics?.topicCount ?? 0} topics · ${topics?.messageCount ?? 0} messages)</small></h2>
      ${values.length === 0
        ? html`<p class="empty">No messages yet. Connect to a broker and subscribe to a topic filter, for example <code>#</code>.</p>`
        : html`<section aria-label="Values">
            ${repeat(
              values,
              (value) => value.topic,
              (value) => html`<value-tile .value=${value}></value-tile>`,
            )}
          </section>`}`;
  }
}

customElements.define('value-grid', ValueGridElement);

declare global {
  interface HTMLElementTagNameMap {
    'value-grid': ValueGridElement;
  }
}
