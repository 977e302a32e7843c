/**
 * Inside the engine (its Worker): wires the transport to the stores and the storage. The page never sees
 * this object: the engine's frames carry what changed in its stores, and the page calls the engine's methods.
 */
import type { MqttConnection } from '../mqtt/connection';
import type { ConnectionStatus, InboundMessage } from '../mqtt/connection-types';
import { commandSender } from './command-sender';
import { MessageRouter } from './message-router';
import { dashboardPresenceTopic, dashboardReplyTopic } from './dashboard-topics';
import { MessageLog } from '../state/message-log';
import { MessageRate } from '../state/message-rate';
import { NumericHistory } from '../state/numeric-history';
import { TopicTree } from '../state/topic-tree';
import { SessionTracker } from './session-tracker';
import { topicFilterProblem, topicMatches } from '../mqtt/topic-filter';
import { ValueStore } from '../state/notifier';
import { PresenceStore } from '../state/presence-store';
import { SubscriptionStore } from '../state/subscription-store';
import { TopicStore } from '../state/topic-store';
import type { PresenceSettings, StoredSettings } from '../storage/settings';
import type { SettingsRepository } from '../storage/settings-repository';
import type { KioskLink } from './kiosk-link';
import { commandProblem } from '../mqtt/command-validation';
import { sameProblem, storageFailure, type Problem } from '../shared/problems';
import type { NewCommand } from '../storage/outbox-command';
import { ConnectionOwnership, type Role } from './connection-owner';
import type { OutboxService } from './outbox-service';
import { BrokerSubscriptions } from './broker-subscriptions';
import { PresenceTracker } from './presence-tracker';
import type { DisplayMode, Notices } from '../engine/engine-frame';
import type { QoS } from '../shared/types';
import { newClientId } from '../storage/settings';
import { FreshSessionPolicy } from './fresh-session-policy';
import { commandPayload, readReported } from '../controls/control-payload';
import { msg } from '../i18n/words';
import { AlarmService } from './alarm-service';
import { AlarmSync } from './alarm-sync';
import { sharedAlarmTopic, sharedAlarmsFilter, sharingOf, sharingPrefixProblem } from '../alarms/alarm-sharing';
import type { AlarmRepository } from '../storage/alarm-repository';
import { SPARKPLUG_FILTER, sparkplugHostId, sparkplugState, sparkplugStateTopic, validHostId } from '../sparkplug/sparkplug-state';

export class DashboardService {
  readonly status: ValueStore<ConnectionStatus>;
  readonly topics = new TopicStore();
  readonly subscriptions = new SubscriptionStore();
  readonly presence = new PresenceStore();
  /** The most recent messages across all topics, with their flags and properties. */
  readonly messages = new MessageLog();
  /** Numeric values over time, per topic, for sparklines and charts. */
  readonly history = new NumericHistory();
  /** Every topic seen, by levels, with message counts. */
  readonly tree = new TopicTree();
  /** Messages per second over the last second, worked out on each clock tick. */
  readonly rate = new MessageRate();
  private readonly _session = new SessionTracker();
  /** What the broker did with the session at the last CONNACK. */
  readonly session = this._session.view;
  readonly settings: ValueStore<StoredSettings>;
  readonly notices = new ValueStore<Notices>({ messages: [] });
  /** Kiosk mode (values only, settings hidden), from the link. */
  readonly display = new ValueStore<DisplayMode>({ kiosk: false, kioskCommands: false, kioskAlarms: false });
  /** Whether this tab owns the connection (and sends the outbox) or views it while another tab does. */
  readonly role = new ValueStore<{ role: Role }>({ role: 'owner' });
  private readonly _presenceTracker = new PresenceTracker(this.presence);
  private readonly _ownership = new ConnectionOwnership();
  private readonly _broker: BrokerSubscriptions;
  private readonly _freshSessions = new FreshSessionPolicy();
  private _connectRequest = 0;
  private readonly _router: MessageRouter;
  /** Alarms: judged here in the owner tab, their states crossing to the page like any store. */
  readonly alarms: AlarmService;

