/**
 * In the engine: judges the alarms on every message to their topics, in order (the persistent session's
 * catch-up and the retained values at connect included), on presence changes and on a one-second clock
 * (delays, silences, shelves). The owner tab judges and writes states with their events to disk; the other
 * tabs hear the states from it (AlarmSync) and ask it to acknowledge or shelve. States come back from disk
 * before the first message is judged. A topic no alarm reads costs one map lookup.
 */
import { copyAlarm, readsTopic, type AlarmDefinition } from '../alarms/alarm-definition';
import {
  acknowledge,
  judge,
  limitCondition,
  nextDeadline,
  normalState,
  settle,
  shelve,
  suppress,
  textCondition,
  unshelve,
  type AlarmEvent,
  type AlarmState,
  type Step,
} from '../alarms/alarm-machine';
import { readReported, reportedNumber, type ReportedPayload } from '../controls/control-payload';
import { ValueStore } from '../state/notifier';
import type { DeviceState } from '../state/presence-store';
import type { AlarmRepository, StoredAlarmEvent } from '../storage/alarm-repository';
import { sharedStatePayload, type SharedStateProblem } from '../alarms/alarm-sharing';
import { SharedAlarmStates, type SharingTarget } from './shared-alarm-states';
import type { AlarmRequest, AlarmSync } from './alarm-sync';

/** How long changes gather before they are written to disk and told to the page (see _scheduleFlush). */
export const WRITE_EVERY_MS = 250;
/** A change after a quiet spell is written this soon (an acknowledgement, a single raise). */
export const FIRST_WRITE_MS = 10;
/** The longest a change waits for the disk before it is shown anyway. */
export const SHOWN_WITHIN_MS = 500;

export interface AlarmStates {
  /** Every defined alarm's state, in the definitions' order. */
  readonly states: readonly AlarmState[];
  /** Bumped when events were written: a history on screen reads again. */
  readonly historyVersion: number;
}

export interface AlarmHost {
  now(): number;
  /** Whether this tab judges (the owner tab). */
  judges(): boolean;
  /** When the link came up (epoch ms), or null while down: silences are counted only while connected. */
  linkUpAt(): number | null;
  /** The device a topic belongs to, and a device's state. */
  deviceOf(topic: string): string | null;
  deviceState(id: string): DeviceState | null;
  /** Something went wrong writing to disk. */
  storageFailed(error: unknown): void;
  /** A topic's latest value, if any: a new or changed alarm judges it at once. */
  latest(topic: string): ReportedPayload | undefined;
  /** Publishes an alarm's shared state, retained, through the outbox (null: clears it, the alarm is gone). */
  share(id: string, payload: string | null): void;
}

export class AlarmService {
  readonly store = new ValueStore<AlarmStates>({ states: [], historyVersion: 0 });
  private _definitions: AlarmDefinition[] = [];
  private _byId = new Map<string, AlarmDefinition>();
  private _byTopic = new Map<string, AlarmDefinition[]>();
  private readonly _states = new Map<string, AlarmState>();
  private readonly _lastHeard = new Map<string, number>();
  private _dirty = new Set<string>();
  private _events: AlarmEvent[] = [];
  private _deleted: string[] = [];
  private _flushing = false;
  private _flushedAt = Number.NEGATIVE_INFINITY;
  private _flushTimer: ReturnType<typeof setTimeout> | undefined;
  private _defined = false;
  private _writes: Promise<void> = Promise.resolve();
  /** States shared with other dashboards through the broker. */
  private readonly _shared = new SharedAlarmStates({
    judges: () => this._host.judges(),
    now: () => this._host.now(),
    alarm: (id) => this._byId.get(id),
    state: (id) => this._states.get(id),
    take: (alarm, step) => this._take(alarm, step, false),
    log: (event) => {
      this._events.push(event);
      this._scheduleFlush();
    },
  });
  /** Alarms whose state changed here (judged, or acted on by someone here): published when sharing. */
  private _toShare = new Set<string>();

  constructor(
    private readonly _host: AlarmHost,
    private readonly _repository: AlarmRepository | null,
    private readonly _sync: AlarmSync | null,
  ) {
    _sync?.onStates((states) => {
      if (_host.judges()) return;
      for (const state of states) if (this._states.has(state.id)) this._states.set(state.id, state);
      this._publish(true);
    });
    _sync?.onRequest((request) => {
      if (_host.judges()) this.apply(request);
    });
  }

  /** The states as written last (before the first message is judged, and when this tab starts judging). */
  async load(): Promise<void> {
    if (!this._repository) return;
    const saved = await this._repository.loadStates();
    for (const state of saved) if (this._states.has(state.id) || this._definitions.length === 0) this._states.set(state.id, state);
    this._publish(false);
  }

