/**
 * Connection settings and subscriptions, persisted in IndexedDB so a reload comes back as it was.
 * The password is stored only when the user asked for it ("Remember password").
 */
import type { ProtocolChoice, QoS } from '../shared/types';
import type { ConfirmMode, ControlDefinition } from '../controls/control-definition';
import type { AlarmDefinition } from '../alarms/alarm-definition';
import type { AlarmSharing } from '../alarms/alarm-sharing';


export interface SubscriptionSetting {
  filter: string;
  qos: QoS;
}

/** A presence rule as stored: the same shape as the transport's PresenceRule, kept here so storage has no mqtt import. */
export interface StoredPresenceRule {
  pattern: string;
  online: string[];
  offline: string[];
}

export interface PresenceSettings {
  /** Track devices from their status topics (subscribed automatically). */
  enabled: boolean;
  rules: StoredPresenceRule[];
}

export interface StoredSettings {
  brokerUrl: string;
  clientId: string;
  username: string;
  /** Empty unless rememberPassword is true. */
  password: string;
  /**
   * The exact broker URL the password was typed for: no other broker gets it (a kiosk link naming another
   * broker, a profile, a URL typed over it), until the user types a password for that one.
   */
  passwordFor: string;
  rememberPassword: boolean;
  keepaliveSeconds: number;
  protocol: ProtocolChoice;
  cleanSession: boolean;
  /** MQTT 5: how long the broker keeps the persistent session after the dashboard leaves. */
  sessionExpirySeconds: number;
  /**
   * How long a QoS 1/2 command may wait for the broker's acknowledgement (PUBACK, PUBREC, PUBCOMP) before
   * the connection is made again to resend it, and *Give up* is offered.
   */
  ackTimeoutSeconds: number;
  /** The largest packet accepted from the broker, in KiB (MQTT 5 Maximum Packet Size; enforced on 3.1.1 too). */
  maxPacketKiB: number;
  /**
   * `<broker URL> <client id>` of the last persistent session the broker gave the dashboard, so that a
   * CONNACK without "session present" can be told apart: a first session, or one the broker lost.
   */
  sessionKey: string | null;
  subscriptions: SubscriptionSetting[];
  /** The user was connected when they left: connect again at load. */
  autoConnect: boolean;
  /** Publish the dashboard's own presence: a retained `offline` Last Will and `online` birth on `dashboard/<clientId>/status`. */
  lastWill: boolean;
  /**
   * A cluster keeps dropping this dashboard's session (held by a node that is gone): connect at once under
   * a new client id (true), or keep waiting for that node and offer the fresh session (false).
   */
  freshSessionWhenPinned: boolean;
  /**
   * Sparkplug B host application id: when set, the dashboard publishes `spBv1.0/STATE/<id>` (retained,
   * online on connect, offline as its Will, instead of its own presence). Empty: off.
   */
  sparkplugHostId: string;
  /** A Sparkplug edge node out of sync: ask it to rebirth at once (`auto`), or offer a button (`ask`). */
  sparkplugRebirth: 'auto' | 'ask';
  presence: PresenceSettings;
  /** Commands the user saved, sent again with one tap (or after the question or the hold they chose). */
  savedCommands: SavedCommand[];
  /** Switches, buttons, setpoints, choices and texts tied to their devices' state topics. */
  controls: ControlDefinition[];
  /** Limits, texts, devices offline and silences that raise alarms. */
  alarms: AlarmDefinition[];
  /** Who acknowledges, in alarm histories and on other tablets; empty: the client id. */
  dashboardName: string;
  /** Publish alarm states, retained, on `<prefix>/alarms/<id>` and read other dashboards' (off by default). */
  alarmSharing?: AlarmSharing;
  /** How many recent messages the message log keeps. */
  logCapacity: number;
  /** Topic filters whose tiles show first on the dashboard, in this order. */
  pinned: string[];
  /** Topics whose tiles are not drawn (the messages still arrive: the log and the tree show them). */
  hidden: string[];
  /** A unit and a number of decimals chosen for a topic's tile. */
  tileFormats: TileFormat[];
  /** Names given to devices (shown instead of the id from their status topic). */
  deviceNames: DeviceName[];
  theme: Theme;
  /** Ask the browser to keep the screen on while the dashboard is visible (wall-mounted tablets). */
  keepScreenOn: boolean;
  /** Keep numeric history and text changes on this device, for charts after a reload (on by default). */
  keepTrends: boolean;
  /** Saved brokers to switch between. */
  profiles: BrokerProfile[];
}

export type Theme = 'system' | 'light' | 'dark';

/** The most decimals a tile shows. */
export const MAX_DECIMALS = 10;

export interface TileFormat {
  topic: string;
  /** Shown after the value; empty keeps the unit the payload carries, if any. */
  unit: string;
  /** Decimals shown for numbers, or null to show them as received. */
  decimals: number | null;
}

export interface DeviceName {
  device: string;
  name: string;
}

/** A broker to connect to, with its own client id and subscriptions. Never holds a password. */
export interface BrokerProfile {
  name: string;
  brokerUrl: string;
  clientId: string;
  username: string;
  protocol: ProtocolChoice;
  keepaliveSeconds: number;
  cleanSession: boolean;
  sessionExpirySeconds: number;
  subscriptions: SubscriptionSetting[];
}

export interface SavedCommand {
  topic: string;
  payload: string;
  qos: QoS;
  retain: boolean;
  /** Before it goes: at once, after a question, or after a 1 s hold. Saved before this existed: ask. */
  confirm?: ConfirmMode;
}

/** 1 MiB: the largest packet accepted unless the user chooses otherwise. */
export const DEFAULT_MAX_PACKET_KIB = 1024;
/** A command's acknowledgement is awaited this long by default: longer than a keep-alive round trip under load. */
export const DEFAULT_ACK_TIMEOUT_SECONDS = 30;
/** The most that can be chosen: MQTT's own limit is 256 MiB. */
export const MAX_MAX_PACKET_KIB = 256 * 1024;

/** Eight random hex digits, for a client id of this dashboard's own. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A client id no other device is using: `dashboard-` and eight random hex digits. */
export const newClientId = (random: () => string = randomId) => `dashboard-${random()}`;

export function defaultSettings(defaultBrokerUrl: string, randomId: () => string): StoredSettings {
  return {
    brokerUrl: defaultBrokerUrl,
    clientId: newClientId(randomId),
    username: '',
    password: '',
    passwordFor: '',
    rememberPassword: false,
    keepaliveSeconds: 30,
    protocol: 'auto',
    // A persistent session by default: the broker keeps the session, so QoS 2 commands interrupted by a
    // reload are completed exactly once, and QoS 1/2 messages sent while away are kept for the dashboard.
    cleanSession: false,
    sessionExpirySeconds: 3600,
    maxPacketKiB: DEFAULT_MAX_PACKET_KIB,
    ackTimeoutSeconds: DEFAULT_ACK_TIMEOUT_SECONDS,
    sessionKey: null,
    subscriptions: [],
    autoConnect: false,
    lastWill: true,
    freshSessionWhenPinned: true,
    sparkplugHostId: '',
    sparkplugRebirth: 'auto',
    presence: { enabled: true, rules: [{ pattern: '+/status', online: ['online'], offline: ['offline'] }] },
    savedCommands: [],
    controls: [],
    alarms: [],
    dashboardName: '',
    logCapacity: 10_000,
    pinned: [],
    hidden: [],
    tileFormats: [],
    deviceNames: [],
    theme: 'system',
    keepScreenOn: false,
    keepTrends: true,
    profiles: [],
  };
}
