/**
 * How commands travel with exactly-once bookkeeping: the packet id of every unfinished QoS 1/2 handshake
 * is handed to a journal (the IndexedDB outbox) and made durable *before* mqtt.js writes the packet, so
 * that after a reload the same PUBLISH, or the same PUBREL, is resent with the same id and the broker
 * drops the duplicate. This uses mqtt.js's own hooks: an outgoing store (put before write, del on the
 * final ack) and a message id provider (so the id is chosen before the PUBLISH exists).
 */
import mqtt from 'mqtt'; // the browser bundle only has a default export
import type { IClientOptions, Packet } from 'mqtt';
import type { Problem } from '../shared/problems';
import type { HandshakeStage, QoS } from '../shared/types';

export interface OutboundCommand {
  id: string;
  topic: string;
  /** Text is sent as UTF-8; bytes as they are (a Sparkplug NCMD or DCMD). */
  payload: string | Uint8Array;
  qos: QoS;
  retain: boolean;
  /** MQTT 5 properties; dropped over 3.1.1. */
  expirySeconds?: number | null;
  userProperties?: ReadonlyArray<readonly [string, string]>;
  /** Request/response: where the device should reply, with the correlation data to echo. */
  responseTopic?: string | null;
  correlationData?: string | null;
}


export interface CommandJournal {
  /** The command's handshake reached `stage` under `packetId`. Resolve once that is durable. */
  handshake(commandId: string, packetId: number, stage: HandshakeStage): Promise<void>;
}

/** A command left unfinished by an earlier page (or connection): resent as is when the broker is back. */
export interface UnfinishedCommand {
  command: OutboundCommand;
  packetId: number;
  stage: HandshakeStage;
}

type IMessageIdProvider = NonNullable<IClientOptions['messageIdProvider']>;

/** `reason` null: not sent (the link went before the write); the command goes back to the queue. */
/** `qosDowngraded`: a QoS 2 command was answered with PUBACK, as by a broker that grants at most QoS 1. */
export type CommandOutcome = { delivered: true; qosDowngraded?: boolean } | { delivered: false; reason: Problem | null };

/** Packet ids 1…65535: allocation skips the ids of unfinished handshakes; a command's id is reserved first. */
export class CommandMessageIds implements IMessageIdProvider {
  private readonly _inUse = new Set<number>();
  private _cursor = 0;
  private _last: number | null = null;
  private _reserved: number | null = null;

  /** Picks the id the next PUBLISH will get, so it can be journaled before the packet exists. */
  reserve(): number | null {
    const id = this._pick();
    this._reserved = id;
    return id;
  }

  allocate(): number | null {
    const id = this._reserved ?? this._pick();
    this._reserved = null;
    if (id !== null) this._inUse.add(id);
    this._last = id;
    return id;
  }

  getLastAllocated(): number | null {
    return this._last;
  }

  register(id: number): boolean {
    if (this._inUse.has(id)) return false;
    this._inUse.add(id);
    return true;
  }

  deallocate(id: number): void {
    this._inUse.delete(id);
  }

  clear(): void {
    this._inUse.clear();
  }

  private _pick(): number | null {
    for (let tries = 0; tries < 65_535; tries++) {
      this._cursor = (this._cursor % 65_535) + 1;
      if (!this._inUse.has(this._cursor) && this._cursor !== this._reserved) return this._cursor;
    }
    return null;
  }
}

/**
 * mqtt.js's outgoing store, made durable through the journal: a packet is written to the socket only
 * after put() calls back, and put() calls back once the journal has the handshake on disk.
 */
export class DurableOutgoingStore extends mqtt.Store {
  private readonly _commandOf = new Map<number, string>();
  private readonly _ackCodes = new Map<number, { cmd: string; code: number; reasonString: string | null }>();
  /** Packet ids of QoS 2 commands in flight, and those of them a PUBACK answered. */
  private readonly _qos2 = new Set<number>();
  private readonly _downgraded = new Set<number>();

  constructor(
    private readonly _journal: () => CommandJournal | null,
    private readonly _settled: (commandId: string, outcome: CommandOutcome) => void,
  ) {
    super();
  }

