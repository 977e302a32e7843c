/**
 * Sends commands over the current mqtt.js client with their exactly-once bookkeeping (see
 * command-channel): packet ids chosen before the PUBLISH exists, a durable outgoing store that outlives
 * each client, and one report per command when its handshake ends.
 */
import type { IClientPublishOptions, MqttClient, Packet } from 'mqtt';
import {
  CommandMessageIds,
  DurableOutgoingStore,
  type CommandJournal,
  type CommandOutcome,
  type OutboundCommand,
  type UnfinishedCommand,
} from './command-channel';
import type { ProtocolVersion } from '../shared/types';

type SettledListener = (commandId: string, outcome: CommandOutcome) => void;

/** The client to send with, when connected. */
type ConnectedClient = () => { client: MqttClient; protocol: ProtocolVersion } | null;

export class CommandTransport {
  private _journal: CommandJournal | null = null;
  private readonly _settledListeners = new Set<SettledListener>();
  private readonly _messageIds = new CommandMessageIds();
  private readonly _outgoing = new DurableOutgoingStore(
    () => this._journal,
    (commandId, outcome) => this._settle(commandId, outcome),
  );

  constructor(
    private readonly _connected: ConnectedClient,
    /** The current mqtt.js client, connected or not (one resending its stored packets is not connected yet). */
    private readonly _current: () => MqttClient | null = () => this._connected()?.client ?? null,
  ) {}

  /** What every mqtt.js client is created with, so they all share the bookkeeping. */
  clientOptions(): { outgoingStore: DurableOutgoingStore; messageIdProvider: CommandMessageIds } {
    return { outgoingStore: this._outgoing, messageIdProvider: this._messageIds };
  }

  /** Where handshake progress is made durable before each packet is written (the outbox). */
  setJournal(journal: CommandJournal): void {
    this._journal = journal;
  }

  /** Every command's end: delivered (PUBACK, PUBCOMP, or written for QoS 0), refused, or not sent. */
  onSettled(listener: SettledListener): () => void {
    this._settledListeners.add(listener);
    return () => this._settledListeners.delete(listener);
  }

  /** Hands back handshakes an earlier page left unfinished; mqtt.js resends them, in order, on the next CONNACK. */
  resume(unfinished: readonly UnfinishedCommand[]): void {
    for (const entry of unfinished) {
      const { command, packetId, stage } = entry;
      const packet: Packet =
        stage === 'pubrel'
          ? { cmd: 'pubrel', messageId: packetId }
          : {
              cmd: 'publish',
              topic: command.topic,
              payload: wire(command.payload),
              qos: command.qos,
              retain: command.retain,
              dup: true,
              messageId: packetId,
              properties: commandProperties(command),
            };
      this._outgoing.resume(entry, packet);
    }
  }

  /** Sends a command now (connected only). Its end is reported through onSettled. */
  send(command: OutboundCommand): void {
    const connected = this._connected();
    if (!connected) throw new Error('Not connected to a broker.');
    const { client, protocol } = connected;
    const options = {
      qos: command.qos,
      retain: command.retain,
      ...(protocol === '5' ? { properties: commandProperties(command) } : {}),
    };
    if (command.qos === 0) {
      client.publish(command.topic, wire(command.payload), options, (error) =>
        this._settle(command.id, error ? { delivered: false, reason: null } : { delivered: true }),
      );
      return;
    }
    const packetId = this._messageIds.reserve();
    if (packetId === null) throw new Error('No MQTT packet id is free: 65,535 handshakes are unfinished.');
    this._outgoing.expect(packetId, command.id);
    // The outcome comes from the outgoing store (the final ack); a lost link leaves the packet there, to be resent.
    client.publish(command.topic, wire(command.payload), options, () => {});
  }

  /** Forgets a command the user gave up: not resent by any later connection, its packet id free again. */
  abandon(commandId: string): void {
    const packetId = this._outgoing.abandon(commandId);
    if (packetId === null) return;
    this._messageIds.deallocate(packetId);
    // mqtt.js waits for this packet's acknowledgement: after a reconnect it resends its stored packets one by
    // one and holds every new PUBLISH until each is acknowledged. Its wait ends here, as if answered, and a
    // late acknowledgement finds nothing to complete.
    const client = this._current() as unknown as { outgoing?: Record<number, { cb?: (error?: Error) => void } | undefined> } | null;
    const waiting = client?.outgoing?.[packetId];
    if (client?.outgoing) delete client.outgoing[packetId];
    waiting?.cb?.(new Error('Given up: the broker never acknowledged it.'));
  }

  /** The broker's reason code on a PUBACK, PUBREC or PUBCOMP. */
  /** Whether this packet id carries a QoS 2 command still in flight. */
  carriesCommand(packetId: number): boolean {
    return this._outgoing.carriesCommand(packetId);
  }

  isQos2(packetId: number): boolean {
    return this._outgoing.isQos2(packetId);
  }

  noteAck(cmd: string, packetId: number, code: number | undefined, reasonString: string | null = null): void {
    this._outgoing.noteAck(cmd, packetId, code, reasonString);
  }

  private _settle(commandId: string, outcome: CommandOutcome): void {
    for (const listener of this._settledListeners) listener(commandId, outcome);
  }
}

/**
 * MQTT 5: the command id travels as a user property, so a device can drop a duplicate itself; then the
 * user's properties, the message expiry, and for a request the response topic and correlation data.
 */
export function commandProperties(command: OutboundCommand): NonNullable<IClientPublishOptions['properties']> {
  const userProperties: Record<string, string | string[]> = { 'command-id': command.id };
  for (const [key, value] of command.userProperties ?? []) {
    const existing = userProperties[key];
    userProperties[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const properties: NonNullable<IClientPublishOptions['properties']> = { userProperties };
  if (command.expirySeconds) properties.messageExpiryInterval = command.expirySeconds;
  if (command.responseTopic && command.correlationData) {
    properties.responseTopic = command.responseTopic;
    // mqtt-packet writes a string as its UTF-8 bytes; its types only name Buffer, which the browser lacks.
    properties.correlationData = command.correlationData as unknown as Buffer;
  }
  return properties;
}

/** mqtt-packet writes a Uint8Array as it is (its length, then its bytes); its types only name Buffer, which the browser lacks. */
const wire = (payload: string | Uint8Array) => payload as string | Buffer;
