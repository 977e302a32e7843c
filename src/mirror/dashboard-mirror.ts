/**
 * The main thread's mirror of the engine: stores of the same shape as the engine's, fed by its frames
 * (only what changed, at most one a frame), and commands forwarded to the engine in its Worker. Elements
 * read it through the Dashboard contract; it never sees every message.
 */
import { sameProblem, type Problem } from '../shared/problems';
import type { Remote } from 'comlink';
import type { Role } from '../app/connection-owner';
import type { Preferences } from '../app/preferences';
import type { ScreenState, ScreenWakeLock } from '../app/screen-wake-lock';
import type { SessionView } from '../app/session-tracker';
import type { Engine } from '../engine/engine';
import type { DisplayMode, EngineFrame, Notices, Series } from '../engine/engine-frame';
import { initialStatus, type ConnectionStatus } from '../mqtt/connection-types';
import { sparkplugOwner } from '../sparkplug/sparkplug-owner';
import { owningDevice } from '../mqtt/presence-rules';
import { topicFilterProblem } from '../mqtt/topic-filter';
import type { MessageLog } from '../state/message-log';
import { MESSAGE_REDRAW_MS, ValueStore, throttledFrames } from '../state/notifier';
import { OutboxStore } from '../state/outbox-store';
import { PresenceStore } from '../state/presence-store';
import { SubscriptionStore } from '../state/subscription-store';
import { TopicStore, type TopicValue } from '../state/topic-store';
import type { TopicTree } from '../state/topic-tree';
import type { TimelineSpan } from '../state/text-timeline';
import type { NewCommand } from '../storage/outbox-command';
import type { BrokerProfile, PresenceSettings, StoredSettings } from '../storage/settings';
import type { Dashboard, OutboxView } from './dashboard';
import { RecentHistory } from './recent-history';
import { SPARKLINE_WINDOW } from '../engine/frame-collector';
import type { QoS } from '../shared/types';
import type { AlarmStates } from '../app/alarm-service';
import type { AlarmState } from '../alarms/alarm-machine';
import type { AlarmRequest } from '../app/alarm-sync';
import type { StoredAlarmEvent } from '../storage/alarm-repository';

export class DashboardMirror implements Dashboard {
  readonly status = new ValueStore<ConnectionStatus>(initialStatus(Date.now()));
  // Values redraw as soon as a frame of them arrives: the engine sends one per animation frame at most.
  readonly topics = new TopicStore((flush) => queueMicrotask(flush));
  readonly subscriptions = new SubscriptionStore();
  readonly presence = new PresenceStore();
  /** The recent messages, made the first time a view of them opens (loadMessages), filled while one is open. */
  messages: MessageLog | null = null;
  readonly history = new RecentHistory(SPARKLINE_WINDOW);
  /** The topic tree, built the first time its view opens (loadTree), then kept up to date. */
  tree: TopicTree | null = null;
  readonly rate = new ValueStore<{ perSecond: number }>({ perSecond: 0 });
  readonly session = new ValueStore<SessionView>({ state: null, expirySeconds: null });
  readonly settings: ValueStore<StoredSettings>;
  readonly notices = new ValueStore<Notices>({ messages: [] });
  readonly clock = new ValueStore<{ now: number }>({ now: Date.now() });
  readonly display = new ValueStore<DisplayMode>({ kiosk: false, kioskCommands: false });
  readonly screen = new ValueStore<ScreenState>({ held: false, problem: null });
  readonly role = new ValueStore<{ role: Role }>({ role: 'owner' });
  readonly outbox: OutboxView;
  readonly alarms = new ValueStore<AlarmStates>({ states: [], historyVersion: 0 });
  private readonly _outboxStore = new OutboxStore(throttledFrames(MESSAGE_REDRAW_MS));
  private _preferences: Promise<Preferences> | null = null;
  private _wakeLock: Promise<ScreenWakeLock> | null = null;
  private _owners = new Map<string, string | null>();
  private _ownersFor: { devices: unknown; presence: unknown } = { devices: null, presence: null };

