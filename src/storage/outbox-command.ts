/** A command in the outbox, as stored. No mqtt.js and no Lit here. */
import type { Problem } from '../shared/problems';
import type { HandshakeStage, QoS } from '../shared/types';
import type { ControlConfirmation, ControlLink } from '../controls/control-confirmation';


/**
 * `queued`: stored, waiting for the connection; `sending`: handed to the broker, not acknowledged yet;
 * `delivered`: PUBACK (QoS 1), PUBCOMP (QoS 2), or written to the socket (QoS 0); `failed`: the broker
 * refused it (reason given); `cancelled`: the user withdrew it before it was sent.
 */
export type CommandState = 'queued' | 'sending' | 'delivered' | 'failed' | 'cancelled';

/** How far an unfinished QoS 1/2 handshake got: PUBLISH sent, or (QoS 2) PUBREC received and PUBREL sent. */

export interface NewCommand {
  topic: string;
  /** The payload as the user typed it (UTF-8 text), or, with `bytes`, what those bytes are, in words. */
  payload: string;
  /** A binary payload (a Sparkplug NCMD or DCMD): sent instead of `payload`. */
  bytes?: Uint8Array;
  qos: QoS;
  retain: boolean;
  /**
   * MQTT 5 message expiry, in seconds: the broker drops the command if no subscriber got it in time, and
   * the outbox does not send it after that either. Null or absent: no expiry.
   */
  expirySeconds?: number | null;
  /** MQTT 5 user properties sent with the command, in order (a key may repeat). */
  userProperties?: Array<[string, string]>;
  /** Request/response (MQTT 5): ask for a reply and wait this long after delivery. Null or absent: no reply asked. */
  replyTimeoutSeconds?: number | null;
  /** The control this command came from, and the value it asked for. */
  control?: ControlLink | null;
  /** An alarm's shared state (its id): a newer one replaces one still queued. */
  sharedAlarm?: string;
}

/** The answer to a command sent with a response topic. */
export interface CommandReply {
  /** `waiting` until `deadline`; then `none` unless a reply came (`received`). */
  state: 'waiting' | 'received' | 'none';
  deadline: number;
  /** The reply's payload as text. */
  text: string | null;
  /** Who replied (a device id), when known. */
  from: string | null;
  at: number | null;
}

export interface OutboxCommand extends NewCommand {
  /** The order the commands were sent in (IndexedDB key). */
  seq: number;
  /** A unique id, also sent as the MQTT 5 user property `command-id` so a device can drop duplicates. */
  id: string;
  createdAt: number;
  state: CommandState;
  /** The packet id of the unfinished handshake, kept so a reload resends the same PUBLISH or PUBREL. */
  packetId: number | null;
  stage: HandshakeStage | null;
  /** Why it failed. A string: worded by an earlier version of the dashboard, stored as it was. */
  reason: Problem | string | null;
  /** The reply, for a command that asked for one, once delivered. */
  reply?: CommandReply | null;
  /**
   * Delivered without a confirmation that could have been a refusal: QoS 0, or QoS 1/2 over MQTT 3.1.1,
   * whose PUBACK carries no reason code (a broker that drops it for its ACL still acknowledges it).
   */
  unconfirmed?: boolean;
  /** Delivered, but a QoS 2 command was answered with PUBACK: the broker gave at least once, not exactly once. */
  qosDowngraded?: boolean;
  /** A control's command: whether the device reported what it asked for. Set once it is on its way. */
  confirmation?: ControlConfirmation | null;
  /** Sent, and not acknowledged by the broker since this time (epoch ms), beyond the timeout: it can be given up. */
  stalledSince?: number | null;
  /** Withdrawn while queued because a newer command of the same control replaced it: that one, and its value. */
  replacedBy?: { seq: number; value: string } | null;
  updatedAt: number;
}

export const isFinished = (command: Pick<OutboxCommand, 'state'>) =>
  command.state === 'delivered' || command.state === 'failed' || command.state === 'cancelled';
