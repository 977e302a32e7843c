import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { msg } from '../../i18n/words';
import { dashboardContext } from '../dashboard-context';
import { foldingPanelStyles } from '../panel-styles';
import { controlStyles } from '../shared-styles';
import { StoreController } from '../store-controller';
import { openAlarmEditor } from './alarm-editor';
import { abilities, annunciatorFor } from './alarm-annunciator';
import { sharingOf, sharingPrefixProblem, type AlarmSharing } from '../../alarms/alarm-sharing';
import { alarmTitle, kindWord, priorityShape, priorityWord } from './alarm-words';

/**
 * The Alarms settings: every alarm defined (kept with the layout), to change or remove; a new one (an offline
 * alarm on a device, or any other); and the name this dashboard acknowledges under.
 */
export class AlarmSettingsElement extends LitElement {
  static override styles = [
    controlStyles,
    foldingPanelStyles,
    css`
      .body {
        display: grid;
        gap: 0.75rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      li {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        justify-content: space-between;
      }
      li span {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--muted);
        font-size: 0.85rem;
      }
      fieldset {
        display: grid;
        gap: 0.5rem;
        border: 1px solid var(--border);
        border-radius: 0.5rem;
        padding: 0.5rem 0.75rem;
      }
    `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  static override properties = { _prefixProblem: { state: true } };
  declare _prefixProblem: string;

  constructor() {
    super();
    this._prefixProblem = '';
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => (this._service.value ? annunciatorFor(this._service.value).state : undefined));
  }

  /** Sharing states with the other dashboards of this layout, through the broker. */
  private _sharing() {
    const service = this._service.value;
    if (!service) return nothing;
    const alarmSharing = sharingOf(service.settings.state);
    const change = (sharing: AlarmSharing) => {
      const problem = sharingPrefixProblem(sharing.prefix.trim());
      this._prefixProblem =
        problem === 'wildcard' ? msg('The prefix must be a topic without + or #.') : problem === 'missing' ? msg('The prefix must not be empty nor begin or end with /.') : '';
      if (problem === null) void service.preferences().then((preferences) => preferences.setAlarmSharing(sharing));
    };
    return html`<fieldset>
      <legend>${msg('Shared with other dashboards')}</legend>
      <label class="inline"
        ><input
          type="checkbox"
          .checked=${alarmSharing.enabled}
          @change=${(event: Event) => change({ ...alarmSharing, enabled: (event.target as HTMLInputElement).checked })}
        />
        ${msg('Share alarm states through the broker')}</label
      >
      <label
        >${msg('Topic prefix')}
        <input
          name="sharingPrefix"
          .value=${alarmSharing.prefix}
          maxlength="200"
          aria-invalid=${this._prefixProblem === '' ? 'false' : 'true'}
          @change=${(event: Event) => change({ ...alarmSharing, prefix: (event.target as HTMLInputElement).value })}
      /></label>
      ${this._prefixProblem === '' ? nothing : html`<p class="problem" role="alert">${this._prefixProblem}</p>`}
      <p class="muted">
        ${msg(
          'Each alarm’s state is published, retained, on {0}/alarms/<alarm id>. Dashboards that share this layout read them: an acknowledgement or a shelf made on one applies on the others. Each dashboard judges the values itself.',
          alarmSharing.prefix,
        )}
      </p>
    </fieldset>`;
  }

  /** What this browser allows for alarms, each in a sentence. */
  private _abilities() {
    const service = this._service.value;
    if (!service) return nothing;
    const annunciator = annunciatorFor(service);
    const calls = annunciator.state.state;
    const can = abilities();
    const notifications =
      calls.notifications === 'unsupported' || !can.notifications
        ? msg('Notifications: not in this browser (on an iPad, only from the app added to the home screen).')
        : calls.notifications === 'granted'
          ? msg('Notifications: allowed (urgent ones stay until touched; Acknowledge from the notification).')
          : calls.notifications === 'denied'
            ? msg('Notifications: blocked for this site; allow them in the browser’s site settings.')
            : null;
    return html`<ul aria-label=${msg('What this browser allows')}>
      <li><span>${!can.sound ? msg('Sound: not in this browser.') : calls.soundBlocked ? msg('Sound: waits for a tap on the screen (the browser’s rule).') : msg('Sound: allowed (urgent and high alarms, until acknowledged).')}</span></li>
      <li>
        <span>${notifications ?? msg('Notifications: not asked yet.')}</span>
        ${notifications === null ? html`<button type="button" @click=${() => void annunciator.askForNotifications()}>${msg('Allow notifications')}</button>` : nothing}
      </li>
      <li><span>${can.vibration ? msg('Vibration: this device vibrates when an urgent or high alarm is raised.') : msg('Vibration: this device cannot.')}</span></li>
      <li><span>${can.badge ? (can.installed ? msg('Badge: the installed app’s icon counts the alarms to acknowledge.') : msg('Badge: once the app is installed, its icon counts the alarms to acknowledge.')) : msg('Badge: not in this browser.')}</span></li>
    </ul>`;
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const settings = service.settings.state;
    return html`<details>
      <summary><h2>${msg('Alarms')}</h2></summary>
      <div class="body">
        ${settings.alarms.length === 0
          ? html`<p class="muted">${msg('No alarm yet. Open a tile, then Tile settings → Add an alarm, or add one here.')}</p>`
          : html`<ul aria-label=${msg('Alarms set')}>
              ${settings.alarms.map(
                (alarm) => html`<li>
                  <span>${priorityShape(alarm.priority)} ${priorityWord(alarm.priority)} · ${alarmTitle(alarm)} <span class="muted">(${kindWord(alarm.kind)})</span></span>
                  <button type="button" aria-label=${msg('Change the alarm {0}', alarmTitle(alarm))} @click=${() => void openAlarmEditor(this, { id: alarm.id })}>${msg('Change')}</button>
                </li>`,
              )}
            </ul>`}
        <button type="button" @click=${() => void openAlarmEditor(this, { kind: 'offline' })}>${msg('Add an alarm')}</button>
        ${settings.alarms.length > 0 ? this._abilities() : nothing}
        ${this._sharing()}
        <label
          >${msg('Name of this dashboard (who acknowledges)')}
          <input
            name="dashboardName"
            .value=${settings.dashboardName}
            placeholder=${settings.clientId}
            maxlength="80"
            @change=${(event: Event) => {
              const name = (event.target as HTMLInputElement).value.trim();
              void service.preferences().then((preferences) => preferences.setDashboardName(name));
            }}
        /></label>
      </div>
    </details>`;
  }
}

customElements.define('alarm-settings', AlarmSettingsElement);

declare global {
  interface HTMLElementTagNameMap {
    'alarm-settings': AlarmSettingsElement;
  }
}
