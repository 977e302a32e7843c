import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { qosField } from './qos-field';
import { StoreController } from './store-controller';
import type { QoS } from '../shared/types';
import { problemWords } from './problem-words';
import { SubscriptionRemoveEvent } from './subscription-row';
import { msg } from '../i18n/words';

/** Adds subscriptions (validated before anything is sent) and lists them with the broker's answer. */
export class SubscriptionPanelElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      /* The filter gets a row of its own: its hint is never cut. */
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.5rem;
        align-items: end;
      }
      form > label:first-child {
        grid-column: 1 / -1;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0.75rem 0 0;
        display: grid;
        gap: 0.4rem;
      }
    `,
  ];

  static override properties = { _problem: { state: true } };
  declare private _problem: string | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.subscriptions);
    this._problem = null;
  }

  override render() {
    const entries = this._service.value?.subscriptions.entries ?? [];
    return html`<h2>${msg('Subscriptions')}</h2>
      <form @submit=${this._onSubmit} novalidate>
        <label
          >${msg('Topic filter')}
          <input
            name="filter"
            spellcheck="false"
            autocapitalize="off"
            placeholder=${msg('moteur/# or usine/+/pression')}
            aria-invalid=${this._problem ? 'true' : 'false'}
            aria-describedby="filter-problem"
            @input=${() => (this._problem = null)}
        /></label>
        ${qosField()}
        <button class="primary" type="submit">${msg('Subscribe')}</button>
      </form>
      <p class="problem" id="filter-problem" role="alert">${this._problem ?? ''}</p>
      <ul role="list" aria-label=${msg('Active subscriptions')} @subscription-remove=${(event: SubscriptionRemoveEvent) => this._remove(event.filter)}>
        ${repeat(
          entries,
          (entry) => entry.filter,
          (entry) => html`<subscription-row .entry=${entry}></subscription-row>`,
        )}
      </ul>`;
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const filter = String(data.get('filter') ?? '');
    const qos = Number(data.get('qos')) as QoS;
    const problem = this._service.value?.subscribe(filter, qos) ?? null;
    this._problem = problem ? problemWords(problem) : null;
    if (!problem) (form.elements.namedItem('filter') as HTMLInputElement).value = '';
  }

  private _remove(filter: string): void {
    void this._service.value?.unsubscribe(filter);
  }
}

customElements.define('subscription-panel', SubscriptionPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'subscription-panel': SubscriptionPanelElement;
  }
}
