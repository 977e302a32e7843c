/**
 * The engine: everything that touches the broker or the disk, run in a dedicated Worker (engine-worker.ts).
 * It owns the MQTT connection and its keep-alive, decoding, the stores, the outbox and its IndexedDB journal
 * (a QoS 2 step is on disk before its packet is written), the Web Locks leadership and the BroadcastChannel
 * between tabs. The page talks to it through these async methods (Comlink) and hears back in frames.
 */
import type { Problem } from '../shared/problems';
import * as Comlink from 'comlink';
import { DashboardService } from '../app/dashboard-service';
import type { KioskLink } from '../app/kiosk-link';
import { OutboxService } from '../app/outbox-service';
import { OutboxSync } from '../app/outbox-sync';
import { switchToProfile } from '../app/profile-switch';
import { ValueMemory } from '../app/value-memory';
import { MqttConnection } from '../mqtt/connection';
import { openDashboardDatabase, type DashboardDatabase } from '../storage/database';
import type { NewCommand } from '../storage/outbox-command';
import { OutboxRepository } from '../storage/outbox-repository';
import { SettingsRepository, type BrokerProfile, type PresenceSettings, type StoredSettings } from '../storage/settings';
import { ValueSnapshotRepository } from '../storage/value-snapshot';
import type { EngineFrame, Series } from './engine-frame';
import { FrameCollector } from './frame-collector';
import type { QoS } from '../shared/types';

export interface EngineStart {
  defaults: StoredSettings;
  link: KioskLink;
}

export class Engine {
  private _service: DashboardService | null = null;
  private _frames: FrameCollector | null = null;
  private _memory: ValueMemory | null = null;
  private _logWatched = false;

  /** Opens the storage, restores the last values, applies the link and connects when it says so. */
  async start(options: EngineStart, onFrame: (frame: EngineFrame) => Promise<void> | void): Promise<void> {
    const { database, problem } = await openDatabase();
    const outbox = new OutboxService(database ? new OutboxRepository(database) : null, new OutboxSync());
    const outboxProblem = await outbox.load();
    const settings = database ? new SettingsRepository(database) : null;
    const service = new DashboardService(new MqttConnection(), settings, options.defaults, outbox);
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
    // The last values come back from disk while the connection is being made: a live value that arrives
    // first is kept (restore only fills topics not received yet).
    await Promise.all([memory?.restore(), service.start(options.link, problem ?? outboxProblem)]);
    memory?.start();
  }

  private get _ready(): DashboardService {
    if (!this._service) throw new Error('The engine has not started.');
    return this._service;
  }

  connect(settings: StoredSettings): void {
    this._ready.connect(settings);
  }

  useProfile(profile: BrokerProfile): Promise<void> {
    return switchToProfile(this._ready, profile);
  }

  disconnect(): Promise<void> {
    return this._ready.disconnect();
  }

  retryNow(): void {
    this._ready.retryNow();
  }

  checkLink(): void {
    this._service?.checkLink();
  }

  networkChanged(available: boolean): void {
    this._service?.networkChanged(available);
  }

  subscribe(filter: string, qos: QoS): Problem | null {
    return this._ready.subscribe(filter, qos);
  }

  unsubscribe(filter: string): Promise<void> {
    return this._ready.unsubscribe(filter);
  }

  sendCommand(command: NewCommand): Promise<Problem | null> {
    return this._ready.sendCommand(command);
  }

  setPresence(presence: PresenceSettings): Promise<string | null> {
    return this._ready.setPresence(presence);
  }

  /** Settings the page changed (preferences: pins, tiles, names, profiles…): kept and saved. */
  changeSettings(patch: Partial<StoredSettings>): void {
    this._ready.changeSettings(patch);
  }

  resizeLog(capacity: number): void {
    this._ready.messages.resize(capacity);
  }

  dismissNotice(notice: Problem): void {
    this._ready.dismissNotice(notice);
  }

  report(notice: Problem): void {
    this._ready.report(notice);
  }

  cancelCommand(seq: number): void {
    this._ready.outbox.cancel(seq);
  }

  retryCommand(seq: number): void {
    this._ready.outbox.retry(seq);
  }

  clearDelivered(): Promise<void> {
    return this._ready.outbox.clearDelivered();
  }

  /** A topic's whole numeric history for a chart, transferred. */
  series(topic: string): Series {
    const series = this._service?.history.get(topic)?.read() ?? { times: new Float64Array(0), values: new Float64Array(0) };
    return Comlink.transfer(series, [series.times.buffer, series.values.buffer] as ArrayBuffer[]);
  }

  /** The page opened a view of the log, or closed the last one. */
  watchLog(watched: boolean): void {
    this._logWatched = watched;
    this._frames?.watchLog(watched);
  }

  /** The page is being hidden: the last values go to disk now. */
  saveValues(): Promise<void> {
    return this._memory?.save() ?? Promise.resolve();
  }
}

async function openDatabase(): Promise<{ database: DashboardDatabase | null; problem: Problem | null }> {
  try {
    return { database: await openDashboardDatabase(), problem: null };
  } catch (error) {
    return { database: null, problem: { kind: 'storage-refused', detail: error instanceof Error ? error.message : String(error), forCommand: false } };
  }
}
