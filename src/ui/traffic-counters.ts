import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { dashboardContext } from './dashboard-context';
import { StoreController } from './store-controller';
import { formatCount } from './format';
import { msg } from '../i18n/words';

/**
 * Always in view: messages received, topics seen, and the current rate ("12 345 messages · 5 000 topics ·
 * 850/s"); on a tablet "5 000 topics · 850/s", on a phone "850/s".
 */
export class TrafficCountersElement extends LitElement {
  static override styles = css`
    :host {
      flex: none;
      font-size: 0.85rem;
      color: var(--muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .short,
    .shortest {
      display: none;
    }
    /* Shortened where the header is narrow, never gone: the rate says the link is alive. */
    @media (max-width: 64rem) {
      .long {
        display: none;
      }
      .short {
        display: inline;
      }
    }
    @media (max-width: 40rem) {
      .short {
        display: none;
      }
      .shortest {
        display: inline;
      }
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
    // A status, but not read out as it changes (every second): a screen reader would say nothing else.
    const messages = formatCount(service.topics.messageCount);
    const topics = formatCount(service.topics.topicCount);
    const rate = formatCount(service.rate.state.perSecond);
    return html`<span role="status" aria-live="off" aria-label=${msg('Traffic')}
      ><span class="long">${msg('{0} messages · {1} topics · {2}/s', messages, topics, rate)}</span
      ><span class="short">${msg('{0} topics · {1}/s', topics, rate)}</span
      ><span class="shortest">${msg('{0}/s', rate)}</span></span
    >`;
  }
}

customElements.define('traffic-counters', TrafficCountersElement);

declare global {
  interface HTMLElementTagNameMap {
    'traffic-counters': TrafficCountersElement;
  }
}