  /** The next PUBLISH with this id carries this command. */
  expect(packetId: number, commandId: string): void {
    this._commandOf.set(packetId, commandId);
  }

  /** Puts an unfinished handshake back, to be resent on the next CONNACK. */
  resume(unfinished: UnfinishedCommand, packet: Packet): void {
    this._commandOf.set(unfinished.packetId, unfinished.command.id);
    if (packet.cmd === 'publish' && packet.qos === 2) this._qos2.add(unfinished.packetId);
    super.put(packet, () => {});
  }

  /** The broker's reason code on a PUBACK, PUBREC or PUBCOMP, remembered until the handshake ends. */
  noteAck(cmd: string, packetId: number, code: number | undefined, reasonString: string | null = null): void {
    if (code !== undefined && code !== 0) this._ackCodes.set(packetId, { cmd, code, reasonString });
    if (cmd === 'puback' && this._qos2.has(packetId)) this._downgraded.add(packetId);
  }

  /** Whether this packet id carries a command of the outbox (not the dashboard's own presence, say). */
  carriesCommand(packetId: number): boolean {
    return this._commandOf.has(packetId);
  }

  /** Whether this packet id carries a QoS 2 command still in flight. */
  isQos2(packetId: number): boolean {
    return this._qos2.has(packetId);
  }

  override put(packet: Packet, cb: (error?: Error) => void): this {
    const id = 'messageId' in packet ? packet.messageId : undefined;
    const commandId = id === undefined ? undefined : this._commandOf.get(id);
    const journal = this._journal();
    if (id === undefined || commandId === undefined || !journal || (packet.cmd !== 'publish' && packet.cmd !== 'pubrel')) {
      return super.put(packet, cb);
    }
    if (packet.cmd === 'publish' && packet.qos === 2) this._qos2.add(id);
    journal.handshake(commandId, id, packet.cmd).then(
      () => super.put(packet, cb),
      (error: unknown) => cb(error instanceof Error ? error : new Error(String(error))),
    );
    return this;
  }

  /**
   * Forgets a command the user gave up (never acknowledged): its packet leaves the store, so no later
   * connection resends it, and no outcome is reported. Returns its packet id, or null if it was not here.
   */
  abandon(commandId: string): number | null {
    for (const [id, command] of this._commandOf) {
      if (command !== commandId) continue;
      this._commandOf.delete(id);
      this._ackCodes.delete(id);
      this._qos2.delete(id);
      this._downgraded.delete(id);
      super.del({ messageId: id }, () => {});
      return id;
    }
    return null;
  }

  /** The store outlives each mqtt.js client, whose end() would close it. */
  override close(cb: (error?: Error) => void): void {
    cb();
  }

  override del(packet: Pick<Packet, 'messageId'>, cb: (error?: Error, packet?: Packet) => void): this {
    const id = packet.messageId;
    if (id !== undefined) {
      const commandId = this._commandOf.get(id);
      const ack = this._ackCodes.get(id);
      const downgraded = this._downgraded.delete(id);
      this._commandOf.delete(id);
      this._ackCodes.delete(id);
      this._qos2.delete(id);
      if (commandId !== undefined) {
        const outcome = outcomeOf(ack);
        this._settled(commandId, outcome.delivered && downgraded ? { delivered: true, qosDowngraded: true } : outcome);
      }
    }
    return super.del(packet, cb);
  }
}

/**
 * 0x10 (no matching subscribers) is a success. 0x92 on a PUBCOMP (packet id not found) means the broker
 * had already completed this handshake before a reload: the command was delivered.
 */
function outcomeOf(ack: { cmd: string; code: number; reasonString: string | null } | undefined): CommandOutcome {
  if (!ack || ack.code < 0x80 || (ack.cmd === 'pubcomp' && ack.code === 0x92)) return { delivered: true };
  // Only MQTT 5 acknowledgements carry reason codes.
  return { delivered: false, reason: { kind: 'publish-refused', refusal: { code: ack.code, protocol: '5', reasonString: ack.reasonString } } };
}
