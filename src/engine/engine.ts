/**
 * The engine: everything that touches the broker or the disk, run in a dedicated Worker (engine-worker.ts).
 * It owns the MQTT connection and its keep-alive, decoding, the stores, the outbox and its IndexedDB journal
 * (a QoS 2 step is on disk before its packet is written), the Web Locks leadership and the BroadcastChannel
 * between tabs. The page talks to it through these async methods (Comlink) and hears back in frames.
 */
import { storageFailure, type Problem } from '../shared/problems';
import * as Comlink from 'comlink';
import { DashboardService } from '../app/dashboard-service';
import type { KioskLink } from '../app/kiosk-link';
import { OutboxService } from '../app/outbox-service';
import { OutboxSync } from '../app/outbox-sync';
import { switchToProfile } from '../app/profile-switch';
import { ValueMemory } from '../app/value-memory';
import { TrendKeeper } from '../app/trend-keeper';
import { TrendRepository } from '../storage/trend-repository';
import type { TimelineSpan } from '../state/text-timeline';
import { MqttConnection } from '../mqtt/connection';
import { openDashboardDatabase, type DashboardDatabase } from '../storage/database';
import type { NewCommand } from '../storage/outbox-command';
import { OutboxRepository } from '../storage/outbox-repository';
import { AlarmRepository, type StoredAlarmEvent } from '../storage/alarm-repository';
import type { AlarmRequest } from '../app/alarm-sync';
import type { BrokerProfile, PresenceSettings, StoredSettings } from '../storage/settings';
import { SettingsRepository } from '../storage/settings-repository';
import { ValueSnapshotRepository } from '../storage/value-snapshot';
import type { EngineFrame, Series } from './engine-frame';
import { FrameCollector } from './frame-collector';
import type { QoS } from '../shared/types';
import { useLanguage, type Language } from '../i18n/words';

export interface EngineStart {
  defaults: StoredSettings;
  link: KioskLink;
}

export class Engine {
  private _service: DashboardService | null = null;
  private _frames: FrameCollector | null = null;
  private _memory: ValueMemory | null = null;
  private _trends: TrendKeeper | null = null;
  private _logWatched = false;
  /** Resolves once start() is done: a call the page makes before (a Connect tapped at once) waits for it. */
  private readonly _started: Promise<DashboardService>;
  private _startedWith: (service: DashboardService) => void = () => {};

  constructor() {
    this._started = new Promise((resolve) => (this._startedWith = resolve));
  }

  /** The language of the words made here (Sparkplug log lines, a metric write's refusal, presence rules). */
  async useLanguage(next: Language): Promise<void> {
    useLanguage(next, next === 'fr' ? (await import('../i18n/french')).french : undefined);
  }

  /** Opens the storage, restores the last values, applies the link and connects when it says so. */
  async start(options: EngineStart, onFrame: (frame: EngineFrame) => Promise<void> | void): Promise<void> {
    const { database, problem } = await openDatabase();
    const outbox = new OutboxService(database ? new OutboxRepository(database) : null, new OutboxSync());
    const outboxProblem = await outbox.load();
    const settings = database ? new SettingsRepository(database) : null;
    const service = new DashboardService(new MqttConnection(), settings, options.defaults, outbox, database ? new AlarmRepository(database) : null);
    // Alarm states come back before the first message is judged: a reload neither raises one twice nor forgets one.
    await service.alarms.load().catch((error: unknown) => service.report(storageFailure('alarms', error)));
    this._service = service;
    this._frames = new FrameCollector(service, async (frame) => {
      const buffers = frame.recent ? [frame.recent.counts.buffer, frame.recent.lengths.buffer, frame.recent.values.buffer] : [];
      await onFrame(Comlink.transfer(frame, buffers as ArrayBuffer[]));
    });
    if (this._logWatched) this._frames.watchLog(true);
    const memory = database
      ? new ValueMemory(service.topics, service.presence, new ValueSnapshotRepository(database), () => service.settings.state.pinned, (problem) => service.report(problem))
      : null;
    this._memory = memory;
    const trends = database ? new TrendKeeper(new TrendRepository(database), (problem) => service.report(problem)) : null;
    this._trends = trends;
    if (trends) {
      // Kept on this device unless the user said not to; turned off, what was kept is erased.
      let keeping: boolean | null = null;
      const follow = () => {
        const wanted = service.settings.state.keepTrends;
        if (wanted === keeping) return;
        if (keeping === true && !wanted) void trends.clear().catch(() => undefined);
        keeping = wanted;
        service.history.onRecorded = wanted ? trends.record : null;
        service.history.onOther = wanted ? trends.recordText : null;
      };
      follow();
      service.settings.subscribe(follow);
      // Each time the link comes back, the time it was down: charts break their lines there.
      let told: number | null = null;
      service.status.subscribe(() => {
        const { phase, lostAt, connectedAt } = service.status.state;
        if (phase !== 'connected' || lostAt === null || connectedAt === null || lostAt === told || connectedAt < lostAt) return;
        told = lostAt;
        trends.outage(lostAt, connectedAt);
      });
    }
    // The last values come back from disk while the connection is being made: a live value that arrives
    // first is kept (restore only fills topics not received yet).
    await Promise.all([memory?.restore(), service.start(options.link, problem ?? outboxProblem)]);
    memory?.start();
    trends?.start();
    this._startedWith(service);
  }

