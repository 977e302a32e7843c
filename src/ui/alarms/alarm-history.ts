import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { AlarmDefinition } from '../../alarms/alarm-definition';
import type { AlarmEventKind } from '../../alarms/alarm-machine';
import type { StoredAlarmEvent } from '../../storage/alarm-repository';
import { msg } from '../../i18n/words';
import { dashboardContext } from '../dashboard-context';
import { formatCount, formatTimestamp } from '../format';
import { controlStyles } from '../shared-styles';
import { StoreController } from '../store-controller';
import { alarmTitle, eventNote, eventWord, valueWords } from './alarm-words';
import { historyCsv } from './alarm-csv';

const EVENT_KINDS: readonly AlarmEventKind[] = ['raised', 'returned', 'acknowledged', 'normal', 'shelved', 'unshelved', 'ignored'];
/** Rows drawn at most: the CSV has them all. */
const SHOWN = 200;

/**
 * The alarm history, newest first (the last 10,000 events kept on this device): filtered by alarm, by event
 * and by words (who, comment), exported as CSV. Read again when new events are written.
 */
export class AlarmHistoryElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        margin-top: 1.5rem;
      }
      h2 {
        font-size: 1.05rem;
        margin: 0 0 0.5rem;
      }
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 0.5rem;
        align-items: end;
        margin-bottom: 0.5rem;
      }
      /* On a phone the table scrolls sideways rather than break its words letter by letter. */
      table {
        width: 100%;
        min-width: 36rem;
        border-collapse: collapse;
        font-size: 0.85rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.3rem 0.4rem;
        border-bottom: 1px solid var(--border);
        vertical-align: top;
        overflow-wrap: break-word;
      }
      .wrap {
        overflow-x: auto;
      }
      .count {
        color: var(--muted);
        font-size: 0.85rem;
      }
    `,
  ];

  static override properties = { _events: { state: true }, _alarm: { state: true }, _kind: { state: true }, _words: { state: true } };
  declare private _events: StoredAlarmEvent[] | null;
  declare private _alarm: string;
  declare private _kind: string;
  declare private _words: string;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  private _readVersion = -1;
  private _reading = false;

  constructor() {
    super();
    this._events = null;
    this._alarm = '';
    this._kind = '';
    this._words = '';
    new StoreController(this, () => this._service.value?.alarms);
    new StoreController(this, () => this._service.value?.settings);
  }

  override updated(): void {
    const service = this._service.value;
    const version = service?.alarms.state.historyVersion ?? -1;
    if (!service || version === this._readVersion || this._reading) return;
    this._reading = true;
    // Read at most once a second, however fast events come.
    setTimeout(() => {
      this._readVersion = service.alarms.state.historyVersion;
      void service
        .alarmHistory(10_000)
        .then((events) => (this._events = events))
        .finally(() => {
          this._reading = false;
          this.requestUpdate();
        });
    }, this._events === null ? 0 : 1000);
  }

  private _filtered(definitions: Map<string, AlarmDefinition>): StoredAlarmEvent[] {
    const words = this._words.trim().toLowerCase();
    return (this._events ?? []).filter((event) => {
      if (this._alarm !== '' && event.alarmId !== this._alarm) return false;
      if (this._kind !== '' && event.kind !== this._kind) return false;
      if (words === '') return true;
      const alarm = definitions.get(event.alarmId);
      return [event.by ?? '', event.comment ?? '', event.value ?? '', alarm ? alarmTitle(alarm) : event.alarmId].some((text) => text.toLowerCase().includes(words));
    });
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const definitions = new Map(service.settings.state.alarms.map((alarm) => [alarm.id, alarm]));
    const events = this._filtered(definitions);
    const title = (id: string) => {
      const alarm = definitions.get(id);
      return alarm ? alarmTitle(alarm) : msg('(removed alarm {0})', id);
    };
    return html`<section aria-labelledby="history-title">
      <h2 id="history-title">${msg('Alarm history')}</h2>
      <div class="filters">
        <label
          >${msg('Alarm')}
          <select @change=${(event: Event) => (this._alarm = (event.target as HTMLSelectElement).value)}>
            <option value="">${msg('All alarms')}</option>
            ${[...definitions.values()].map((alarm) => html`<option value=${alarm.id} ?selected=${this._alarm === alarm.id}>${alarmTitle(alarm)}</option>`)}
          </select></label
        >
        <label
          >${msg('Event')}
          <select @change=${(event: Event) => (this._kind = (event.target as HTMLSelectElement).value)}>
            <option value="">${msg('All events')}</option>
            ${EVENT_KINDS.map((kind) => html`<option value=${kind} ?selected=${this._kind === kind}>${eventWord(kind)}</option>`)}
          </select></label
        >
        <label>${msg('Words (who, comment, value)')} <input type="search" .value=${this._words} @input=${(event: Event) => (this._words = (event.target as HTMLInputElement).value)} /></label>
        <button type="button" ?disabled=${events.length === 0} @click=${() => this._export(events, title)}>${msg('Export as CSV')}</button>
      </div>
      <p class="count" role="status">
        ${this._events === null ? msg('Reading the history…') : events.length > SHOWN ? msg('{0} events; the newest {1} shown, all in the CSV.', formatCount(events.length), formatCount(SHOWN)) : msg('{0} events.', formatCount(events.length))}
      </p>
      ${events.length === 0
        ? nothing
        : html`<div class="wrap" tabindex="0" role="region" aria-labelledby="history-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">${msg('Time')}</th>
                  <th scope="col">${msg('Alarm')}</th>
                  <th scope="col">${msg('Event')}</th>
                  <th scope="col">${msg('Value')}</th>
                  <th scope="col">${msg('By, comment')}</th>
                </tr>
              </thead>
              <tbody>
                ${events.slice(0, SHOWN).map(
                  (event) => html`<tr>
                    <td>${formatTimestamp(event.at)}</td>
                    <td>${title(event.alarmId)}</td>
                    <td>${eventWord(event.kind)}${event.until !== undefined ? ` (${msg('until {0}', formatTimestamp(event.until))})` : ''}${event.whileAway ? ` · ${msg('received while away')}` : ''}</td>
                    <td>${valueWords(event.value)}</td>
                    <td>${eventNote(event)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  private _export(events: StoredAlarmEvent[], title: (id: string) => string): void {
    const blob = new Blob([historyCsv(events, title)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `alarm-history-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}

customElements.define('alarm-history', AlarmHistoryElement);

declare global {
  interface HTMLElementTagNameMap {
    'alarm-history': AlarmHistoryElement;
  }
}
