import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { msg } from '../i18n/words';
import { StoreController } from './store-controller';

/** Saved brokers: switch to one with a tap, keep the current connection as a new one, delete one. */
export class BrokerProfilesElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      fieldset {
        border: 1px solid var(--border);
        border-radius: 8px;
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.75rem 0.75rem;
        display: grid;
        gap: 0.5rem;
      }
      legend {
        font-size: 0.85rem;
        color: var(--muted);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .row > label,
      .row > select {
        flex: 1 1 10rem;
      }
      .done {
        color: var(--ok);
        font-size: 0.9rem;
        margin: 0;
      }
    `,
  ];

  static override properties = { _selected: { state: true }, _problem: { state: true }, _done: { state: true } };
  declare private _selected: string;
  declare private _problem: string | null;
  declare private _done: string | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this._selected = '';
    this._problem = null;
    this._done = null;
    new StoreController(this, () => this._service.value?.settings);
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const profiles = service.settings.state.profiles;
    const selected = profiles.find((profile) => profile.name === this._selected) ?? profiles[0];
    return html`<fieldset>
      <legend>${msg('Broker profiles')}</legend>
      ${profiles.length === 0
        ? html`<p class="note">${msg('No profile yet: connect, then save the connection here to switch back to it with one tap.')}</p>`
        : html`<div class="row">
            <select aria-label=${msg('Broker profile')} @change=${(event: Event) => (this._selected = (event.target as HTMLSelectElement).value)}>
              ${profiles.map((profile) => html`<option value=${profile.name} ?selected=${profile === selected}>${profile.name} — ${profile.brokerUrl}</option>`)}
            </select>
            <button type="button" class="primary" @click=${() => this._use(selected?.name)}>${msg('Use')}</button>
            <button type="button" @click=${() => this._delete(selected?.name)}>${msg('Delete')}</button>
          </div>`}
      <form class="row" @submit=${this._save}>
        <label>${msg('Profile name')} <input name="name" placeholder=${msg('Workshop broker')} /></label>
        <button type="submit">${msg('Save as profile')}</button>
      </form>
      ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
      ${this._done ? html`<p class="done" role="status">${this._done}</p>` : nothing}
    </fieldset>`;
  }

  private _use(name: string | undefined): void {
    const service = this._service.value;
    const profile = service?.settings.state.profiles.find((saved) => saved.name === name);
    if (!service || !profile) return;
    this._problem = null;
    this._done = msg('Connecting to {0} ({1}).', profile.name, profile.brokerUrl);
    void service.useProfile(profile);
  }

  private _delete(name: string | undefined): void {
    if (name === undefined) return;
    void this._service.value?.preferences().then((preferences) => preferences.deleteProfile(name));
    this._done = msg('Profile {0} deleted.', name);
  }

  private async _save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '');
    const problem = (await this._service.value?.preferences())?.saveProfile(name) ?? null;
    this._problem = problem;
    this._done = problem ? null : msg('Saved as profile {0}.', name.trim());
    if (!problem) {
      this._selected = name.trim();
      form.reset();
    }
  }
}

customElements.define('broker-profiles', BrokerProfilesElement);

declare global {
  interface HTMLElementTagNameMap {
    'broker-profiles': BrokerProfilesElement;
  }
}
