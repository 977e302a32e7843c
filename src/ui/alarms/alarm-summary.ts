import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { ALARM_PRIORITIES, type AlarmDefinition, type AlarmPriority } from '../../alarms/alarm-definition';
import { needsAcknowledging, type AlarmState } from '../../alarms/alarm-machine';
import { msg, msgPlural } from '../../i18n/words';
import { dashboardContext } from '../dashboard-context';
import { formatCount } from '../format';
import { StoreController } from '../store-controller';
import { alarmTitle, priorityShape } from './alarm-words';
import { controlStyles } from '../shared-styles';
import './alarm-mark';
import { markAlarmsWith } from '../tile-view';
import { tileAlarms } from './tile-alarm';
import { annunciatorFor, type AlarmAnnunciator } from './alarm-annunciator';
import { formatTime } from '../format';

// Tiles are marked by the alarms from now on: the summary is loaded as soon as the layout has alarms.
markAlarmsWith(tileAlarms);

/** Raised from the summary: the container shows the alarm list. */
export const ALARMS_OPEN = 'alarms-open';

export interface AlarmCounts {
  /** Unacknowledged alarms (neither shelved nor suppressed), by priority. */
  byPriority: Map<AlarmPriority, number>;
  total: number;
  /** The most urgent of them (priority, then the latest raised). */
  first: { alarm: AlarmDefinition; state: AlarmState } | null;
}

export function alarmCounts(definitions: readonly AlarmDefinition[], states: readonly AlarmState[]): AlarmCounts {
  const byId = new Map(states.map((state) => [state.id, state]));
  const byPriority = new Map<AlarmPriority, number>();
  let first: AlarmCounts['first'] = null;
  let total = 0;
  for (const alarm of definitions) {
    const state = byId.get(alarm.id);
    if (!state || !needsAcknowledging(state)) continue;
    total++;
    byPriority.set(alarm.priority, (byPriority.get(alarm.priority) ?? 0) + 1);
    const rank = ALARM_PRIORITIES.indexOf(alarm.priority);
    const firstRank = first ? ALARM_PRIORITIES.indexOf(first.alarm.priority) : Infinity;
    if (!first || rank < firstRank || (rank === firstRank && (state.raisedAt ?? 0) > (first.state.raisedAt ?? 0))) first = { alarm, state };
  }
  return { byPriority, total, first };
}

function countWords(priority: AlarmPriority, count: number): string {
  const n = formatCount(count);
  switch (priority) {
    case 'urgent':
      return msgPlural(count, '{0} urgent', '{0} urgent', n);
    case 'high':
      return msgPlural(count, '{0} high', '{0} high', n);
    case 'medium':
      return msgPlural(count, '{0} medium', '{0} medium', n);
    case 'low':
      return msgPlural(count, '{0} low', '{0} low', n);
  }
}

/**
 * Unacknowledged alarms at a glance, in the attention strip and the header: the count by priority (with
 * each priority's shape) and the most urgent one's message; a tap opens the alarm list. Loaded only when
 * the layout has alarms.
 */
export class AlarmSummaryElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      /* In the strip, the alarms come first and keep room to be read; the rest (sound, devices) scrolls. */
      :host {
        display: inline-flex;
        gap: 0.5rem;
        flex: none;
      }
      :host([compact]) {
        min-width: 0;
        flex: none;
      }
      button {
        border-radius: 999px;
        font-weight: 700;
        color: var(--danger);
        border: 2px solid var(--danger);
        white-space: nowrap;
        max-width: min(75vw, 36rem);
        overflow: hidden;
        text-overflow: ellipsis;
      }
      button.quiet {
        color: var(--ok);
        border-color: var(--ok);
        border-width: 1px;
        font-weight: 600;
      }
      button.sound {
        color: var(--text);
        border: 1px solid var(--border);
        font-weight: 600;
        flex: none;
      }
    `,
  ];

  static override properties = { compact: { type: Boolean, reflect: true } };
  /** In the header: the counts only. */
  declare compact: boolean;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.compact = false;
    new StoreController(this, () => this._service.value?.alarms);
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._annunciator?.state);
  }

  /** The page's sounds, notifications, vibration and badge: started by the first summary drawn. */
  private get _annunciator(): AlarmAnnunciator | null {
    const service = this._service.value;
    return service ? annunciatorFor(service) : null;
  }

  /** Drawn hidden (before this code loads, and with no alarm set): shown once it has something to say. */
  override updated(): void {
    this.hidden = this.renderRoot.querySelector('button') === null;
  }

  override render() {
    const service = this._service.value;
    if (!service || service.settings.state.alarms.length === 0) return nothing;
    const counts = alarmCounts(service.settings.state.alarms, service.alarms.state.states);
    const open = () => this.dispatchEvent(new Event(ALARMS_OPEN, { bubbles: true, composed: true }));
    if (counts.total === 0) {
      return this.compact ? nothing : html`<button type="button" class="quiet" @click=${open}>✓ ${msg('No alarm to acknowledge')}</button>`;
    }
    const parts = ALARM_PRIORITIES.flatMap((priority) => {
      const count = counts.byPriority.get(priority) ?? 0;
      return count === 0 ? [] : [`${priorityShape(priority)} ${countWords(priority, count)}`];
    });
    const words = msgPlural(counts.total, '{0} alarm to acknowledge', '{0} alarms to acknowledge', formatCount(counts.total));
    if (this.compact) {
      // In the header, where room is short: the most urgent priority's shape and the count; the words are read out.
      const shape = counts.first ? priorityShape(counts.first.alarm.priority) : '';
      return html`<button type="button" @click=${open} title=${`${words}: ${parts.join(' · ')}`}>
        ${shape} ${formatCount(counts.total)}<span class="visually-hidden"> ${msgPlural(counts.total, 'alarm to acknowledge', 'alarms to acknowledge')}: ${parts.join(' · ')}</span>
      </button>`;
    }
    const annunciator = this._annunciator;
    const calls = annunciator?.state.state;
    const sounding = counts.byPriority.has('urgent') || counts.byPriority.has('high');
    const mutedUntil = calls?.mutedUntil ?? 0;
    return html`<button type="button" @click=${open} title=${msg('Open the alarm list')}>
        ${words}: ${parts.join(' · ')}${counts.first ? html`<span class="message"> — ${alarmTitle(counts.first.alarm)}</span>` : nothing}
      </button>
      ${sounding && calls?.soundBlocked && mutedUntil <= Date.now()
        ? html`<button type="button" class="sound" @click=${() => annunciator?.enableSound()}>${msg('Tap to enable alarm sounds')}</button>`
        : nothing}
      ${sounding && !calls?.soundBlocked
        ? mutedUntil > Date.now()
          ? html`<button type="button" class="sound" @click=${() => annunciator?.unmute()}>${msg('Sounds muted until {0}: sound again', formatTime(mutedUntil))}</button>`
          : html`<button type="button" class="sound" @click=${() => annunciator?.mute()}>${msg('Mute for 5 min')}</button>`
        : nothing}`;
  }
}

customElements.define('alarm-summary', AlarmSummaryElement);

declare global {
  interface HTMLElementTagNameMap {
    'alarm-summary': AlarmSummaryElement;
  }
}
