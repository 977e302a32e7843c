/**
 * What the engine (in its Worker) tells the page: at most one frame per animation frame, carrying only what
 * changed since the frame before. The mirror (src/mirror) applies it; nothing else crosses the seam.
 */
import type { Problem } from '../shared/problems';
import type { ConnectionStatus } from '../mqtt/connection-types';
import type { LoggedMessage } from '../state/message-log';
import type { DevicePresence } from '../state/presence-store';
import type { SubscriptionList } from '../state/subscription-store';
import type { TopicValue } from '../state/topic-store';
import type { OutboxCommand } from '../storage/outbox-command';
import type { StoredSettings } from '../storage/settings';
import type { Role } from '../app/connection-owner';
import type { SessionView } from '../app/session-tracker';
import type { AlarmState } from '../alarms/alarm-machine';

export interface Notices {
  /** Things the user should know that are not the connection status (ignored URL parameters, storage trouble). */
  readonly messages: readonly Problem[];
}

export interface DisplayMode {
  /** Kiosk mode (values only, settings hidden), from the link. */
  readonly kiosk: boolean;
  /** A kiosk link with commands=1: quick commands stay, with a confirmation. */
  readonly kioskCommands: boolean;
  /** A kiosk link with ack=1: alarms can be acknowledged and shelved from it. */
  readonly kioskAlarms?: boolean;
}

/** The sparklines' new values, packed for a transfer: topic i has counts[i] values, and lengths[i] points in all. */
export interface RecentValues {
  readonly topics: string[];
  readonly counts: Uint16Array;
  readonly lengths: Uint32Array;
  readonly values: Float64Array;
}

/** A topic's whole numeric history, oldest first, for a chart (transferred, not copied). */
export interface Series {
  readonly times: Float64Array;
  readonly values: Float64Array;
  /**
   * Where the line breaks: index i means no line between point i-1 and point i (the dashboard was not
   * connected, or not running, in between).
   */
  readonly breaks?: Uint32Array;
  /** Where older points were thinned to one a minute: each one's lowest and highest value (NaN elsewhere). */
  readonly lows?: Float64Array;
  readonly highs?: Float64Array;
}

export interface EngineFrame {
  topics: { values: TopicValue[]; removed: string[]; messageCount: number } | null;
  /** Only while a view of the log is open; `reset`: the whole log (first watched, cleared or resized). */
  log: { messages: LoggedMessage[]; total: number; capacity: number; reset: boolean; held: number } | null;
  recent: RecentValues | null;
  outbox: { put: OutboxCommand[]; deleted: number[] } | null;
  presence: readonly DevicePresence[] | null;
  subscriptions: SubscriptionList | null;
  status: ConnectionStatus | null;
  settings: StoredSettings | null;
  notices: Notices | null;
  display: DisplayMode | null;
  role: { role: Role } | null;
  rate: { perSecond: number } | null;
  session: SessionView | null;
  alarms: AlarmFrame | null;
}

/**
 * Every alarm's state in order, or null where it did not change since the last frame (a state object is
 * replaced when it changes): a thousand alarms raised one after the other cross as the few that changed.
 */
export interface AlarmFrame {
  states: Array<AlarmState | null>;
  historyVersion: number;
}
