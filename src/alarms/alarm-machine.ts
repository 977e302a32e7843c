/**
 * An alarm's state as operators know it (ISA-18.2): normal → active, unacknowledged → acknowledged (still
 * active) or returned, unacknowledged (cleared before anyone saw it) → normal once both cleared and
 * acknowledged; shelved until a time (it comes back by itself); suppressed while its device is offline.
 * Pure functions on plain records with the time passed in: the engine runs them on every message, in order,
 * and on timers; tests run them with a fake clock.
 */
import { MAX_SHELVE_MS, isLimit, type AlarmDefinition } from './alarm-definition';
import type { SharedStateProblem } from './alarm-sharing';

export interface AlarmState {
  id: string;
  /** The condition as last judged (with the deadband), before the delays. */
  condition: boolean;
  /** Since when the condition is what it is (epoch ms): the on- and off-delays count from here. */
  conditionSince: number | null;
  /** Raised: the condition held past the on-delay, and has not been gone past the off-delay. */
  active: boolean;
  /** Seen by someone since it was last raised (a normal alarm is acknowledged). */
  acknowledged: boolean;
  raisedAt: number | null;
  returnedAt: number | null;
  /**
   * The value that raised it (as text), and the value when the condition last changed (the live value is
   * the topic's: a state changes, and is written, only when something about the alarm does).
   */
  raisedValue: string | null;
  value: string | null;
  /** Raised by a message the broker kept in the persistent session while the dashboard was away. */
  raisedWhileAway: boolean;
  acknowledgedBy: string;
  acknowledgedAt: number | null;
  comment: string;
  /** Shelved until then (epoch ms), or null. */
  shelvedUntil: number | null;
  /** Its device is offline: the offline alarm speaks for it. */
  suppressed: boolean;
  /** Who shelved it, and when it was last shelved or unshelved (shared between dashboards: the latest act wins). */
  shelvedBy?: string;
  shelfChangedAt?: number | null;
}

export type OperatorState = 'normal' | 'active-unacknowledged' | 'acknowledged' | 'returned-unacknowledged' | 'shelved' | 'suppressed';

/** `ignored`: a state shared by another dashboard that could not be used (its reason says why). */
export type AlarmEventKind = 'raised' | 'returned' | 'acknowledged' | 'normal' | 'shelved' | 'unshelved' | 'ignored';

/** One line of an alarm's history. */
export interface AlarmEvent {
  alarmId: string;
  kind: AlarmEventKind;
  at: number;
  /** The value at that moment, as text, or null. */
  value: string | null;
  /** Acknowledged: by whom (the dashboard's name) and the comment; shelved: until when. */
  by?: string;
  comment?: string;
  until?: number;
  /** Raised by a message received while away. */
  whileAway?: boolean;
  /** Ignored: why (the value holds the start of what was received). */
  reason?: SharedStateProblem;
}

export interface Step {
  state: AlarmState;
  events: AlarmEvent[];
}

export function normalState(id: string): AlarmState {
  return {
    id,
    condition: false,
    conditionSince: null,
    active: false,
    acknowledged: true,
    raisedAt: null,
    returnedAt: null,
    raisedValue: null,
    value: null,
    raisedWhileAway: false,
    acknowledgedBy: '',
    acknowledgedAt: null,
    comment: '',
    shelvedUntil: null,
    suppressed: false,
  };
}

export function operatorState(state: AlarmState): OperatorState {
  if (state.shelvedUntil !== null) return 'shelved';
  if (state.suppressed) return 'suppressed';
  if (state.active) return state.acknowledged ? 'acknowledged' : 'active-unacknowledged';
  return state.acknowledged ? 'normal' : 'returned-unacknowledged';
}

/** Whether the alarm calls for someone: unacknowledged, neither shelved nor suppressed. */
export function needsAcknowledging(state: AlarmState): boolean {
  const shown = operatorState(state);
  return shown === 'active-unacknowledged' || shown === 'returned-unacknowledged';
}

/**
 * A limit's condition for a number, with the deadband: raised above a high limit (below a low one), and
 * kept until the value comes back past the limit by the deadband. Null: not a number, nothing to judge.
 */
export function limitCondition(alarm: AlarmDefinition, held: boolean, value: number | null): boolean | null {
  if (value === null || !Number.isFinite(value) || !isLimit(alarm.kind)) return null;
  const high = alarm.kind === 'high' || alarm.kind === 'high-high';
  if (high) return held ? value > alarm.limit - alarm.deadband : value > alarm.limit;
  return held ? value < alarm.limit + alarm.deadband : value < alarm.limit;
}

