/**
 * The UI contract: what the root element provides to elements through the context. Snapshots to read
 * (stores that push to subscribers) and async commands; no engine, no mqtt.js, no IndexedDB behind it
 * that an element could reach. The mirror (dashboard-mirror.ts) implements it on the main thread.
 */
import type { Role } from '../app/connection-owner';
import type { Preferences } from '../app/preferences';
import type { ScreenState } from '../app/screen-wake-lock';
import type { SessionView } from '../app/session-tracker';
import type { DisplayMode, Notices, Series } from '../engine/engine-frame';
import type { TimelineSpan } from '../state/text-timeline';
import type { ConnectionStatus } from '../mqtt/connection-types';
import type { MessageLog } from '../state/message-log';
import type { ValueStore } from '../state/notifier';
import type { OutboxStore } from '../state/outbox-store';
import type { PresenceStore } from '../state/presence-store';
import type { SubscriptionStore } from '../state/subscription-store';
import type { TopicStore } from '../state/topic-store';
import type { TopicTree } from '../state/topic-tree';
import type { NewCommand } from '../storage/outbox-command';
import type { BrokerProfile, PresenceSettings, StoredSettings } from '../storage/settings';
import type { RecentHistory } from './recent-history';
import type { Problem } from '../shared/problems';
import type { QoS } from '../shared/types';
import type { AlarmStates } from '../app/alarm-service';
import type { AlarmRequest } from '../app/alarm-sync';
import type { StoredAlarmEvent } from '../storage/alarm-repository';

export interface OutboxView {
  readonly store: OutboxStore;
  cancel(seq: number): void;
  retry(seq: number): void;
  /** Gives up a command the broker does not acknowledge: failed, and the commands after it go. */
  giveUp(seq: number): void;
  clearDelivered(): Promise<void>;
}

export interface Dashboard {
  readonly status: ValueStore<ConnectionStatus>;
  readonly topics: TopicStore;
  readonly subscriptions: SubscriptionStore;
  readonly presence: PresenceStore;
  /** The most recent messages, filled while a view of the log is open. */
  readonly messages: MessageLog | null;
  /** Makes the log of recent messages (filled while a view of it is open). */
  loadMessages(): Promise<MessageLog>;
  /** The last values of each numeric topic, for sparklines; a chart asks for its series(). */
  readonly history: RecentHistory;
  /** Null until loadTree() built it (the tree's view loads it). */
  readonly tree: TopicTree | null;
  /** Builds the topic tree from the topics seen, and keeps it up to date from then on. */
  loadTree(): Promise<TopicTree>;
  readonly rate: ValueStore<{ perSecond: number }>;
  readonly session: ValueStore<SessionView>;
  readonly settings: ValueStore<StoredSettings>;
  readonly notices: ValueStore<Notices>;
  /** Ticks once a second so relative ages ("3 s ago") stay true. */
  readonly clock: ValueStore<{ now: number }>;
  readonly display: ValueStore<DisplayMode>;
  /** "Keep screen on": whether the screen is held on, or why not. */
  readonly screen: ValueStore<ScreenState>;
  readonly role: ValueStore<{ role: Role }>;
  readonly outbox: OutboxView;
  /** Every alarm's state (the definitions are in the settings). */
  readonly alarms: ValueStore<AlarmStates>;
  /** Acknowledges, shelves or unshelves alarms (the tab that judges them does it). */
  alarmRequest(request: AlarmRequest): void;
  /** The alarm history, newest first. */
  alarmHistory(limit: number): Promise<StoredAlarmEvent[]>;

  /** A topic's whole numeric history, for its chart. */
  series(topic: string): Promise<Series>;
  /** A text topic's changes with their durations, newest first. */
  timeline(topic: string): Promise<TimelineSpan[]>;
  /** About what the trends kept on this device take, in bytes (null until measured, a minute after start). */
  trendBytes(): Promise<number | null>;
  /** What the user edits (loaded with the first edit). */
  preferences(): Promise<Preferences>;
  /** Checks and stores a command in the outbox. Resolves with null once it is on disk, or with what is wrong. */
  sendCommand(command: NewCommand): Promise<Problem | null>;
  /** Sends a control's value (`on`/`off`, `press`, a number, an option, a text) through the outbox, linked to the control. */
  sendControl(controlId: string, value: string): Promise<Problem | null>;
  /** Writes a Sparkplug B metric of a node (`group/node`) or device (`group/node/device`) with its declared datatype, through the outbox. */
  writeMetric(owner: string, metric: string, value: string): Promise<Problem | null>;
  /** Asks a Sparkplug B edge node (`group/node`) to publish its births again (an NCMD), through the outbox. */
  requestRebirth(node: string): Promise<Problem | null>;
  connect(settings: StoredSettings): void;
  /** Connects with a saved profile: its subscriptions replace the current ones; another broker's values are cleared. */
  useProfile(profile: BrokerProfile): Promise<void>;
  disconnect(): Promise<void>;
  retryNow(): void;
  /** Ends a session a cluster keeps dropping: connects at once under a new client id (a fresh session). */
  freshSession(): void;
  /** Adds a subscription. Returns a message when the filter is invalid (nothing is sent then). */
  subscribe(filter: string, qos: QoS): Problem | null;
  unsubscribe(filter: string): Promise<void>;
  /** Changes the presence rules. Resolves with a message when a rule cannot be used (nothing changes then). */
  setPresence(presence: PresenceSettings): Promise<string | null>;
  /** The known device a topic belongs to, or null. */
  deviceOf(topic: string): string | null;
  dismissNotice(notice: Problem): void;
  /** Shows a message to the user until dismissed. */
  report(notice: Problem): void;
}
