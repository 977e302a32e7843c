/** The transport's vocabulary: what is asked of a connection, and what it reports. No DOM, no mqtt.js. */
import type { MessageProperties } from './message-properties';
import type { BrokerRefusal, Problem } from '../shared/problems';
import type { ProtocolChoice, ProtocolVersion, QoS } from '../shared/types';


export interface ConnectRequest {
  brokerUrl: string;
  clientId: string;
  username: string;
  password: string;
  keepaliveSeconds: number;
  protocol: ProtocolChoice;
  cleanSession: boolean;
  /** MQTT 5: how long the broker keeps a persistent session after the dashboard leaves (clean = false only). */
  sessionExpirySeconds: number;
  /**
   * The dashboard's own presence topic: a retained `offline` Last Will, a retained `online` birth on every
   * CONNACK, and `offline` published by the dashboard itself before a user's Disconnect. Null: none.
   */
  presenceTopic: string | null;
  /**
   * The presence payloads, when not `online` / `offline`: given whether online and the time of the CONNECT
   * (a Sparkplug host's STATE carries it, the same in its birth and its Will).
   */
  presenceMessage?: (online: boolean, connectAt: number) => string;
  /** The largest packet the dashboard accepts from the broker (sent as MQTT 5 Maximum Packet Size, enforced on both versions). */
  maximumPacketBytes: number;
  /** A cluster: the URL of the list to try first (a fresh session goes on where the last link was). */
  firstUrl?: string | null;
}

/**
 * `reconnecting`: the link was lost (or an attempt failed) and the next attempt is scheduled (`retryAt`)
 * or under way; `offline`: the browser reports no network, so nothing is attempted until it is back.
 */
export type ConnectionPhase = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'failed';

export interface ConnectionStatus {
  phase: ConnectionPhase;
  brokerUrl: string;
  protocol: ProtocolVersion | null;
  sessionPresent: boolean;
  /** What went wrong, when something did (the page words it). */
  error: Problem | null;
  /** Epoch milliseconds when the phase began. */
  since: number;
  /** When the next reconnection attempt starts; null while one is under way or none is planned. */
  retryAt: number | null;
  /** The last CONNACK (epoch ms): values received before it are not live any more. */
  connectedAt: number | null;
  /** Since when the broker's session has been continuous: the first CONNACK without "session present" of a row of resumed ones. */
  sessionSince: number | null;
  /** When the dashboard last stopped being connected (epoch ms), or null if it never was. */
  lostAt: number | null;
  /** Why the last established link dropped, and when (the user's own Disconnect is not a drop). */
  lastDrop: { at: number; problem: Problem } | null;
  /** Why the last attempt to connect failed (refused, unreachable, a CONNACK the dashboard could not accept), and when. */
  lastFailedAttempt: { at: number; problem: Problem } | null;
  /** Round-trip time of the last PINGREQ/PINGRESP, in milliseconds. */
  pingRttMs: number | null;
  /** The largest packet the broker accepts, when it says so (MQTT 5 CONNACK). */
  maximumPacketSize: number | null;
  /** How many unacknowledged QoS 1/2 PUBLISHes the broker accepts at once (MQTT 5 CONNACK; 65,535 if unsaid). */
  receiveMaximum: number;
  /** The broker granted QoS 1 for a QoS 2 subscription, or answered a QoS 2 command with PUBACK: no exactly-once here. */
  qos2Downgraded: boolean;
}

export interface ConnectionEnvironment {
  /** False when the browser knows there is no network (navigator.onLine). */
  networkAvailable(): boolean;
  now(): number;
}


export interface InboundMessage {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  receivedAt: number;
  /** Queued by the broker in the persistent session while the dashboard was away (see catch-up-window). */
  whileAway: boolean;
  /** MQTT 5 properties, or null when there are none. */
  properties: MessageProperties | null;
}

export interface SubscribeOutcome {
  /** The QoS the broker granted, or null when it refused the subscription. */
  granted: QoS | null;
  /** Why it was refused, when it was. */
  refusal: BrokerRefusal | null;
}

export function initialStatus(now: number): ConnectionStatus {
  return {
    phase: 'disconnected',
    brokerUrl: '',
    protocol: null,
    sessionPresent: false,
    error: null,
    since: now,
    retryAt: null,
    connectedAt: null,
    lostAt: null,
    lastDrop: null,
    lastFailedAttempt: null,
    sessionSince: null,
    pingRttMs: null,
    maximumPacketSize: null,
    receiveMaximum: 65_535,
    qos2Downgraded: false,
  };
}