  constructor(
    private readonly _connection: MqttConnection,
    private readonly _repository: SettingsRepository | null,
    defaults: StoredSettings,
    readonly outbox: OutboxService,
    alarmRepository: AlarmRepository | null = null,
  ) {
    this.status = new ValueStore(_connection.status);
    this.alarms = new AlarmService(
      {
        now: () => Date.now(),
        judges: () => this.role.state.role === 'owner',
        linkUpAt: () => (this.status.state.phase === 'connected' ? _connection.linkUpAt : null),
        deviceOf: (topic) => this._presenceTracker.deviceOf(topic),
        deviceState: (id) => this.presence.get(id)?.state ?? null,
        storageFailed: (error) => this._notify(storageFailure('alarms', error)),
        latest: (topic) => this.topics.get(topic)?.payload,
        share: (id, payload) => this._shareAlarm(id, payload),
      },
      alarmRepository,
      alarmRepository ? new AlarmSync() : null,
    );
    this.settings = new ValueStore(defaults);
    this._broker = new BrokerSubscriptions(this.subscriptions, _connection);
    _connection.commands.setJournal(outbox);
    outbox.onStorageProblem((problem) => this._notify(problem));
    outbox.onStalled((seconds) => _connection.dropLink({ kind: 'not-acknowledged', seconds }));
    _connection.commands.onSettled((commandId, outcome) => outbox.settled(commandId, outcome));
    _connection.onStatus((status) => {
      this.status.replace(status);
      if (this._freshSessions.observe(status, this.settings.state, this.role.state.role)) queueMicrotask(() => this.freshSession(true));
    });
    _connection.onConnected((sessionPresent) => this._connected(sessionPresent));
    // Values received while away are placed in a topic's history a moment later: a chart open on it looks again.
    this.history.onPlaced = (topics) => topics.forEach((topic) => this.topics.touch(topic));
    this._router = new MessageRouter(() => this._routingConnectedAt, this.messages, this.topics, this._presenceTracker, this._broker, outbox, this.history, this.tree, this.alarms, {
      presence: this.presence,
      autoRebirth: () => this.settings.state.sparkplugRebirth === 'auto' && this.role.state.role === 'owner',
      send: (command) => this.sendCommand(command),
    });
    _connection.onMessage((message) => {
      // mqtt.js writes a message's PUBACK after this returns: the message is routed a moment later, with
      // the connection as it was on arrival, and after the socket's waiting data, so that neither a burst's
      // acknowledgements nor the next packets are held up by it.
      if (this._inbox.length === 0) afterWaitingInput(() => this._routeInbox());
      this._inbox.push([message, _connection.linkUpAt]);
      if (this._inbox.length >= INBOX_LIMIT) this._routeInbox(); // a flood with no gap: the stores keep up anyway
    });
    setInterval(() => {
      this.rate.sample(this.topics.messageCount, Date.now());
      this.outbox.checkAcknowledgements(this.settings.state.ackTimeoutSeconds);
      this.alarms.tick();
    }, 1000);
  }

  private _inbox: Array<[InboundMessage, number | null]> = [];
  private _routingConnectedAt: number | null = null;

  private _routeInbox(): void {
    const inbox = this._inbox;
    this._inbox = [];
    for (const [message, connectedAt] of inbox) {
      this._routingConnectedAt = connectedAt;
      this._router.route(message);
    }
  }

  private _connected(sessionPresent: boolean): void {
    const settings = this.settings.state;
    const owner = this.role.state.role === 'owner';
    const key = `${settings.brokerUrl.trim()} ${owner ? settings.clientId : 'viewer'}`;
    void this._broker.restoreAll();
    if (!owner) {
      this._session.connected({ key, persistent: false, expirySeconds: null }, false, null);
      return;
    }
    const mqtt5 = this.status.state.protocol === '5';
    const persistent = !settings.cleanSession;
    const remembered = this._session.connected(
      { key, persistent, expirySeconds: mqtt5 ? settings.sessionExpirySeconds : null },
      sessionPresent,
      settings.sessionKey,
    );
    if (remembered !== settings.sessionKey) {
      this.settings.set({ sessionKey: remembered });
      void this._save();
    }
    if (mqtt5 && this._router.replyTopic) void this._subscribeToReplies(this._router.replyTopic);
    this.outbox.connected();
  }

