import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { layoutFile, readLayoutFile } from '../app/layout-file';
import type { Theme } from '../storage/settings';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { foldingPanelStyles } from './panel-styles';
import { StoreController } from './store-controller';
import { browserLanguage, msg, type LanguageChoice } from '../i18n/words';
import { chooseLanguage, languageChoice } from './language-choice';
import { formatCount } from './format';
import './trend-storage-setting';

/** The largest layout file read: a layout is a few kilobytes; anything this big is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

/** Language, theme, "Keep screen on", and the layout file: export it, import it on another tablet. */
export class LayoutPanelElement extends LitElement {
  static override styles = [
    controlStyles,
    foldingPanelStyles,
    css`
      .body {
        display: grid;
        gap: 0.75rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .done {
        color: var(--ok);
        font-size: 0.9rem;
        margin: 0;
      }
      input[type='file'] {
        display: none;
      }
    `,
  ];

  static override properties = { _problem: { state: true }, _done: { state: true } };
  declare private _problem: string | null;
  declare private _done: string | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this._problem = null;
    this._done = null;
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._service.value?.screen);
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const settings = service.settings.state;
    const screen = service.screen.state;
    return html`<details @toggle=${(event: Event) => (event.target as HTMLDetailsElement).open && void this.renderRoot.querySelector('trend-storage-setting')?.measure()}>
      <summary><h2>${msg('Display and layout')}</h2></summary>
      <div class="body">
        <label
          >${msg('Language')}
          <select name="language" @change=${(event: Event) => void chooseLanguage((event.target as HTMLSelectElement).value as LanguageChoice)}>
            <option value="auto" ?selected=${languageChoice() === 'auto'}>${browserLanguage(navigator.languages) === 'fr' ? msg('Automatic (the browser’s: Français)') : msg('Automatic (the browser’s: English)')}</option>
            <option value="fr" lang="fr" ?selected=${languageChoice() === 'fr'}>Français</option>
            <option value="en" lang="en" ?selected=${languageChoice() === 'en'}>English</option>
          </select>
        </label>
        <label
          >${msg('Theme')}
          <select name="theme" @change=${(event: Event) => {
            const theme = (event.target as HTMLSelectElement).value as Theme; // read now: the event is gone after a wait
            void service.preferences().then((preferences) => preferences.setTheme(theme));
          }}>
            <option value="system" ?selected=${settings.theme === 'system'}>${msg('As the system (light or dark)')}</option>
            <option value="light" ?selected=${settings.theme === 'light'}>${msg('Light')}</option>
            <option value="dark" ?selected=${settings.theme === 'dark'}>${msg('Dark')}</option>
          </select>
        </label>
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${settings.keepScreenOn}
            @change=${(event: Event) => {
              const wanted = (event.target as HTMLInputElement).checked;
              void service.preferences().then((preferences) => preferences.setKeepScreenOn(wanted));
            }}
          />
          ${msg('Keep screen on')}</label
        >
        ${settings.keepScreenOn && screen.held ? html`<p class="note" role="status">${msg('The screen stays on while the dashboard is shown.')}</p>` : nothing}
        ${screen.problem ? html`<p class="problem" role="alert">${screen.problem}</p>` : nothing}
        <trend-storage-setting></trend-storage-setting>
        <p class="note">
          ${msg('The layout (pinned, ordered and hidden tiles, units and decimals, device names, theme) and the broker profiles, as a file to keep or to copy to another tablet. Passwords are never in it.')}
        </p>
        <div class="row">
          <button type="button" @click=${this._export}>${msg('Export layout')}</button>
          <button type="button" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>${msg('Import layout…')}</button>
          <input type="file" accept="application/json,.json" aria-label=${msg('Layout file')} @change=${this._onFile} />
        </div>
        ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
        ${this._done ? html`<p class="done" role="status">${this._done}</p>` : nothing}
      </div>
    </details>`;
  }

  private _export(): void {
    const service = this._service.value;
    if (!service) return;
    const now = new Date();
    const file = new Blob([`${JSON.stringify(layoutFile(service.settings.state, now), null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = `mqtt-dashboard-layout-${now.toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this._problem = null;
    this._done = msg('Layout exported as {0}.', link.download);
  }

  private async _onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again
    if (!file) return;
    this._done = null;
    if (file.size > MAX_FILE_BYTES) {
      this._problem = msg('{0} is {1} KB: too big to be a layout file. Nothing was changed.', file.name, formatCount(Math.round(file.size / 1024)));
      return;
    }
    const read = readLayoutFile(await file.text());
    if ('problem' in read) {
      this._problem = `${file.name}: ${read.problem}`;
      return;
    }
    void this._service.value?.preferences().then((preferences) => preferences.applyLayout(read.layout));
    this._problem = null;
    this._done = msg('Layout imported from {0}: {1} pinned, {2} hidden, {3} broker profiles.', file.name, read.layout.pinned.length, read.layout.hidden.length, read.layout.profiles.length);
  }
}

customElements.define('layout-panel', LayoutPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'layout-panel': LayoutPanelElement;
  }
}
