import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import type { StoredPresenceRule } from '../storage/settings';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { foldingPanelStyles } from './panel-styles';
import { msg } from '../i18n/words';
import { StoreController } from './store-controller';

const words = (text: string) =>
  text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');

/** Device presence rules: which status topics say a device is online or offline. */
export class PresencePanelElement extends LitElement {
  static override styles = [
    controlStyles,
    foldingPanelStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
      }
      fieldset {
        border: 1px solid var(--border);
        border-radius: 8px;
        display: grid;
        gap: 0.5rem;
        grid-template-columns: 1fr 1fr;
        margin: 0;
      }
      fieldset > label:first-of-type,
      fieldset > button {
        grid-column: 1 / -1;
      }
      .hint {
        color: var(--muted);
        font-size: 0.85rem;
        margin: 0;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    `,
  ];

  static override properties = { _draft: { state: true }, _problem: { state: true }, _saved: { state: true } };
  /** The rules being edited, or null to show the saved ones. */
  declare private _draft: StoredPresenceRule[] | null;
  declare private _problem: string | null;
  declare private _saved: boolean;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.settings);
    this._draft = null;
    this._problem = null;
    this._saved = false;
  }

  override render() {
    const presence = this._service.value?.settings.state.presence;
    if (!presence) return html``;
    const rules = this._draft ?? presence.rules;
    return html`<details>
      <summary><h2>${msg('Device presence')}</h2></summary>
      <form @submit=${this._onSubmit} @input=${this._onInput} novalidate>
        <p class="hint">
          ${msg('A device is online or offline according to its retained status topic, set by a birth message and its Last Will. + stands for the device id. 1/0, true/false and JSON such as {"status":"online"} or {"online":true} are understood too.')}
        </p>
        <label class="inline"><input name="enabled" type="checkbox" .checked=${presence.enabled} /> ${msg('Track device presence')}</label>
        ${rules.map(
          (rule, index) => html`<fieldset aria-label=${msg('Presence rule {0}', index + 1)}>
            <label
              >${msg('Status topic pattern')}
              <input name="pattern" spellcheck="false" autocapitalize="off" placeholder="+/status" .value=${rule.pattern}
            /></label>
            <label>${msg('Online payloads')} <input name="online" spellcheck="false" .value=${rule.online.join(', ')} /></label>
            <label>${msg('Offline payloads')} <input name="offline" spellcheck="false" .value=${rule.offline.join(', ')} /></label>
            <button type="button" @click=${() => this._removeRule(index)}>${msg('Remove rule {0}', rule.pattern)}</button>
          </fieldset>`,
        )}
        <div class="actions">
          <button type="button" @click=${this._addRule}>${msg('Add rule')}</button>
          <button class="primary" type="submit">${msg('Save presence rules')}</button>
        </div>
        <p class="problem" role="alert">${this._problem ?? ''}</p>
        <p class="hint" role="status">${this._saved ? msg('Presence rules saved.') : ''}</p>
      </form>
    </details>`;
  }

  private _readForm(): { enabled: boolean; rules: StoredPresenceRule[] } {
    const form = this.renderRoot.querySelector('form') as HTMLFormElement;
    const data = new FormData(form);
    const patterns = data.getAll('pattern').map(String);
    const online = data.getAll('online').map(String);
    const offline = data.getAll('offline').map(String);
    return {
      enabled: data.get('enabled') === 'on',
      rules: patterns.map((pattern, index) => ({
        pattern: pattern.trim(),
        online: words(online[index] ?? ''),
        offline: words(offline[index] ?? ''),
      })),
    };
  }

  private _onInput(): void {
    this._draft = this._readForm().rules;
    this._saved = false;
  }

  private _addRule(): void {
    this._draft = [...this._readForm().rules, { pattern: '', online: ['online'], offline: ['offline'] }];
  }

  private _removeRule(index: number): void {
    this._draft = this._readForm().rules.filter((_, position) => position !== index);
  }

  private async _onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const problem = (await this._service.value?.setPresence(this._readForm())) ?? null;
    this._problem = problem;
    this._saved = problem === null;
    if (!problem) this._draft = null;
  }
}

customElements.define('presence-panel', PresencePanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'presence-panel': PresencePanelElement;
  }
}
