import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { ALARM_PRIORITIES, type AlarmDefinition } from '../../alarms/alarm-definition';
import { needsAcknowledging, operatorState, type AlarmState } from '../../alarms/alarm-machine';
import { msg } from '../../i18n/words';
import { readReported } from '../../controls/control-payload';
import { dashboardContext } from '../dashboard-context';
import { formatAge, formatCount, formatTimestamp } from '../format';
import { controlStyles } from '../shared-styles';
import { StoreController } from '../store-controller';
import { alarmTitle, conditionWords, priorityShape, priorityWord, stateWord, valueWords } from './alarm-words';
import type { AlarmActionDialogElement } from './alarm-action-dialog';
import './alarm-action-dialog';
import './alarm-history';

interface Row {
  alarm: AlarmDefinition;
  state: AlarmState;
}

/** Active and unacknowledged alarms first (then acknowledged, then shelved…), by priority, then the latest raised. */
export function orderRows(rows: Row[]): Row[] {
  const group = (row: Row) => ['active-unacknowledged', 'returned-unacknowledged', 'acknowledged', 'shelved', 'suppressed', 'normal'].indexOf(operatorState(row.state));
  return rows.sort(
    (a, b) =>
      group(a) - group(b) ||
      ALARM_PRIORITIES.indexOf(a.alarm.priority) - ALARM_PRIORITIES.indexOf(b.alarm.priority) ||
      (b.state.raisedAt ?? 0) - (a.state.raisedAt ?? 0),
  );
}

/**
 * The alarm list: each alarm that is raised, unacknowledged or shelved (or every alarm, on request), with its
 * priority, message, value, limit and since when; Acknowledge (with a comment), Acknowledge all shown,
 * Shelve…; below, the history. On a kiosk, acknowledging needs `ack=1` in its link.
 */
