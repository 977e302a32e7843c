/**
 * Alarm states shared between dashboards through the broker: each dashboard publishes, retained, the state
 * of an alarm it judged on `<prefix>/alarms/<alarm id>`, and reads the others'. Every dashboard judges the
 * values itself (they hear the same broker); what crosses are the operators' acts: an acknowledgement, a
 * shelf. Broker data is hostile: a state is read field by field, and what cannot be used is said, as data.
 */
import { acknowledge, operatorState, shelve, unshelve, type AlarmState, type OperatorState, type Step } from './alarm-machine';

export const DEFAULT_SHARING_PREFIX = 'dashboard';

/** Whether and where alarm states are shared (per layout; off by default). */
export interface AlarmSharing {
  enabled: boolean;
  prefix: string;
}

/** A dashboard's sharing (off when its settings predate it: the default is not in the first load). */
export function sharingOf(settings: { alarmSharing?: AlarmSharing }): AlarmSharing {
  return settings.alarmSharing ?? { enabled: false, prefix: DEFAULT_SHARING_PREFIX };
}

/**
 * Tablets' clocks differ a little: an acknowledgement made up to this long before this dashboard raised the
 * alarm still counts for that raise. An older one was for an earlier raise, and never silences a new one.
 */
export const CLOCK_SKEW_MS = 2000;
/** A state dated further ahead than this is not believed (it would win over every later act). */
export const FUTURE_MS = 60_000;
/** The largest shared state read, in characters: a state is a few hundred. */
export const MAX_SHARED_CHARS = 4096;

const OPERATOR_STATES: readonly OperatorState[] = ['normal', 'active-unacknowledged', 'acknowledged', 'returned-unacknowledged', 'shelved', 'suppressed'];

/** What a dashboard publishes about one alarm. Times are ISO 8601 on the wire (epoch ms here). */
export interface SharedAlarmState {
  state: OperatorState;
  value: string | null;
  /** Since when it is in this state: raised, returned or normal. */
  since: number | null;
  acknowledgedBy: string;
  acknowledgedAt: number | null;
  comment: string;
  shelvedUntil: number | null;
  shelvedBy: string;
  /** When it was last shelved or unshelved (the latest act wins). */
  shelfChangedAt: number | null;
  /** The dashboard that published it, and when. */
  from: string;
  at: number | null;
}

/** Why a shared state was ignored (the UI says it in words). */
export type SharedStateProblem = 'not-json' | 'not-a-state' | 'unknown-alarm' | 'acknowledges-normal' | 'from-the-future';