  private async _subscribeToReplies(topic: string): Promise<void> {
    try {
      const outcome = await this._connection.subscribe(topic, 1);
      if (outcome.refusal) this._notify({ kind: 'replies-refused', topic, refusal: outcome.refusal });
    } catch {
      /* the link went: tried again on the next CONNACK */
    }
  }

  /** Loads saved settings, applies a kiosk link, and connects when the link or the last session says so. */
  async start(link: KioskLink, storageProblem: Problem | null): Promise<void> {
    const messages: Problem[] = link.problems.map((text) => ({ kind: 'page-note', text }));
    if (storageProblem) messages.push(storageProblem);
    let saved: StoredSettings | null = null;
    if (this._repository) {
      try {
        saved = await this._repository.load(this.settings.state);
      } catch (error) {
        messages.push(storageFailure('saved-settings', error));
      }
    }
    const settings: StoredSettings = { ...this.settings.state, ...saved, ...link.settings };
    if (link.subscriptions) settings.subscriptions = link.subscriptions;
    if (link.presenceEnabled !== null) settings.presence = { ...settings.presence, enabled: link.presenceEnabled };
    this.settings.replace(settings);
    this.outbox.controls.setControls(settings.controls);
    this.alarms.setDefinitions(settings.alarms);
    this.messages.resize(settings.logCapacity);
    for (const { filter, qos } of settings.subscriptions) this._broker.add(filter, qos);
    this._applyPresence(settings.presence);
    this.notices.replace({ messages });
    this.display.replace({ kiosk: link.kiosk, kioskCommands: link.kioskCommands, kioskAlarms: link.kioskAlarms === true });
    if (!saved) await this._save(); // keeps the generated client id stable from the first visit on
    if (link.connectAtLoad || settings.autoConnect) this.connect(settings);
  }

  /**
   * Connects. Only one tab connects with the client id and sends the outbox (the owner); another tab
   * with the same client id views the broker under a derived id, and takes over when the owner closes.
   */
  connect(settings: StoredSettings, firstUrl: string | null = null): void {
    const hostId = settings.sparkplugHostId.trim();
    if (hostId !== '' && !validHostId(hostId)) this._notify({ kind: 'bad-host-id', hostId });
    const hostChanged = sparkplugHostId(settings) !== sparkplugHostId(this.settings.state);
    this.settings.replace({ ...settings, autoConnect: true });
    if (hostChanged) this._applyPresence(settings.presence);
    void this._save();
    const request = ++this._connectRequest;
    const key = `${settings.brokerUrl.trim()} ${settings.clientId}`;
    const asOwner = async () => {
      if (request !== this._connectRequest) return;
      await this.outbox.refresh(); // what another tab wrote last is on disk, not always in this tab's view
      await this.alarms.load().catch((error: unknown) => this._notify(storageFailure('alarms', error)));
      if (request !== this._connectRequest) return;
      this.role.replace({ role: 'owner' });
      const replyTopic = dashboardReplyTopic(settings.clientId);
      this._router.replyTopic = replyTopic;
      this.outbox.becomeSender(commandSender(this._connection, replyTopic));
      this._connectWith(settings, settings.clientId, settings.cleanSession, settings.lastWill, firstUrl);
    };
    void this._ownership.claim(key, asOwner).then((role) => {
      if (request !== this._connectRequest) return;
      if (role === 'owner') void asOwner();
      else {
        this.role.replace({ role: 'viewer' });
        this._router.replyTopic = null;
        this._connectWith(settings, `${settings.clientId}-viewer-${Math.random().toString(16).slice(2, 8)}`, true, false);
      }
    });
  }