/** `equals` / `differs`: the value's text (without surrounding spaces) against the alarm's. */
export function textCondition(alarm: AlarmDefinition, value: string): boolean | null {
  if (alarm.kind !== 'equals' && alarm.kind !== 'differs') return null;
  const same = value.trim() === alarm.text.trim();
  return alarm.kind === 'equals' ? same : !same;
}

/**
 * The condition judged at `at` (a message's arrival, a device's change, a timer): the delays start when it
 * changes, and the alarm is raised or returns once they have passed.
 */
export function judge(alarm: AlarmDefinition, state: AlarmState, condition: boolean, at: number, value: string | null, whileAway = false): Step {
  const changed = condition !== state.condition || state.conditionSince === null;
  const next = changed ? { ...state, condition, conditionSince: at, value: value ?? state.value } : state;
  return settle(alarm, next, at, whileAway);
}

/** The delays that have run out by `now`, and a shelf that has expired. */
export function settle(alarm: AlarmDefinition, state: AlarmState, now: number, whileAway = false): Step {
  const events: AlarmEvent[] = [];
  let next = state;
  // Nothing waits and no shelf ends: the same state (no write, nothing crosses to the page).
  if (next.shelvedUntil === null && next.condition === next.active) return { state, events };
  if (next.shelvedUntil !== null && now >= next.shelvedUntil) next = unshelved(next, now, events);
  const since = next.conditionSince ?? now;
  if (next.condition && !next.active && now - since >= alarm.onDelaySeconds * 1000) {
    next = {
      ...next,
      active: true,
      acknowledged: false,
      raisedAt: now,
      returnedAt: null,
      raisedValue: next.value,
      raisedWhileAway: whileAway,
      acknowledgedBy: '',
      acknowledgedAt: null,
      comment: '',
    };
    events.push({ alarmId: next.id, kind: 'raised', at: now, value: next.value, ...(whileAway ? { whileAway } : {}) });
  } else if (!next.condition && next.active && now - since >= alarm.offDelaySeconds * 1000) {
    next = { ...next, active: false, returnedAt: now };
    events.push({ alarmId: next.id, kind: next.acknowledged ? 'normal' : 'returned', at: now, value: next.value });
  }
  return { state: next, events };
}

/** When `settle` must look again (a delay ends, a shelf expires), or null when nothing waits. */
export function nextDeadline(alarm: AlarmDefinition, state: AlarmState): number | null {
  const times: number[] = [];
  if (state.shelvedUntil !== null) times.push(state.shelvedUntil);
  if (state.conditionSince !== null) {
    if (state.condition && !state.active) times.push(state.conditionSince + alarm.onDelaySeconds * 1000);
    if (!state.condition && state.active) times.push(state.conditionSince + alarm.offDelaySeconds * 1000);
  }
  return times.length === 0 ? null : Math.min(...times);
}

/** Someone saw it. Null when there was nothing to acknowledge. */
export function acknowledge(state: AlarmState, by: string, comment: string, at: number): Step | null {
  if (state.acknowledged) return null;
  const next: AlarmState = { ...state, acknowledged: true, acknowledgedBy: by, acknowledgedAt: at, comment };
  const events: AlarmEvent[] = [{ alarmId: state.id, kind: 'acknowledged', at, value: state.value, by, ...(comment === '' ? {} : { comment }) }];
  if (!state.active) events.push({ alarmId: state.id, kind: 'normal', at, value: state.value });
  return { state: next, events };
}

/** Shelved until `until` (at most 8 h from now); it comes back by itself. */
export function shelve(state: AlarmState, until: number, at: number, by: string): Step {
  const end = Math.min(until, at + MAX_SHELVE_MS);
  return { state: { ...state, shelvedUntil: end, shelvedBy: by, shelfChangedAt: at }, events: [{ alarmId: state.id, kind: 'shelved', at, value: state.value, until: end, by }] };
}

/** Back from the shelf before its time. Null when it was not shelved. */
export function unshelve(state: AlarmState, at: number): Step | null {
  if (state.shelvedUntil === null) return null;
  const events: AlarmEvent[] = [];
  return { state: unshelved(state, at, events), events };
}

/** Off the shelf: still active, it calls again (unacknowledged); gone meanwhile, it is normal. */
function unshelved(state: AlarmState, at: number, events: AlarmEvent[]): AlarmState {
  events.push({ alarmId: state.id, kind: 'unshelved', at, value: state.value });
  return { ...state, shelvedUntil: null, shelvedBy: '', shelfChangedAt: at, acknowledged: !state.active };
}

/** Its device went offline (suppressed) or came back. */
export function suppress(state: AlarmState, suppressed: boolean): AlarmState {
  return state.suppressed === suppressed ? state : { ...state, suppressed };
}