/** A prefix a person typed: null when usable, else what is wrong. */
export function sharingPrefixProblem(prefix: string): 'missing' | 'wildcard' | null {
  if (prefix.trim() === '' || prefix.startsWith('/') || prefix.endsWith('/')) return 'missing';
  return /[+#]/.test(prefix) ? 'wildcard' : null;
}

/** Whether an alarm id can be a topic level (no `/`, `+`, `#`). */
export function shareableId(id: string): boolean {
  return id !== '' && !/[/+#]/.test(id);
}

export const sharedAlarmTopic = (prefix: string, id: string) => `${prefix}/alarms/${id}`;
export const sharedAlarmsFilter = (prefix: string) => `${prefix}/alarms/+`;

/** The alarm id a topic carries the state of, or null when it is not a shared alarm topic. */
export function sharedAlarmId(prefix: string, topic: string): string | null {
  const head = `${prefix}/alarms/`;
  if (!topic.startsWith(head)) return null;
  const id = topic.slice(head.length);
  return shareableId(id) ? id : null;
}

const iso = (time: number | null | undefined) => (time === null || time === undefined ? null : new Date(time).toISOString());

/** The retained payload for a state, as JSON. */
export function sharedStatePayload(state: AlarmState, from: string, at: number): string {
  const shown = operatorState(state);
  const since = state.active ? state.raisedAt : (state.returnedAt ?? state.acknowledgedAt);
  return JSON.stringify({
    state: shown,
    value: state.value,
    since: iso(since),
    acknowledgedBy: state.acknowledgedBy,
    acknowledgedAt: iso(state.acknowledgedAt),
    comment: state.comment,
    shelvedUntil: iso(state.shelvedUntil),
    shelvedBy: state.shelvedBy ?? '',
    shelfChangedAt: iso(state.shelfChangedAt),
    from,
    at: iso(at),
  });
}

/** A shared state read field by field, or why it cannot be used. */
export function readSharedState(text: string): SharedAlarmState | { problem: SharedStateProblem } {
  if (text.length > MAX_SHARED_CHARS) return { problem: 'not-a-state' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'not-json' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problem: 'not-a-state' };
  const given = data as Record<string, unknown>;
  // Written by this dashboard in camelCase; a state written by hand or by another tool in snake_case reads the same.
  const item = (key: string): unknown => given[key] ?? given[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)];
  const stateGiven = item('state');
  const state = typeof stateGiven === 'string' ? stateGiven.trim().toLowerCase().replace(/_/g, '-') : stateGiven;
  if (typeof state !== 'string' || !(OPERATOR_STATES as readonly string[]).includes(state)) return { problem: 'not-a-state' };
  const since = readTime(item('since'));
  const acknowledgedAt = readTime(item('acknowledgedAt'));
  const shelvedUntil = readTime(item('shelvedUntil'));
  const shelfChangedAt = readTime(item('shelfChangedAt'));
  const at = readTime(item('at'));
  const acknowledgedBy = readText(item('acknowledgedBy'));
  const comment = readText(item('comment'));
  const shelvedBy = readText(item('shelvedBy'));
  const from = readText(item('from'));
  const value = item('value') === null || item('value') === undefined ? null : readText(item('value'));
  if (since === undefined || acknowledgedAt === undefined || shelvedUntil === undefined || shelfChangedAt === undefined || at === undefined) return { problem: 'not-a-state' };
  if (acknowledgedBy === undefined || comment === undefined || shelvedBy === undefined || from === undefined || value === undefined) return { problem: 'not-a-state' };
  // An acknowledgement says when: without a time it cannot be told from one made yesterday.
  if (state === 'acknowledged' && acknowledgedAt === null) return { problem: 'not-a-state' };
  return { state: state as OperatorState, value, since, acknowledgedBy, acknowledgedAt, comment, shelvedUntil, shelvedBy, shelfChangedAt, from, at };
}

/** A time: epoch ms or an ISO 8601 text; null or absent is null; anything else is undefined (unusable). */
function readTime(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

function readText(value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value.slice(0, 500) : undefined;
}

/**
 * What another dashboard's state changes here: its acknowledgement, when this alarm waits for one and it
 * was made for this raise; its shelf, when it is the latest act. Raised and returned are judged here from
 * the values. `step` is null when nothing changes; `problem` says why a state was ignored.
 */
export function mergeSharedState(local: AlarmState, remote: SharedAlarmState, now: number): { step: Step | null; problem: SharedStateProblem | null } {
  const future = [remote.at, remote.acknowledgedAt, remote.shelfChangedAt].some((time) => time !== null && time > now + FUTURE_MS);
  if (future) return { step: null, problem: 'from-the-future' };
  let state = local;
  const events: Step['events'] = [];
  let problem: SharedStateProblem | null = null;
  const ackAt = remote.acknowledgedAt;
  if (ackAt !== null && ackAt !== local.acknowledgedAt) {
    if (!local.acknowledged) {
      if (local.raisedAt !== null && ackAt >= local.raisedAt - CLOCK_SKEW_MS) {
        const step = acknowledge(local, remote.acknowledgedBy.trim() || remote.from.trim() || '?', remote.comment.trim(), ackAt);
        if (step) {
          state = step.state;
          events.push(...step.events);
        }
      }
    } else if (operatorState(local) === 'normal' && remote.state !== 'normal') problem = 'acknowledges-normal';
  }
  const shelfAt = remote.shelfChangedAt;
  if (shelfAt !== null && shelfAt > (state.shelfChangedAt ?? Number.NEGATIVE_INFINITY)) {
    const step =
      remote.shelvedUntil !== null && remote.shelvedUntil > now
        ? shelve(state, remote.shelvedUntil, Math.min(shelfAt, now), remote.shelvedBy.trim() || remote.from.trim())
        : unshelve(state, now);
    if (step) {
      state = step.state;
      events.push(...step.events);
    }
    state = { ...state, shelfChangedAt: shelfAt };
  }
  return { step: state === local ? null : { state, events }, problem };
}