  history(limit: number): Promise<StoredAlarmEvent[]> {
    return this._repository?.history(limit) ?? Promise.resolve([]);
  }

  setDefinitions(definitions: readonly AlarmDefinition[]): void {
    const before = new Map(this._definitions.map((alarm) => [alarm.id, JSON.stringify(alarm)]));
    // At start the states come from disk: only what the user adds or changes afterwards is judged at once.
    const atStart = !this._defined;
    this._defined = true;
    this._definitions = definitions.map(copyAlarm);
    this._byId = new Map(this._definitions.map((alarm) => [alarm.id, alarm]));
    this._byTopic = new Map();
    const ids = new Set<string>();
    for (const alarm of this._definitions) {
      ids.add(alarm.id);
      if (!this._states.has(alarm.id)) this._states.set(alarm.id, normalState(alarm.id));
      if (!readsTopic(alarm.kind)) continue;
      const list = this._byTopic.get(alarm.topic);
      if (list) list.push(alarm);
      else this._byTopic.set(alarm.topic, [alarm]);
    }
    for (const id of [...this._states.keys()]) {
      if (ids.has(id)) continue;
      this._states.delete(id);
      if (this._host.judges()) this._deleted.push(id);
    }
    this._publish(this._deleted.length > 0);
    if (this._deleted.length > 0) this._scheduleFlush();
    // A limit set on a value already past it raises at once (a changed one judges the value again).
    for (const alarm of this._definitions) {
      if (atStart || before.get(alarm.id) === JSON.stringify(alarm) || !readsTopic(alarm.kind) || alarm.kind === 'no-data') continue;
      const latest = this._host.latest(alarm.topic);
      if (latest) this._judgeValue(alarm, latest, this._host.now(), false);
    }
  }

  /** An alarm's state as judged so far (the store has it after the current task). */
  state(id: string): AlarmState | undefined {
    return this._states.get(id);
  }

  watches(topic: string): boolean {
    return this._byTopic.has(topic);
  }

  /** Shares states on `<prefix>/alarms/<id>` (null: not shared). */
  setSharing(sharing: SharingTarget | null): void {
    this._shared.target = sharing;
  }

  /** The alarm id a topic carries another dashboard's state of, when sharing; null for every other topic. */
  sharedIdOf(topic: string): string | null {
    return this._shared.idOf(topic);
  }

  /** A state another dashboard shared (see SharedAlarmStates): why it was ignored, or null. */
  hearShared(id: string, text: string, at: number): SharedStateProblem | null {
    return this._shared.hear(id, text, at);
  }

  /** A message on an alarm's topic. */
  observe(topic: string, payload: ReportedPayload, at: number, whileAway: boolean): void {
    const alarms = this._byTopic.get(topic);
    if (!alarms || !this._host.judges()) return;
    this._lastHeard.set(topic, at);
    for (const alarm of alarms) this._judgeValue(alarm, payload, at, whileAway);
  }

  private _judgeValue(alarm: AlarmDefinition, payload: ReportedPayload, at: number, whileAway: boolean): void {
    const state = this._states.get(alarm.id);
    if (!state || !this._host.judges()) return;
    const reported = readReported({ statePath: alarm.path }, payload);
    if (alarm.kind === 'no-data') {
      this._take(alarm, judge(alarm, state, false, at, reported));
      return;
    }
    if (reported === null) return;
    const condition = textCondition(alarm, reported) ?? limitCondition(alarm, state.condition, reportedNumber(reported));
    // Not a number for a limit: nothing to judge (the tile and the list show it as the live value).
    if (condition !== null) this._take(alarm, judge(alarm, state, condition, at, reported, whileAway));
  }

