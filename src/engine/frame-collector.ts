/**
 * Gathers what changed in the engine's stores and sends it to the page as one frame, at most one per
 * animation frame (16 ms), and never a new one before the page has applied the last: a busy page gets
 * fewer, larger frames instead of a growing queue. The first change after a quiet spell goes at once.
 */
import type { AlarmState } from '../alarms/alarm-machine';
import type { DashboardService } from '../app/dashboard-service';
import type { EngineFrame } from './engine-frame';

/** The sparklines show this many recent values: more never needs to cross. */
export const SPARKLINE_WINDOW = 60;
const FRAME_MS = 8;
/**
 * Topics in one frame at most: a flood that changed 10,000 topics crosses in several frames, so that the
 * page never spends a long task reading one (structured clone) and applying it.
 */
export const TOPICS_PER_FRAME = 1000;
/**
 * Alarm states cross at most this often: with a thousand alarms raised one after the other, a frame of
 * all their states every 16 ms would have both threads copying them most of the time.
 */
export const ALARMS_EVERY_MS = 250;

export class FrameCollector {
  private _scheduled = false;
  private _inFlight = false;
  private _lastSent = -FRAME_MS;
  private _logWatched = false;
  private _logSent = 0;
  private _logCapacity = 0;
  private _logReset = true;
  private readonly _sent = new Map<string, object>();
  private _messageCount = -1;
  private _alarmsSentAt = -ALARMS_EVERY_MS;
  /** The alarm states as last sent: the next frame sends only those that differ. */
  private _alarmsSent: readonly AlarmState[] = [];
  private _alarmsLater = false;

  constructor(
    private readonly _service: DashboardService,
    private readonly _send: (frame: EngineFrame) => Promise<void>,
  ) {
    _service.topics.trackChanges();
    _service.history.trackChanges();
    _service.outbox.store.trackChanges();
    const stores = [
      _service.topics,
      _service.messages,
      _service.outbox.store,
      _service.presence,
      _service.subscriptions,
      _service.status,
      _service.settings,
      _service.notices,
      _service.display,
      _service.role,
      _service.rate,
      _service.session,
      _service.alarms.store,
    ];
    for (const store of stores) store.subscribe(() => this.schedule());
  }

  /** A view of the log opened (or the last one closed): the log crosses only while someone reads it. */
  watchLog(watched: boolean): void {
    this._logWatched = watched;
    this._logReset = true;
    this.schedule();
  }

  private _resync(): void {
    this._service.topics.changedAll();
    this._service.outbox.store.changedAll();
    this._sent.clear();
    this._messageCount = -1;
    this._logReset = true;
    this.schedule();
  }

  schedule(): void {
    if (this._scheduled) return;
    this._scheduled = true;
    if (!this._inFlight) this._arm();
  }

  private _arm(): void {
    setTimeout(() => void this._flush(), Math.max(0, this._lastSent + FRAME_MS - performance.now()));
  }

  private async _flush(): Promise<void> {
    this._scheduled = false;
    this._inFlight = true;
    this._lastSent = performance.now();
    try {
      await this._send(this._take());
    } catch (error) {
      // The frame did not reach the page whole (or the page failed to apply it): everything is sent
      // again in the next one, so that the page never keeps a view the engine no longer has.
      console.error('A frame for the page failed; sending everything again.', error);
      this._resync();
    } finally {
      this._inFlight = false;
      if (this._scheduled) this._arm();
    }
  }

  private _take(): EngineFrame {
    const service = this._service;
    const topics = service.topics.takeChanges(TOPICS_PER_FRAME);
    const recent = service.history.takeRecent(SPARKLINE_WINDOW, TOPICS_PER_FRAME);
    // What did not fit goes in the next frame, once the page has applied this one.
    if (service.topics.hasChanges || service.history.hasRecent) this._scheduled = true;
    const outbox = service.outbox.store.takeChanges();
    const presence = service.presence.list();
    return {
      topics: topics.values.length > 0 || topics.removed.length > 0 || this._messageCount !== service.topics.messageCount
        ? { ...topics, messageCount: (this._messageCount = service.topics.messageCount) }
        : null,
      log: this._takeLog(),
      recent: recent.topics.length > 0 ? recent : null,
      outbox: outbox.put.length > 0 || outbox.deleted.length > 0 ? outbox : null,
      presence: this._changed('presence', presence) ? presence : null,
      subscriptions: this._state('subscriptions', service.subscriptions.state),
      status: this._state('status', service.status.state),
      settings: this._state('settings', service.settings.state),
      notices: this._state('notices', service.notices.state),
      display: this._state('display', service.display.state),
      role: this._state('role', service.role.state),
      rate: this._state('rate', service.rate.state),
      session: this._state('session', service.session.state),
      alarms: this._alarms(),
    };
  }

  /** The alarm states when they changed, at most every ALARMS_EVERY_MS (a later frame takes them otherwise). */
  private _alarms(): EngineFrame['alarms'] {
    const state = this._service.alarms.store.state;
    if (this._sent.get('alarms') === state) return null;
    const wait = this._alarmsSentAt + ALARMS_EVERY_MS - performance.now();
    if (wait > 0) {
      if (!this._alarmsLater) {
        this._alarmsLater = true;
        setTimeout(() => {
          this._alarmsLater = false;
          this.schedule();
        }, wait);
      }
      return null;
    }
    this._alarmsSentAt = performance.now();
    const before = this._sent.has('alarms') ? this._alarmsSent : [];
    this._sent.set('alarms', state);
    this._alarmsSent = state.states;
    // The same alarms in the same order: only the states that changed cross (null for the others).
    const same = before.length === state.states.length && state.states.every((each, index) => each.id === before[index]?.id);
    return { states: state.states.map((each, index) => (same && before[index] === each ? null : each)), historyVersion: state.historyVersion };
  }

  private _takeLog(): EngineFrame['log'] {
    if (!this._logWatched) return null;
    const log = this._service.messages;
    const reset = this._logReset || log.capacity !== this._logCapacity || log.total < this._logSent;
    if (!reset && log.total === this._logSent) return null;
    const messages = reset ? log.since(0) : log.since(this._logSent);
    this._logReset = false;
    this._logSent = log.total;
    this._logCapacity = log.capacity;
    return { messages, total: log.total, capacity: log.capacity, reset, held: log.size };
  }

  /** The state, when it is not the one sent last (stores replace their state on every change). */
  private _state<T extends object>(name: string, state: T): T | null {
    return this._changed(name, state) ? state : null;
  }

  private _changed(name: string, state: object): boolean {
    if (this._sent.get(name) === state) return false;
    this._sent.set(name, state);
    return true;
  }
}