  constructor(
    private readonly _engine: Remote<Engine>,
    defaults: StoredSettings,
    /** The foreign site showing the page in a frame, if any: commands are then refused (src/app/framing.ts). */
    private readonly _framedBy: string | null = null,
  ) {
    this.settings = new ValueStore(defaults);
    const engine = _engine;
    const store = this._outboxStore;
    this.outbox = {
      store,
      cancel: (seq) => void engine.cancelCommand(seq),
      giveUp: (seq) => void engine.giveUpCommand(seq),
      retry: (seq) => (this._framedBy === null ? void engine.retryCommand(seq) : this.report({ kind: 'framed', by: this._framedBy })),
      clearDelivered: () => engine.clearDelivered(),
    };
    setInterval(() => this.clock.replace({ now: Date.now() }), 1000);
    let keepScreenOn = defaults.keepScreenOn;
    this.settings.subscribe(() => {
      if (this.settings.state.keepScreenOn !== keepScreenOn) this._keepScreenOn((keepScreenOn = this.settings.state.keepScreenOn));
    });
  }

  /** Applies one of the engine's frames. A failure goes back to the engine, which then sends everything again. */
  apply(frame: EngineFrame): void {
    try {
      this._apply(frame);
    } catch (error) {
      console.error('An engine frame could not be applied.', error);
      throw error;
    }
  }

  private _apply(frame: EngineFrame): void {
    if (frame.settings) {
      const first = this._firstSettings;
      this._firstSettings = false;
      this.settings.replace(frame.settings);
      if (first && frame.settings.keepScreenOn) this._keepScreenOn(true);
    }
    if (frame.status) {
      if (frame.status.phase === 'connected' && this.status.state.phase !== 'connected') performance.mark('connected');
      this.status.replace(frame.status);
    }
    if (frame.subscriptions) this.subscriptions.replace(frame.subscriptions);
    if (frame.presence) this.presence.replaceAll(frame.presence);
    if (frame.topics) {
      if (this.topics.topicCount === 0 && frame.topics.values.length > 0) performance.mark('first values');
      this._applyTopics(frame.topics.values, frame.topics.removed, frame.topics.messageCount);
    }
    if (frame.recent) this.history.apply(frame.recent);
    if (frame.log) this.messages?.applyChanges(frame.log.messages, frame.log.total, frame.log.capacity, frame.log.reset, frame.log.held);
    if (frame.outbox) {
      if (frame.outbox.deleted.length > 0) this._outboxStore.delete(frame.outbox.deleted);
      if (frame.outbox.put.length > 0) this._outboxStore.put(frame.outbox.put);
    }
    if (frame.notices) this.notices.replace(frame.notices);
    if (frame.display) this.display.replace(frame.display);
    if (frame.role) this.role.replace(frame.role);
    if (frame.rate) this.rate.replace(frame.rate);
    if (frame.session) this.session.replace(frame.session);
    const alarms = frame.alarms;
    if (alarms) {
      // Only the states that changed cross; null: the one at that place is unchanged (the store still holds it).
      this.alarms.replace({ ...alarms, states: alarms.states.map((state, index) => state ?? (this.alarms.state.states[index] as AlarmState)) });
    }
  }

  private _firstSettings = true;


  async loadMessages(): Promise<MessageLog> {
    if (this.messages) return this.messages;
    const { MessageLog } = await import('../state/message-log');
    if (!this.messages) {
      this.messages = new MessageLog();
      this.messages.onWatched((watched) => void this._engine.watchLog(watched));
    }
    return this.messages;
  }

  async loadTree(): Promise<TopicTree> {
    if (this.tree) return this.tree;
    const { TopicTree } = await import('../state/topic-tree');
    if (!this.tree) {
      this.tree = new TopicTree();
      this.tree.rebuild(this.topics.list().filter((value) => value.count > 0));
    }
    return this.tree;
  }

  private _applyTopics(values: readonly TopicValue[], removed: readonly string[], messageCount: number): void {
    const tree = this.tree;
    if (tree) this._growTree(tree, values);
    this.topics.applyChanges(values, removed, messageCount);
    if (removed.length > 0) {
      const topics = this.topics;
      tree?.rebuild(topics.list().filter((value) => value.count > 0));
      this.history.retain((topic) => topics.get(topic) !== undefined);
    }
  }

  /** Adds what a frame brings to the tree (before the topics take it: their counts tell what is new). */
  private _growTree(tree: TopicTree, values: readonly TopicValue[]): void {
    for (const value of values) {
      const before = this.topics.get(value.topic)?.count ?? 0;
      if (value.count === 0 || value.count === before) continue;
      if (before === 0) {
        tree.observe(value.topic);
        tree.addMessages(value.topic, value.count - 1);
      } else tree.addMessages(value.topic, value.count - before);
    }
  }

  alarmRequest(request: AlarmRequest): void {
    void this._engine.alarmRequest(request);
  }

  alarmHistory(limit: number): Promise<StoredAlarmEvent[]> {
    return this._engine.alarmHistory(limit);
  }

