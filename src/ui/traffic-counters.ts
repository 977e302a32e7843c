import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { dashboardContext } from './dashboard-context';
import { StoreController } from './store-controller';

const count = new Intl.NumberFormat();

/** Always in view: messages received, topics seen, and the current rate ("12 345 messages · 5 000 topics · 850/s"). */
export class TrafficCountersElement extends LitElement {
  static override styles = css`
    :host {
      flex: none;
      font-size: 0.85rem;
      color: var(--muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.topics);
    new StoreController(this, () => this._service.value?.rate);
  }

  override render() {
    const service = this._service.value;
    if (!service) return html``;
    const text = `${count.format(service.topics.messageCount)} messages · ${count.format(service.topics.topicCount)} topics · ${count.format(service.rate.state.perSecond)}/s`;
    return html`<span role="status" aria-label="Traffic">${text}</span>`;
  }
}

customElements.define('traffic-counters', TrafficCountersElement);

declare global {
  interface HTMLElementTagNameMap {
    'traffic-counters': TrafficCountersElement;
  }
}
