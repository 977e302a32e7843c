/**
 * In the engine, with the alarms: the states other dashboards share on `<prefix>/alarms/<id>` (and this
 * one's own, back from the broker). Their acknowledgements and shelves are taken (see mergeSharedState);
 * what cannot be used is refused and written in the alarm history, bounded so that a flood of hostile
 * states cannot push the real events out of it.
 */
import type { AlarmDefinition } from '../alarms/alarm-definition';
import type { AlarmEvent, AlarmState, Step } from '../alarms/alarm-machine';
import { mergeSharedState, readSharedState, sharedAlarmId, type SharedStateProblem } from '../alarms/alarm-sharing';

/** Sharing on: the topics' prefix, and the name this dashboard publishes under. */
export interface SharingTarget {
  prefix: string;
  from: string;
}

/** A shared state that cannot be used is written in the history once per alarm and reason in this time. */
export const IGNORED_EVERY_MS = 60_000;
/** And at most this many in all per minute (the message log still flags every one). */
export const IGNORED_PER_MINUTE = 30;

/** What this needs from the alarms' engine. */
export interface SharedStatesHost {
  judges(): boolean;
  now(): number;
  alarm(id: string): AlarmDefinition | undefined;
  state(id: string): AlarmState | undefined;
  /** Takes a step another dashboard's act made (not shared again from here). */
  take(alarm: AlarmDefinition, step: Step): void;
  /** Writes an event in the history. */
  log(event: AlarmEvent): void;
}

export class SharedAlarmStates {
  /** Where states are shared, or null when they are not. */
  target: SharingTarget | null = null;
  private readonly _ignoredAt = new Map<string, number>();
  private _windowAt = Number.NEGATIVE_INFINITY;
  private _inWindow = 0;

  constructor(private readonly _host: SharedStatesHost) {}

  /** The alarm id a topic carries a shared state of, when sharing; null for every other topic. */
  idOf(topic: string): string | null {
    return this.target === null ? null : sharedAlarmId(this.target.prefix, topic);
  }

  /** A shared state heard: null when taken (or nothing to take), else why it was refused. */
  hear(id: string, text: string, at: number): SharedStateProblem | null {
    if (!this._host.judges() || text === '') return null; // empty: a removed alarm's state, cleared
    const remote = readSharedState(text);
    if ('problem' in remote) return this._ignored(id, remote.problem, text, at);
    const alarm = this._host.alarm(id);
    if (!alarm) return this._ignored(id, 'unknown-alarm', text, at);
    const state = this._host.state(id);
    if (!state) return null;
    const merged = mergeSharedState(state, remote, this._host.now());
    if (merged.step) this._host.take(alarm, merged.step);
    return merged.problem === null ? null : this._ignored(id, merged.problem, text, at);
  }

  private _ignored(id: string, reason: SharedStateProblem, text: string, at: number): SharedStateProblem {
    const key = `${reason} ${id}`;
    const last = this._ignoredAt.get(key);
    if (at - this._windowAt >= IGNORED_EVERY_MS) {
      this._windowAt = at;
      this._inWindow = 0;
    }
    if ((last === undefined || at - last >= IGNORED_EVERY_MS) && this._inWindow < IGNORED_PER_MINUTE) {
      this._inWindow++;
      if (this._ignoredAt.size > 1000) this._ignoredAt.clear();
      this._ignoredAt.set(key, at);
      this._host.log({ alarmId: id, kind: 'ignored', at, value: text.slice(0, 200), reason });
    }
    return reason;
  }
}