  series(topic: string): Promise<Series> {
    return this._engine.series(topic);
  }

  /** About what the trends kept on this device take, in bytes (null until measured). */
  trendBytes(): Promise<number | null> {
    return this._engine.trendBytes();
  }

  timeline(topic: string): Promise<TimelineSpan[]> {
    return this._engine.timeline(topic);
  }

  preferences(): Promise<Preferences> {
    this._preferences ??= import('../app/preferences').then(({ Preferences }) => new Preferences(this.settings, (patch) => this._changeSettings(patch)));
    return this._preferences;
  }

  private _changeSettings(patch: Partial<StoredSettings>): void {
    this.settings.set(patch);
    void this._engine.changeSettings(patch);
  }

  sendCommand(command: NewCommand): Promise<Problem | null> {
    if (this._framedBy !== null) return Promise.resolve({ kind: 'framed', by: this._framedBy });
    return this._engine.sendCommand(command);
  }

  sendControl(controlId: string, value: string): Promise<Problem | null> {
    if (this._framedBy !== null) return Promise.resolve({ kind: 'framed', by: this._framedBy });
    return this._engine.sendControl(controlId, value);
  }

  writeMetric(owner: string, metric: string, value: string): Promise<Problem | null> {
    if (this._framedBy !== null) return Promise.resolve({ kind: 'framed', by: this._framedBy });
    return this._engine.writeMetric(owner, metric, value);
  }

  requestRebirth(node: string): Promise<Problem | null> {
    if (this._framedBy !== null) return Promise.resolve({ kind: 'framed', by: this._framedBy });
    return this._engine.requestRebirth(node);
  }

  connect(settings: StoredSettings): void {
    this.settings.replace({ ...settings, autoConnect: true });
    void this._engine.connect(settings);
  }

  useProfile(profile: BrokerProfile): Promise<void> {
    return this._engine.useProfile(profile);
  }

  disconnect(): Promise<void> {
    return this._engine.disconnect();
  }

  freshSession(): void {
    void this._engine.freshSession();
  }

  retryNow(): void {
    void this._engine.retryNow();
  }

  checkLink(): void {
    void this._engine.checkLink();
  }

  networkChanged(available: boolean): void {
    void this._engine.networkChanged(available);
  }

  subscribe(filter: string, qos: QoS): Problem | null {
    const problem = topicFilterProblem(filter);
    if (problem) return problem;
    this.settings.set({ subscriptions: [...this.settings.state.subscriptions.filter((s) => s.filter !== filter), { filter, qos }] });
    void this._engine.subscribe(filter, qos);
    return null;
  }

  unsubscribe(filter: string): Promise<void> {
    this.settings.set({ subscriptions: this.settings.state.subscriptions.filter((s) => s.filter !== filter) });
    return this._engine.unsubscribe(filter);
  }

  setPresence(presence: PresenceSettings): Promise<string | null> {
    return this._engine.setPresence(presence);
  }

  deviceOf(topic: string): string | null {
    const devices = this.presence.list();
    const presence = this.settings.state.presence;
    if (this._ownersFor.devices !== devices || this._ownersFor.presence !== presence) {
      this._owners = new Map();
      this._ownersFor = { devices, presence };
    }
    const known = this._owners.get(topic);
    if (known !== undefined) return known;
    const isKnown = (id: string) => this.presence.has(id);
    const owner = sparkplugOwner(topic, isKnown) ?? (presence.enabled ? owningDevice(presence.rules, topic, isKnown) : null);
    this._owners.set(topic, owner);
    return owner;
  }

  dismissNotice(notice: Problem): void {
    this.notices.replace({ messages: this.notices.state.messages.filter((shown) => !sameProblem(shown, notice)) });
    void this._engine.dismissNotice(notice);
  }

  report(notice: Problem): void {
    if (!this.notices.state.messages.some((shown) => sameProblem(shown, notice))) this.notices.replace({ messages: [...this.notices.state.messages, notice] });
    void this._engine.report(notice);
  }

  /** The page is being hidden: the engine saves the last values now. */
  pageHidden(): void {
    void this._engine.saveValues();
  }

  private _keepScreenOn(wanted: boolean): void {
    if (!wanted && this._wakeLock === null) return;
    this._wakeLock ??= import('../app/screen-wake-lock').then(({ ScreenWakeLock }) => new ScreenWakeLock(this.screen));
    void this._wakeLock.then((lock) => lock.want(wanted));
  }
}