  /**
   * What the user edits on the page (quick commands, pins, hidden tiles, tile formats, device names,
   * profiles, the log's size, the layout): kept and saved.
   */
  changeSettings(patch: Partial<StoredSettings>): void {
    this.settings.set(patch);
    if (patch.logCapacity !== undefined) this.messages.resize(patch.logCapacity);
    if (patch.alarms !== undefined) this.alarms.setDefinitions(patch.alarms);
    if (patch.controls !== undefined) this.outbox.controls.setControls(patch.controls);
    if (patch.controls !== undefined || patch.alarms !== undefined || patch.alarmSharing !== undefined || patch.dashboardName !== undefined) {
      this._applyPresence(this.settings.state.presence);
    }
    void this._save();
  }

  /** An alarm's state for the other dashboards: retained, QoS 1, through the outbox (a newer one replaces a queued one). */
  private _shareAlarm(id: string, payload: string | null): void {
    const { prefix } = sharingOf(this.settings.state);
    const command = { topic: sharedAlarmTopic(prefix, id), payload: payload ?? '', qos: 1 as const, retain: true, sharedAlarm: id };
    void this.outbox.enqueue(command, true).then((problem) => problem && this._notify(problem));
  }

  /**
   * A control's command, through the outbox: the payload its value maps to, linked to the control with
   * what its device reported before, so that the device's next reports confirm it or not. A newer command
   * of a control replaces its older ones still queued, unless the control sends every command (a button).
   */
  async sendControl(controlId: string, value: string): Promise<Problem | null> {
    const control = this.settings.state.controls.find((candidate) => candidate.id === controlId);
    if (!control) return { kind: 'page-note', text: msg('This control was removed (on another tab?): nothing was sent.') };
    const shown = control.stateTopic === '' ? undefined : this.topics.get(control.stateTopic);
    const before = shown ? readReported(control, shown.payload) : null;
    const command = {
      topic: control.commandTopic,
      payload: commandPayload(control, value),
      qos: control.qos,
      retain: control.retain,
      expirySeconds: control.expirySeconds,
      control: { id: control.id, value, before },
    };
    const problem = commandProblem(command.topic, command.payload, this.status.state.maximumPacketSize);
    if (problem) return problem;
    return this.outbox.enqueue(command, !control.everyCommand && control.kind !== 'button');
  }

  /** Checks and stores a command in the outbox. Resolves with null once it is on disk, or with what is wrong. */
  async sendCommand(command: NewCommand): Promise<Problem | null> {
    const problem = commandProblem(command.topic, command.bytes ?? command.payload, this.status.state.maximumPacketSize);
    if (problem) return problem;
    return this.outbox.enqueue(command);
  }

  /** Writes a Sparkplug B metric of a node (`group/node`) or device (`group/node/device`): NCMD or DCMD, through the outbox. */
  async writeMetric(owner: string, metric: string, value: string): Promise<Problem | null> {
    return (await this._router.sparkplug.host()).writeMetric(owner, metric, value);
  }

  /** Asks a Sparkplug B edge node (`group/node`) to publish its births again, through the outbox. */
  async requestRebirth(node: string): Promise<Problem | null> {
    return (await this._router.sparkplug.host()).requestRebirth(node);
  }

  /**
   * A cluster keeps dropping this dashboard's session (its node is gone): connect at once under a new
   * client id, on the node the last link was on. `automatic`: taken per the setting, said in a notice.
   */
  freshSession(automatic = false): void {
    const settings = this.settings.state;
    const status = this.status.state;
    const clientId = newClientId();
    const pinned = status.error?.kind === 'session-pinned' ? status.error : null;
    const heldBy = pinned?.heldBy ?? null;
    this.connect({ ...settings, clientId, sessionKey: null }, pinned?.answeredBy ?? status.brokerUrl);
    if (automatic) this._notify({ kind: 'fresh-session-started', previousClientId: settings.clientId, clientId, heldBy });
  }

