/** A command in the outbox, as stored. No mqtt.js and no Lit here. */

export type CommandQoS = 0 | 1 | 2;

/**
 * `queued`: stored, waiting for the connection; `sending`: handed to the broker, not acknowledged yet;
 * `delivered`: PUBACK (QoS 1), PUBCOMP (QoS 2), or written to the socket (QoS 0); `failed`: the broker
 * refused it (reason given); `cancelled`: the user withdrew it before it was sent.
 */
export type CommandState = 'queued' | 'sending' | 'delivered' | 'failed' | 'cancelled';

/** How far an unfinished QoS 1/2 handshake got: PUBLISH sent, or (QoS 2) PUBREC received and PUBREL sent. */
export type HandshakeStage = 'publish' | 'pubrel';

export interface NewCommand {
  topic: string;
  /** The payload as the user typed it (UTF-8 text). */
  payload: string;
  qos: CommandQoS;
  retain: boolean;
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
  /** Why it failed, in words. */
  reason: string | null;
  updatedAt: number;
}

export const isFinished = (command: Pick<OutboxCommand, 'state'>) =>
  command.state === 'delivered' || command.state === 'failed' || command.state === 'cancelled';