export class AlarmViewElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        margin-bottom: 0.75rem;
      }
      h2 {
        margin: 0;
        font-size: 1.1rem;
        flex: 1 1 auto;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.6rem;
      }
      li {
        background: var(--surface);
        border: 1px solid var(--border);
        border-left: 6px solid var(--border);
        border-radius: 8px;
        padding: 0.6rem 0.8rem;
        display: grid;
        gap: 0.3rem;
      }
      li.urgent,
      li.high {
        border-left-color: var(--danger);
      }
      li.medium,
      li.low {
        border-left-color: var(--warn);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
      }
      .priority {
        font-weight: 700;
      }
      .urgent .priority,
      .high .priority {
        color: var(--danger);
      }
      .medium .priority,
      .low .priority {
        color: var(--warn);
      }
      .message {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .facts {
        color: var(--muted);
        font-size: 0.85rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.15rem 1rem;
        overflow-wrap: anywhere;
      }
      .state {
        font-weight: 600;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .empty {
        color: var(--muted);
      }
    `,
  ];

  static override properties = { _all: { state: true } };
  /** Every alarm, normal ones too. */
  declare private _all: boolean;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this._all = false;
    new StoreController(this, () => this._service.value?.alarms);
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._service.value?.display);
    new StoreController(this, () => this._service.value?.clock);
  }

  private get _dialog(): AlarmActionDialogElement | null {
    return this.renderRoot.querySelector('alarm-action-dialog');
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const definitions = service.settings.state.alarms;
    const byId = new Map(service.alarms.state.states.map((state) => [state.id, state]));
    const rows = orderRows(definitions.flatMap((alarm) => { const state = byId.get(alarm.id); return state ? [{ alarm, state }] : []; }));
    const shown = this._all ? rows : rows.filter((row) => operatorState(row.state) !== 'normal');
    const display = service.display.state;
    const mayAct = !display.kiosk || display.kioskAlarms === true;
    const toAcknowledge = shown.filter((row) => needsAcknowledging(row.state)).map((row) => row.alarm);
    const now = service.clock.state.now;
    return html`<section aria-labelledby="alarms-title">
        <div class="bar">
          <h2 id="alarms-title">${msg('Alarms')}</h2>
          <label class="inline"><input type="checkbox" .checked=${this._all} @change=${(event: Event) => (this._all = (event.target as HTMLInputElement).checked)} />${msg('Show normal alarms too')}</label>
          ${mayAct && toAcknowledge.length > 0
            ? html`<button type="button" class="primary" @click=${() => this._dialog?.acknowledge(toAcknowledge)}>${msg('Acknowledge all shown ({0})', formatCount(toAcknowledge.length))}</button>`
            : nothing}
        </div>
        ${definitions.length === 0
          ? html`<p class="empty">${msg('No alarm is set. Open a tile, then Tile settings → Add an alarm; or Settings → Alarms.')}</p>`
          : shown.length === 0
            ? html`<p class="empty">✓ ${msg('No alarm is raised, unacknowledged or shelved.')}</p>`
            : html`<ul aria-label=${msg('Alarm list')}>
                ${shown.map((row) => this._row(row, now, mayAct))}
              </ul>`}
        <alarm-action-dialog></alarm-action-dialog>
      </section>
      <alarm-history></alarm-history>`;
  }

  /** The value as it is now (the topic's latest, read again each second); a device's presence for offline. */
  private _liveValue(alarm: AlarmDefinition, state: AlarmState): string | null {
    const latest = alarm.kind === 'offline' ? undefined : this._service.value?.topics.get(alarm.topic)?.payload;
    return latest ? readReported({ statePath: alarm.path }, latest) : state.value;
  }

  private _row({ alarm, state }: Row, now: number, mayAct: boolean) {
    const shown = operatorState(state);
    const priority = `${priorityShape(alarm.priority)} ${priorityWord(alarm.priority)}`;
    return html`<li class=${alarm.priority} aria-label=${`${priorityWord(alarm.priority)}: ${alarmTitle(alarm)}, ${stateWord(shown)}`}>
      <div class="head">
        <span class="priority">${priority}</span>
        <span class="message">${alarmTitle(alarm)}</span>
        <span class="state">${stateWord(shown)}</span>
      </div>
      <div class="facts">
        ${alarm.kind === 'offline' ? nothing : html`<span>${alarm.topic}${alarm.path ? ` · ${alarm.path}` : ''}</span>`}
        <span>${msg('Value: {0}', valueWords(this._liveValue(alarm, state)))}</span>
        <span>${msg('Condition: {0}', conditionWords(alarm))}</span>
        ${state.raisedAt !== null ? html`<span title=${formatTimestamp(state.raisedAt)}>${msg('Raised {0}', formatAge(now - state.raisedAt))}</span>` : nothing}
        ${state.raisedWhileAway ? html`<span>${msg('raised by a message received while away')}</span>` : nothing}
        ${state.returnedAt !== null && !state.active ? html`<span title=${formatTimestamp(state.returnedAt)}>${msg('Returned {0}', formatAge(now - state.returnedAt))}</span>` : nothing}
        ${state.acknowledgedAt !== null && state.acknowledged
          ? html`<span>${msg('Acknowledged by {0} at {1}', state.acknowledgedBy, formatTimestamp(state.acknowledgedAt))}${state.comment ? ` — “${state.comment}”` : ''}</span>`
          : nothing}
        ${state.shelvedUntil !== null ? html`<span>${msg('Shelved until {0}', formatTimestamp(state.shelvedUntil))}</span>` : nothing}
      </div>
      ${mayAct
        ? html`<div class="actions">
            ${needsAcknowledging(state) ? html`<button type="button" class="primary" @click=${() => this._dialog?.acknowledge([alarm])}>${msg('Acknowledge')}</button>` : nothing}
            ${state.shelvedUntil === null
              ? html`<button type="button" @click=${() => this._dialog?.shelve(alarm)}>${msg('Shelve…')}</button>`
              : html`<button type="button" @click=${() => this._service.value?.alarmRequest({ kind: 'unshelve', ids: [alarm.id] })}>${msg('Unshelve')}</button>`}
          </div>`
        : nothing}
    </li>`;
  }
}

customElements.define('alarm-view', AlarmViewElement);

declare global {
  interface HTMLElementTagNameMap {
    'alarm-view': AlarmViewElement;
  }
}