  /** The service, once started. */
  private get _ready(): Promise<DashboardService> {
    return this._started;
  }

  async connect(settings: StoredSettings): Promise<void> {
    (await this._ready).connect(settings);
  }

  async useProfile(profile: BrokerProfile): Promise<void> {
    return switchToProfile(await this._ready, profile);
  }

  async disconnect(): Promise<void> {
    return (await this._ready).disconnect();
  }

  async freshSession(): Promise<void> {
    (await this._ready).freshSession();
  }

  async retryNow(): Promise<void> {
    (await this._ready).retryNow();
  }

  checkLink(): void {
    this._service?.checkLink();
  }

  networkChanged(available: boolean): void {
    this._service?.networkChanged(available);
  }

  async subscribe(filter: string, qos: QoS): Promise<Problem | null> {
    return (await this._ready).subscribe(filter, qos);
  }

  async unsubscribe(filter: string): Promise<void> {
    return (await this._ready).unsubscribe(filter);
  }

  async sendCommand(command: NewCommand): Promise<Problem | null> {
    return (await this._ready).sendCommand(command);
  }

  async sendControl(controlId: string, value: string): Promise<Problem | null> {
    return (await this._ready).sendControl(controlId, value);
  }

  async writeMetric(owner: string, metric: string, value: string): Promise<Problem | null> {
    return (await this._ready).writeMetric(owner, metric, value);
  }

  async requestRebirth(node: string): Promise<Problem | null> {
    return (await this._ready).requestRebirth(node);
  }

  async setPresence(presence: PresenceSettings): Promise<string | null> {
    return (await this._ready).setPresence(presence);
  }

  /** Settings the page changed (preferences: pins, tiles, names, profiles…): kept and saved. */
  async changeSettings(patch: Partial<StoredSettings>): Promise<void> {
    (await this._ready).changeSettings(patch);
  }

  async resizeLog(capacity: number): Promise<void> {
    (await this._ready).messages.resize(capacity);
  }

  async dismissNotice(notice: Problem): Promise<void> {
    (await this._ready).dismissNotice(notice);
  }

  async report(notice: Problem): Promise<void> {
    (await this._ready).report(notice);
  }

  async cancelCommand(seq: number): Promise<void> {
    (await this._ready).outbox.cancel(seq);
  }

  async giveUpCommand(seq: number): Promise<void> {
    (await this._ready).outbox.giveUp(seq);
  }

  async retryCommand(seq: number): Promise<void> {
    (await this._ready).outbox.retry(seq);
  }

  async clearDelivered(): Promise<void> {
    return (await this._ready).outbox.clearDelivered();
  }

  /** A topic's numeric history for a chart (the last day kept on disk, then memory's), transferred. */
  async series(topic: string): Promise<Series> {
    const memory = this._service?.history.get(topic)?.read() ?? { times: new Float64Array(0), values: new Float64Array(0) };
    const kept = this._trends && this._service?.settings.state.keepTrends ? this._trends : null;
    const series: Series = kept ? await kept.series(topic, memory) : memory;
    const buffers = [series.times, series.values, series.breaks, series.lows, series.highs].flatMap((array) => (array ? [array.buffer] : []));
    return Comlink.transfer(series, buffers as ArrayBuffer[]);
  }

  /** About what the trends kept on this device take, in bytes (null until measured, a minute after start). */
  trendBytes(): number | null {
    return this._trends?.bytes() ?? null;
  }

  /** A text topic's changes, newest first, for its detail. */
  async timeline(topic: string): Promise<TimelineSpan[]> {
    return (await this._trends?.timeline(topic)) ?? [];
  }

  /** Acknowledge, shelve or unshelve alarms (the tab that judges them does it). */
  async alarmRequest(request: AlarmRequest): Promise<void> {
    const service = await this._ready;
    const { kiosk, kioskAlarms } = service.display.state;
    if (kiosk && !kioskAlarms) return; // a kiosk link without ack=1 only shows alarms
    service.alarms.apply(request);
  }

  /** The alarm history, newest first. */
  async alarmHistory(limit: number): Promise<StoredAlarmEvent[]> {
    return (await this._ready).alarms.history(limit);
  }

  /** The page opened a view of the log, or closed the last one. */
  watchLog(watched: boolean): void {
    this._logWatched = watched;
    this._frames?.watchLog(watched);
  }

  /** The page is being hidden: the last values go to disk now. */
  async saveValues(): Promise<void> {
    await Promise.all([this._memory?.save(), this._trends?.save(), this._service?.alarms.saved()]);
  }
}

async function openDatabase(): Promise<{ database: DashboardDatabase | null; problem: Problem | null }> {
  try {
    return { database: await openDashboardDatabase(), problem: null };
  } catch (error) {
    return { database: null, problem: { kind: 'storage-refused', detail: error instanceof Error ? error.message : String(error), forCommand: false } };
  }
}