  private _connectWith(settings: StoredSettings, clientId: string, cleanSession: boolean, lastWill: boolean, firstUrl: string | null = null): void {
    // A Sparkplug host application announces itself on its STATE topic instead (only the tab that owns the client id).
    const hostId = lastWill ? sparkplugHostId(settings) : null;
    this._connection.connect({
      ...(hostId === null ? {} : { presenceMessage: sparkplugState }),
      brokerUrl: settings.brokerUrl,
      clientId,
      username: settings.username,
      // A password goes only to the broker it was typed for.
      password: settings.passwordFor === settings.brokerUrl.trim() ? settings.password : '',
      keepaliveSeconds: settings.keepaliveSeconds,
      protocol: settings.protocol,
      cleanSession,
      sessionExpirySeconds: settings.sessionExpirySeconds,
      presenceTopic: hostId !== null ? sparkplugStateTopic(hostId) : lastWill ? dashboardPresenceTopic(clientId) : null,
      maximumPacketBytes: settings.maxPacketKiB * 1024,
      firstUrl,
    });
  }

  /** The user pressed Retry now while reconnecting. */
  retryNow(): void {
    this._connection.retryNow();
  }

  /** The page became visible, was shown again, or got focus: check the link at once. */
  checkLink(): void {
    this._connection.checkLink();
  }

  networkChanged(available: boolean): void {
    this._connection.networkChanged(available);
  }

  /** The known device a topic belongs to, or null. */
  deviceOf(topic: string): string | null {
    return this._presenceTracker.deviceOf(topic);
  }

  /** Changes the presence rules. Resolves with a message when a rule cannot be used (nothing changes then). */
  async setPresence(presence: PresenceSettings): Promise<string | null> {
    const { checkPresenceSettings } = await import('./presence-settings'); // with the panel, after the first screen
    const checked = checkPresenceSettings(presence);
    if ('problem' in checked) return checked.problem;
    const next = checked.settings;
    this.settings.set({ presence: next });
    void this._save();
    this._applyPresence(next);
    return null;
  }

  async disconnect(): Promise<void> {
    this.settings.set({ autoConnect: false });
    void this._save();
    this._connectRequest++;
    this._ownership.release();
    this.outbox.stopSending();
    await this._connection.disconnect();
    this._broker.markWaiting();
    this._session.reset();
  }

  /** Adds a subscription. Returns what is wrong when the filter is invalid (nothing is sent then). */
  subscribe(filter: string, qos: QoS): Problem | null {
    const problem = topicFilterProblem(filter);
    if (problem) return problem;
    const existing = this.subscriptions.find(filter);
    if (existing?.automatic && existing.requestedQos === qos) {
      this.subscriptions.patch(filter, { automatic: false }); // already subscribed for presence: now the user's too
    } else {
      this._broker.add(filter, qos);
    }
    this.settings.set({
      subscriptions: [...this.settings.state.subscriptions.filter((s) => s.filter !== filter), { filter, qos }],
    });
    void this._save();
    if (this.settings.state.controls.length > 0) this._applyPresence(this.settings.state.presence); // a control's topic now covered
    return null;
  }

  /** Removes a subscription, and the tiles of topics no remaining subscription matches. */
  async unsubscribe(filter: string): Promise<void> {
    this.settings.set({ subscriptions: this.settings.state.subscriptions.filter((s) => s.filter !== filter) });
    void this._save();
    if (this._presenceFilters().includes(filter)) {
      this.subscriptions.patch(filter, { automatic: true }); // presence still needs it
      return;
    }
    if (this._alarmFilters().includes(filter)) {
      this.subscriptions.patch(filter, { automatic: 'alarms' }); // shared alarms still need it
      return;
    }
    if (this.settings.state.controls.length > 0) this._applyPresence(this.settings.state.presence); // controls' topics it covered
    await this._dropSubscription(filter);
  }

  private async _dropSubscription(filter: string): Promise<void> {
    const dropped = this._broker.drop(filter);
    this.topics.retain((topic) => this._broker.matches(topic));
    this.history.retain((topic) => this.topics.get(topic) !== undefined);
    this.tree.rebuild(this.topics.list());
    try {
      await dropped;
    } catch (error) {
      this._notify({ kind: 'unsubscribe-failed', filter, detail: describe(error) });
    }
  }

