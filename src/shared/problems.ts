/**
 * What went wrong, as data. The connection, the outbox, the repositories and the engine report these
 * values across the Worker boundary; the page words them (src/ui/problem-words.ts), so that every sentence
 * a user reads is written in one place, and a test can check what happened without matching text.
 */
import type { ProtocolVersion } from './types';

/** Why a link that was up went down. */
export type LinkLoss =
  | { kind: 'network-lost' }
  /** MQTT 5: the broker sent DISCONNECT with a reason code. */
  | { kind: 'closed-by-broker'; code: number; reasonString: string | null }
  /** mqtt.js gave up: no answer within 1.5 × keep-alive. */
  | { kind: 'keepalive-timeout'; keepaliveSeconds: number }
  /** The dashboard's own watchdog: a ping left unanswered. */
  | { kind: 'broker-silent'; silentSeconds: number }
  /** The broker broke the protocol (a malformed packet, a forbidden topic…): the dashboard closed the link. */
  | { kind: 'protocol-error'; code: number; detail: string }
  /** A command was not acknowledged (PUBACK, PUBREC, PUBCOMP) in time: the link is made again so it is resent. */
  | { kind: 'not-acknowledged'; seconds: number };

/** A refusal by the broker, with its reason code (SUBACK, PUBACK, PUBREC, PUBCOMP). */
export interface BrokerRefusal {
  code: number;
  protocol: ProtocolVersion;
  reasonString: string | null;
}

/** A topic name (PUBLISH) or a topic filter (SUBSCRIBE). */
export type TopicRole = 'topic' | 'filter';

export type TopicFault = 'empty' | 'null-character' | 'too-long' | 'hash-not-last' | 'plus-not-whole-level' | 'wildcard';

/** A field of the CONNECT packet. */
export type ConnectField = 'client-id' | 'username' | 'password' | 'will-topic';

export type BrokerUrlFault = 'empty' | 'not-url' | 'not-websocket' | 'no-host';

/** Which part of the dashboard's storage a failure concerns. */
/**
 * `command`: a new command (not queued then); `command-state`: a command's new state; `outbox`: reading it;
 * `saved-settings`: reading the settings; `settings`: saving them; `last-values`: reading the values kept
 * for offline use; `kept-values`: keeping them.
 */
export type StoredThing = 'command' | 'command-state' | 'outbox' | 'settings' | 'saved-settings' | 'last-values' | 'kept-values' | 'trends' | 'alarms';

export type Problem =
  /** Worded by the page itself (a kiosk link's ignored parameters, offline support): shown as written. */
  | { kind: 'page-note'; text: string }
  | { kind: 'bad-broker-url'; url: string; fault: BrokerUrlFault }
  | { kind: 'password-without-username' }
  /** A CONNECT field MQTT cannot carry: over 65,535 bytes of UTF-8, a null character, a wildcard in the Will topic. */
  | { kind: 'bad-connect-field'; field: ConnectField; fault: 'too-long' | 'null-character' | 'wildcard'; bytes: number }
  | { kind: 'bad-topic'; role: TopicRole; fault: TopicFault }
  /** A command's payload is over the limit: the broker's (MQTT 5 Maximum Packet Size) or the dashboard's. */
  | { kind: 'payload-too-large'; bytes: number; limit: number; brokersLimit: boolean; maximumPacketSize?: number | null }
  /** No CONNACK came: nothing answered MQTT over WebSocket at that address. */
  | { kind: 'unreachable'; brokerUrl: string }
  /**
   * A CONNACK refusal, with the broker's reason string (MQTT 5); `auto`: the MQTT version was left to the
   * dashboard; `usernameSent`, `passwordSent`: what the CONNECT carried.
   */
  | { kind: 'connect-refused'; code: number; protocol: ProtocolVersion; reasonString: string | null; auto: boolean; usernameSent: boolean; passwordSent: boolean }
  | { kind: 'link-lost'; cause: LinkLoss | null }
  /**
   * Another device connects with the same client id, and each pushes the other off: the broker said so
   * (MQTT 5, session taken over), or closed `drops` links in a row right after accepting them.
   */
  | { kind: 'client-id-taken'; clientId: string; protocol: ProtocolVersion; evidence: 'taken-over' | 'dropped-after-connack'; drops: number }
  /**
   * A cluster's nodes accept `clientId` and drop it at once, `drops` times in a row: its session lives on a
   * node that is gone (`heldBy`, when known), as RabbitMQ keeps it. A fresh session (a new client id) ends
   * it, on `answeredBy`: the first node that accepted the link.
   */
  | { kind: 'session-pinned'; clientId: string; drops: number; heldBy: string | null; answeredBy: string }
  /** The dashboard ended a pinned session by itself: it connected as `clientId` instead of `previousClientId`. */
  | { kind: 'fresh-session-started'; previousClientId: string; clientId: string; heldBy: string | null }
  | { kind: 'not-connected' }
  /** A Sparkplug B write whose value does not fit the metric's declared datatype (nothing is queued). */
  | { kind: 'bad-metric-value'; metric: string; datatype: string; expected: string }
  /** A Sparkplug B write to a metric no birth certificate declared (or not a node's or device's). */
  | { kind: 'unknown-metric'; owner: string; metric: string }
  /** A Sparkplug B host application id that cannot be a topic level. */
  | { kind: 'bad-host-id'; hostId: string }
  /** Another site shows the dashboard in a frame (`by`: its origin): commands are refused there. */
  | { kind: 'framed'; by: string }
  | { kind: 'subscription-refused'; refusal: BrokerRefusal }
  /** The subscription to the replies' topic was refused: commands cannot get answers. */
  | { kind: 'replies-refused'; topic: string; refusal: BrokerRefusal }
  | { kind: 'unsubscribe-failed'; filter: string; detail: string }
  | { kind: 'publish-refused'; refusal: BrokerRefusal }
  | { kind: 'command-expired'; expirySeconds: number }
  /** The user gave up a command the broker did not acknowledge (it may or may not have been delivered). */
  | { kind: 'command-not-acknowledged'; seconds: number }
  /** The page closed while a QoS 0 command was being written: it may or may not have left. */
  | { kind: 'qos0-interrupted' }
  /** IndexedDB is not available at all (private window, policy); `forCommand`: a command was not queued. */
  | { kind: 'storage-refused'; detail: string | null; forCommand: boolean }
  /** Storage refused a write or a read: `full` when the quota is exceeded. */
  | { kind: 'storage-failed'; thing: StoredThing; full: boolean; detail: string };

/** The problem a storage error is: full when the browser says its quota is exceeded. */
export function storageFailure(thing: StoredThing, error: unknown): Problem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'storage-failed', thing, full: name === 'QuotaExceededError', detail: detail || name || 'IndexedDB error' };
}

/** Two problems are the same notice when they say the same thing. */
export const sameProblem = (a: Problem, b: Problem) => JSON.stringify(a) === JSON.stringify(b);