  /** Every second, and when presence changes: devices offline, silences, suppression, delays and shelves. */
  tick(): void {
    if (!this._host.judges()) return;
    const now = this._host.now();
    const linkUp = this._host.linkUpAt();
    for (const alarm of this._definitions) {
      let state = this._states.get(alarm.id);
      if (!state) continue;
      if (alarm.kind === 'offline') {
        const device = this._host.deviceState(alarm.device.trim());
        if (device !== null && device !== 'unknown') {
          const offline = device === 'offline';
          if (offline !== state.condition || state.conditionSince === null) this._take(alarm, judge(alarm, state, offline, now, device));
        }
      } else {
        const device = this._host.deviceOf(alarm.topic);
        const suppressed = device !== null && this._host.deviceState(device) === 'offline';
        if (suppressed !== state.suppressed) this._take(alarm, { state: suppress(state, suppressed), events: [] });
        if (alarm.kind === 'no-data' && linkUp !== null) {
          state = this._states.get(alarm.id) as AlarmState;
          const heard = Math.max(this._lastHeard.get(alarm.topic) ?? linkUp, linkUp);
          const silent = now - heard >= alarm.silenceSeconds * 1000;
          if (silent !== state.condition || state.conditionSince === null) this._take(alarm, judge(alarm, state, silent, silent ? heard + alarm.silenceSeconds * 1000 : now, null));
        }
      }
      state = this._states.get(alarm.id) as AlarmState;
      const deadline = nextDeadline(alarm, state);
      if (deadline !== null && deadline <= now) this._take(alarm, settle(alarm, state, now));
    }
  }

  /** Acknowledge, shelve, unshelve: done here when this tab judges, else asked of the tab that does. */
  apply(request: AlarmRequest): void {
    if (!this._host.judges()) {
      this._sync?.request(request);
      return;
    }
    const now = this._host.now();
    for (const id of request.ids) {
      const alarm = this._byId.get(id);
      const state = this._states.get(id);
      if (!alarm || !state) continue;
      const step: Step | null =
        request.kind === 'acknowledge'
          ? acknowledge(state, request.by, request.comment.trim(), now)
          : request.kind === 'shelve'
            ? shelve(state, request.until, now, request.by)
            : unshelve(state, now);
      if (step) this._take(alarm, step);
    }
  }

  /** `local`: judged or acted on here (shared when sharing); false for what another dashboard shared. */
  private _take(alarm: AlarmDefinition, step: Step, local = true): void {
    const before = this._states.get(alarm.id);
    if (before === step.state && step.events.length === 0) return;
    this._states.set(alarm.id, step.state);
    this._dirty.add(alarm.id);
    if (local && step.events.length > 0) this._toShare.add(alarm.id);
    this._events.push(...step.events);
    this._scheduleFlush();
  }

  /**
   * Changes are written and told together: the first after a quiet spell FIRST_WRITE_MS after it, then at
   * most one write every WRITE_EVERY_MS. A thousand alarms raised one after the other under a flood make four
   * transactions a second, not one per batch of messages; an acknowledgement shows at once.
   */
  private _scheduleFlush(): void {
    if (this._flushing) return;
    this._flushing = true;
    const wait = Math.max(FIRST_WRITE_MS, this._flushedAt + WRITE_EVERY_MS - performance.now());
    this._flushTimer = setTimeout(() => this._flush(), wait);
  }

  private _flush(): void {
    this._flushing = false;
    this._flushedAt = performance.now();
    const states = [...this._dirty].flatMap((id) => this._states.get(id) ?? []);
    const events = this._events;
    const deleted = this._deleted;
    const toShare = this._toShare;
    this._dirty = new Set();
    this._events = [];
    this._deleted = [];
    this._toShare = new Set();
    const sharing = this._shared.target;
    if (sharing) {
      const now = this._host.now();
      for (const id of toShare) {
        const state = this._states.get(id);
        if (state) this._host.share(id, sharedStatePayload(state, sharing.from, now));
      }
      for (const id of deleted) this._host.share(id, null);
    }
    const tell = () => {
      this._sync?.announce(states);
      this._publish(events.length > 0);
    };
    const repository = this._repository;
    if (!repository) {
      tell();
      return;
    }
    // Told once on disk, so what an operator saw survives the browser being killed; a storage that hangs
    // delays the screen by SHOWN_WITHIN_MS at most (an alarm is never kept from view by the disk).
    const write = this._writes.then(() => repository.save(states, events, deleted)).catch((error: unknown) => this._host.storageFailed(error));
    let told = false;
    const once = () => {
      if (told) return;
      told = true;
      tell();
    };
    const fallback = setTimeout(once, SHOWN_WITHIN_MS);
    this._writes = write.then(() => {
      clearTimeout(fallback);
      once();
    });
  }

  /** Settles once every state and event taken so far is on disk (tests, and the page being hidden). */
  async saved(): Promise<void> {
    if (this._flushing) {
      // Written now rather than at its time: the page is being hidden, or a test waits.
      clearTimeout(this._flushTimer);
      this._flush();
    }
    await this._writes;
  }

  private _publish(historyChanged: boolean): void {
    const states = this._definitions.flatMap((alarm) => this._states.get(alarm.id) ?? []);
    const historyVersion = this.store.state.historyVersion + (historyChanged ? 1 : 0);
    this.store.replace({ states, historyVersion });
  }
}
