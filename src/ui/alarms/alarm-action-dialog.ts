import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { MAX_SHELVE_MS, type AlarmDefinition } from '../../alarms/alarm-definition';
import { msg, msgPlural } from '../../i18n/words';
import { dashboardContext } from '../dashboard-context';
import { formatCount, formatDuration } from '../format';
import { dialogStyles } from '../panel-styles';
import { controlStyles } from '../shared-styles';
import { actingName, alarmTitle } from './alarm-words';

/** The shelf's lengths offered (at most 8 h: the alarm comes back by itself). */
const SHELF_MINUTES = [15, 60, 120, 240, 480];

/** Asks before acknowledging (with an optional comment) or shelving (for how long). */
export class AlarmActionDialogElement extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      dialog {
        width: min(30rem, calc(100vw - 2rem));
      }
      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.75rem;
      }
      ul {
        margin: 0;
        padding-left: 1.2rem;
        max-height: 10rem;
        overflow: auto;
        overflow-wrap: anywhere;
      }
      .problem {
        color: var(--danger);
        font-weight: 600;
        margin: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  static override properties = { _action: { state: true }, _alarms: { state: true }, _problem: { state: true } };
  declare private _problem: string;
  declare private _action: 'acknowledge' | 'shelve';
  declare private _alarms: AlarmDefinition[];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this._action = 'acknowledge';
    this._alarms = [];
    this._problem = '';
  }

  async acknowledge(alarms: AlarmDefinition[]): Promise<void> {
    await this._open('acknowledge', alarms);
  }

  async shelve(alarm: AlarmDefinition): Promise<void> {
    await this._open('shelve', [alarm]);
  }

  private async _open(action: 'acknowledge' | 'shelve', alarms: AlarmDefinition[]): Promise<void> {
    this._action = action;
    this._alarms = alarms;
    this._problem = '';
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private _close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render() {
    const count = this._alarms.length;
    const acknowledging = this._action === 'acknowledge';
    const title = acknowledging
      ? msgPlural(count, 'Acknowledge {0} alarm', 'Acknowledge {0} alarms', formatCount(count))
      : msg('Shelve this alarm');
    return html`<dialog aria-label=${title}>
      <header>
        <h2>${title}</h2>
        <button type="button" @click=${this._close}>${msg('Cancel')}</button>
      </header>
      <form @submit=${this._onSubmit}>
        <ul>
          ${this._alarms.map((alarm) => html`<li>${alarmTitle(alarm)}</li>`)}
        </ul>
        ${acknowledging
          ? html`<label>${msg('Comment (optional)')} <input name="comment" maxlength="500" autocomplete="off" /></label>`
          : html`<label
                >${msg('For how many minutes (at most 480: it comes back by itself)')}
                <input name="minutes" inputmode="decimal" list="shelf-lengths" value="60" autocomplete="off" />
                <datalist id="shelf-lengths">${SHELF_MINUTES.map((minutes) => html`<option value=${minutes}>${formatDuration(minutes * 60_000)}</option>`)}</datalist></label
              >
              ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}`}
        <div class="actions">
          <button class="primary" type="submit">${acknowledging ? msg('Acknowledge') : msg('Shelve')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const service = this._service.value;
    if (!service) return;
    const form = new FormData(event.target as HTMLFormElement);
    const ids = this._alarms.map((alarm) => alarm.id);
    const by = actingName(service.settings.state);
    if (this._action === 'acknowledge') service.alarmRequest({ kind: 'acknowledge', ids, comment: String(form.get('comment') ?? '').trim(), by });
    else {
      const minutes = Number(String(form.get('minutes') ?? '').trim().replace(',', '.'));
      if (!(minutes > 0 && minutes * 60_000 <= MAX_SHELVE_MS)) {
        this._problem = msg('Write a number of minutes above 0 and at most 480 (8 h).');
        return;
      }
      service.alarmRequest({ kind: 'shelve', ids, until: Date.now() + minutes * 60_000, by });
    }
    this._close();
  }
}

customElements.define('alarm-action-dialog', AlarmActionDialogElement);

declare global {
  interface HTMLElementTagNameMap {
    'alarm-action-dialog': AlarmActionDialogElement;
  }
}
