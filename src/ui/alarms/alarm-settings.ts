import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { msg } from '../../i18n/words';
import { dashboardContext } from '../dashboard-context';
import { foldingPanelStyles } from '../panel-styles';
import { controlStyles } from '../shared-styles';
import { StoreController } from '../store-controller';
import { openAlarmEditor } from './alarm-editor';
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
    `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.settings);
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
