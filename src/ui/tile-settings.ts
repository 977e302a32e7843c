import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { msg } from '../i18n/words';
import { topicMatches } from '../mqtt/topic-filter';
import { MAX_DECIMALS } from '../storage/settings';
import type { Preferences } from '../app/preferences';
import { dashboardContext } from './dashboard-context';
import { topicWithBreaks } from './value-format';
import { controlStyles } from './shared-styles';
import { dialogStyles } from './panel-styles';
import { controlMake } from './controls/control-events';

/** A tile's own settings in a dialog: its unit and decimals, pin or unpin it, hide it. Loaded on first use. */
export class TileSettingsElement extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      dialog {
        width: min(28rem, calc(100vw - 2rem));
      }
      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.75rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  static override properties = { topic: {} };
  declare topic: string;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.topic = '';
  }

  open(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private _close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const settings = service.settings.state;
    const format = settings.tileFormats.find((entry) => entry.topic === this.topic);
    const pinnedBy = settings.pinned.find((filter) => topicMatches(filter, this.topic));
    const decimals = format?.decimals ?? null;
    return html`<dialog aria-label=${msg('Tile settings: {0}', this.topic)} @close=${() => this.dispatchEvent(new Event('close'))}>
      <header>
        <h2>${topicWithBreaks(this.topic)}</h2>
        <button type="button" @click=${this._close}>${msg('Close')}</button>
      </header>
      <form @submit=${this._onSubmit} novalidate>
        <label>${msg('Unit')} <input name="unit" placeholder=${msg('as the payload says (°C, bar, rpm…)')} .value=${format?.unit ?? ''} /></label>
        <label
          >${msg('Decimals')}
          <select name="decimals">
            <option value="" ?selected=${decimals === null}>${msg('As received')}</option>
            ${Array.from({ length: MAX_DECIMALS + 1 }, (_, count) => html`<option value=${count} ?selected=${decimals === count}>${count}</option>`)}
          </select>
        </label>
        <div class="actions">
          <button class="primary" type="submit">${msg('Save')}</button>
          ${pinnedBy === undefined
            ? html`<button type="button" @click=${() => void this._then((preferences) => preferences.pin(this.topic))}>${msg('Pin to the dashboard')}</button>`
            : html`<button type="button" @click=${() => void this._then((preferences) => preferences.unpin(pinnedBy))}>${msg('Unpin {0}', pinnedBy)}</button>`}
          <button type="button" @click=${() => void this._then((preferences) => preferences.hide(this.topic))}>${msg('Hide this tile')}</button>
          <button type="button" @click=${this._makeControl}>${msg('Make a control')}</button>
          <button type="button" @click=${this._addAlarm}>${msg('Add an alarm')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private async _then(action: (preferences: Preferences) => void): Promise<void> {
    const preferences = await this._service.value?.preferences();
    if (preferences) action(preferences);
    this._close();
  }

  /** Its topic becomes a new control's state topic; the container opens the control's editor. */
  private _makeControl(): void {
    const topic = this.topic;
    this._close();
    this.dispatchEvent(controlMake({ stateTopic: topic }));
  }

  /** An alarm on this tile's value, in the alarm editor (loaded with its first use). */
  private _addAlarm(): void {
    const topic = this.topic;
    const root = this.getRootNode(); // the grid's: this dialog goes once closed
    this._close();
    void import('./alarms/alarm-editor').then(({ openAlarmEditor }) => openAlarmEditor(root, { topic }));
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const decimals = String(form.get('decimals') ?? '');
    const unit = String(form.get('unit') ?? '');
    void this._service.value?.preferences().then((preferences) => preferences.setTileFormat(this.topic, unit, decimals === '' ? null : Number(decimals)));
    this._close();
  }
}

customElements.define('tile-settings', TileSettingsElement);

declare global {
  interface HTMLElementTagNameMap {
    'tile-settings': TileSettingsElement;
  }
}