  dismissNotice(notice: Problem): void {
    this.notices.replace({ messages: this.notices.state.messages.filter((shown) => !sameProblem(shown, notice)) });
  }

  /** The filters the dashboard subscribes to by itself: the presence patterns, and Sparkplug's namespace for a host application. */
  private _presenceFilters(): string[] {
    const { presence } = this.settings.state;
    const filters = presence.enabled ? presence.rules.map((rule) => rule.pattern) : [];
    if (sparkplugHostId(this.settings.state) !== null && !filters.includes(SPARKPLUG_FILTER)) filters.push(SPARKPLUG_FILTER);
    return filters;
  }

  /** The topics controls read (state and answer topics) that no subscription of the user's covers. */
  private _controlFilters(userFilters: readonly string[]): string[] {
    const topics = new Set<string>();
    for (const control of this.settings.state.controls) {
      for (const topic of [control.stateTopic, control.answerTopic]) {
        if (topic !== '' && !userFilters.some((filter) => topicMatches(filter, topic))) topics.add(topic);
      }
    }
    return [...topics];
  }

  /** Subscribes to the presence patterns (QoS 1, so a Will is not lost on the way), drops the ones no longer needed. */
  private _applyPresence(presence: PresenceSettings): void {
    this._presenceTracker.setRules(presence.enabled ? presence.rules : []);
    const needed = this._presenceFilters();
    for (const filter of needed) {
      if (!this.subscriptions.find(filter)) this._broker.add(filter, 1, true);
    }
    const forControls = this._controlFilters(this.settings.state.subscriptions.map((subscription) => subscription.filter));
    for (const filter of forControls) {
      if (!this.subscriptions.find(filter)) this._broker.add(filter, 1, 'controls');
    }
    const forAlarms = this._alarmFilters();
    for (const filter of forAlarms) {
      if (!this.subscriptions.find(filter)) this._broker.add(filter, 1, 'alarms');
    }
    const { dashboardName, clientId } = this.settings.state;
    this.alarms.setSharing(forAlarms.length === 0 ? null : { prefix: sharingOf(this.settings.state).prefix, from: dashboardName.trim() || clientId });
    for (const entry of this.subscriptions.entries) {
      const kept = needed.includes(entry.filter) || forControls.includes(entry.filter) || forAlarms.includes(entry.filter);
      if (entry.automatic && !kept) void this._dropSubscription(entry.filter);
    }
  }

  /** Sharing alarm states (with alarms to share): their topics, `<prefix>/alarms/+`. */
  private _alarmFilters(): string[] {
    const { alarms } = this.settings.state;
    const alarmSharing = sharingOf(this.settings.state);
    const usable = alarmSharing.enabled && alarms.length > 0 && sharingPrefixProblem(alarmSharing.prefix) === null;
    return usable ? [sharedAlarmsFilter(alarmSharing.prefix)] : [];
  }

  private async _save(): Promise<void> {
    if (!this._repository) return;
    try {
      await this._repository.save(this.settings.state);
    } catch (error) {
      this._notify(storageFailure('settings', error));
    }
  }

  /** Shows a notice to the user until dismissed (said once, however often it is reported). */
  report(notice: Problem): void {
    this._notify(notice);
  }

  private _notify(notice: Problem): void {
    if (!this.notices.state.messages.some((shown) => sameProblem(shown, notice))) {
      this.notices.replace({ messages: [...this.notices.state.messages, notice] });
    }
  }
}

/** Messages waiting to be routed at most: beyond, they are routed at once, gap or not. */
const INBOX_LIMIT = 2000;

/** The Prioritized Task Scheduling API, where there is one (Chromium, in windows and workers). */
type BackgroundScheduler = { postTask(task: () => void, options: { priority: 'background' }): Promise<void> };

/** Runs `task` once the tasks already waiting (socket data first) have run. */
function afterWaitingInput(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: BackgroundScheduler }).scheduler;
  if (scheduler) void scheduler.postTask(task, { priority: 'background' });
  else setTimeout(task, 0);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
