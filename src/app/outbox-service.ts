/**
 * The command outbox: every command is stored in IndexedDB before Send reports success, then sent by the
 * one tab that owns the connection, in order, as soon as the broker is there. QoS 1 commands are
 * pipelined; a QoS 0 or QoS 2 command waits for everything before it and holds back everything after it
 * until its own handshake ends, so the broker sees the commands in the order they were sent whatever
 * their QoS (Mosquitto releases a QoS 2 message only at PUBREL).
 */
import type { CommandJournal, CommandOutcome, OutboundCommand, UnfinishedCommand } from '../mqtt/command-channel';
import { OutboxStore } from '../state/outbox-store';
import { isFinished, type NewCommand, type OutboxCommand } from '../storage/outbox-command';
import { OutboxStorageError, type OutboxRepository } from '../storage/outbox-repository';
import { storageFailure, type Problem } from '../shared/problems';
import type { OutboxSync } from './outbox-sync';
import { ReplyWatch } from './reply-watch';
import { ControlWatch } from './control-watch';
import type { HandshakeStage } from '../shared/types';

/** What the outbox needs from the connection. */
export interface CommandSender {
  readonly connected: boolean;
  /** The broker's Receive Maximum: unacknowledged QoS 1/2 commands it accepts at once. */
  readonly receiveMaximum: number;
  sendCommand(command: OutboundCommand): void;
  resumeCommands(unfinished: readonly UnfinishedCommand[]): void;
  /** Forgets a command given up: no later connection resends it. */
  abandon(commandId: string): void;
  /** Where devices send replies to requests (MQTT 5 response topic). */
  readonly replyTopic: string;
  /** False over MQTT 3.1.1, which has no response topic: a request gets no reply. */
  readonly canAskForReplies: boolean;
  /** False over MQTT 3.1.1, whose acknowledgements carry no reason code: a refusal cannot be told. */
  readonly acksCarryReasons: boolean;
}

/** QoS 1 commands on the wire at once, at most (the broker's Receive Maximum may say fewer). */
const WINDOW = 1000;
/** Finished commands kept for the history. */
export const HISTORY_LIMIT = 500;

export class OutboxService implements CommandJournal {
  /** The outbox as the engine keeps it; the page's mirror redraws it at most ten times a second. */
  readonly store = new OutboxStore();
  /** Queued commands' sequence numbers, oldest first (the flusher's own queue), read from `_head` on. */
  private _queue: number[] = [];
  private _head = 0;
  private readonly _queued = new Set<number>();
  private readonly _inflight = new Set<number>();
  /** QoS 0 or 2 commands on the wire: nothing else goes until they end. */
  private _barriers = 0;
  private _sender: CommandSender | null = null;
  private readonly _replies: ReplyWatch;
  /** Confirms controls' commands from their devices' reports (judged by the tab that sends). */
  readonly controls: ControlWatch;
  private _storageProblem: (problem: Problem) => void = () => {};
  /** When each QoS 1/2 command on the wire was (re)sent: its acknowledgement is awaited from then. */
  private readonly _sentAt = new Map<number, number>();
  private _stalled: (seconds: number) => void = () => {};

  constructor(
    private readonly _repository: OutboxRepository | null,
    private readonly _sync: OutboxSync | null,
    private readonly _now: () => number = Date.now,
    private readonly _newId: () => string = () => crypto.randomUUID(),
  ) {
    _sync?.onRemoteChange((commands, deleted) => this._applyRemote(commands, deleted));
    const store = this.store;
    this._replies = new ReplyWatch(
      { get: (seq) => store.get(seq), byId: (id) => store.byId(id), persist: (command, patch) => this._persist(command, patch) },
      _now,
    );
    this.controls = new ControlWatch(
      { list: () => store.list(), get: (seq) => store.get(seq), persist: (command, patch) => this._persist(command, patch) },
      _now,
      () => this._sender !== null,
    );
  }

  /** Reads the outbox from IndexedDB. Returns what went wrong when it cannot be read. */
  async load(): Promise<Problem | null> {
    if (!this._repository) return null;
    try {
      this._adopt(await this._repository.loadAll());
      return null;
    } catch (error) {
      return storageFailure('outbox', error);
    }
  }

  /**
   * Before this tab starts sending (at load, or taking over from a tab that closed): the outbox as it is on
   * disk. Another tab's last announcements may never have arrived (it closed right after writing), and a
   * QoS 2 step is on disk before its packet is written, so the disk says which packet to resend. Where this
   * tab's view is further on (a finished command, a later handshake stage, announced but written relaxed),
   * the view is kept.
   */
  async refresh(): Promise<void> {
    if (!this._repository) return;
    try {
      const onDisk = (await this._repository.loadAll()).filter((stored) => !this._inflight.has(stored.seq));
      const merged = onDisk.map((stored) => furthest(this.store.get(stored.seq), stored));
      this._adopt(merged);
      // Where this tab's view is further on, the disk is brought up to it: the tab that announced the
      // change may have closed before its write landed, and this tab is the one that sends from now on.
      const behind = merged.filter((command, index) => command !== onDisk[index]);
      await Promise.all(behind.map((command) => this._repository?.save(command)));
    } catch {
      /* the view stays as it is; a failing storage is reported by the writes */
    }
  }

  /**
   * Stores a command; resolves once it is on disk, with null, or with why it was refused (nothing is
   * queued then). Validation of topic and payload is the caller's.
   */
  async enqueue(command: NewCommand, replaceQueued = false): Promise<Problem | null> {
    if (!this._repository) return { kind: 'storage-refused', detail: null, forCommand: true };
    const now = this._now();
    try {
      const stored = await this._repository.add({
        ...command,
        id: this._newId(),
        createdAt: now,
        state: 'queued',
        packetId: null,
        stage: null,
        reason: null,
        updatedAt: now,
      });
      this._adopt([stored]);
      this._sync?.announce([stored], [], true); // at once: the tab may be closed right after "Queued"
      if (replaceQueued && (stored.control || stored.sharedAlarm !== undefined)) this._replaceQueued(stored);
      this._pump();
      return null;
    } catch (error) {
      return error instanceof OutboxStorageError ? error.problem : storageFailure('command', error);
    }
  }

  /**
   * A control's newer command replaces its older ones still queued (never one already on the wire): a
   * tablet back online sends the last setpoint, not twenty. The replaced stay in the outbox, saying so.
   */
  private _replaceQueued(newer: OutboxCommand): void {
    const id = newer.control?.id;
    const alarm = newer.sharedAlarm;
    const value = newer.control?.value ?? newer.payload;
    for (const command of this.store.list()) {
      if (command.seq >= newer.seq) break;
      const same = alarm !== undefined ? command.sharedAlarm === alarm : command.control?.id === id;
      if (!same || command.state !== 'queued' || this._inflight.has(command.seq)) continue;
      void this._persist(command, { state: 'cancelled', replacedBy: { seq: newer.seq, value } });
    }
  }

  /** Withdraws a queued command (one being sent cannot be withdrawn). */
  cancel(seq: number): void {
    const command = this.store.get(seq);
    if (command?.state !== 'queued') return;
    void this._persist(command, { state: 'cancelled' });
  }

  /** Queues a failed or cancelled command again, at its place in the order. */
  retry(seq: number): void {
    const command = this.store.get(seq);
    if (command?.state !== 'failed' && command?.state !== 'cancelled') return;
    // An expired command gets a fresh expiry, counted from now.
    const fresh = command.expirySeconds ? { createdAt: this._now() } : {};
    void this._persist(command, { state: 'queued', reason: null, reply: null, confirmation: null, replacedBy: null, ...fresh }).then(() => this._pump());
  }

  /** Removes delivered commands from the history. */
  async clearDelivered(): Promise<void> {
    const seqs = this.store
      .list()
      .filter((command) => command.state === 'delivered')
      .map((command) => command.seq);
    if (seqs.length === 0) return;
    await this._delete(seqs);
  }

  /**
   * This tab owns the connection: hands unfinished handshakes back to the transport (resent on the next
   * CONNACK, before anything new) and starts sending when connected.
   */
  becomeSender(sender: CommandSender): void {
    this._sender = sender;
    const unfinished: UnfinishedCommand[] = [];
    for (const command of [...this.store.list()]) {
      if (command.state !== 'sending') continue;
      if (command.qos > 0 && command.packetId !== null && command.stage !== null) {
        if (!this._inflight.has(command.seq) && command.qos === 2) this._barriers++;
        this._inflight.add(command.seq);
        this._sentAt.set(command.seq, this._now()); // resent on the next CONNACK
        unfinished.push({ command: outbound(command, this._now(), sender.replyTopic), packetId: command.packetId, stage: command.stage });
      } else {
        // A QoS 0 command is never resent: the page closed while it was being written.
        void this._persist(command, {
          state: 'failed',
          reason: { kind: 'qos0-interrupted' },
        });
      }
    }
    sender.resumeCommands(unfinished);
    for (const command of this.store.list()) if (command.reply?.state === 'waiting') this._replies.await(command);
    this.controls.adopt(this.store.list());
  }

  /** A message on the reply topic, with the correlation data of the request it answers. */
  replyReceived(correlationData: string, text: string, from: string | null): void {
    this._replies.received(correlationData, text, from);
  }

  /** This tab no longer owns the connection (the user disconnected). */
  stopSending(): void {
    this._sender = null;
  }

  /** The connection is (back) up: what was on the wire is resent now (MQTT resends on a new connection); send what is queued. */
  connected(): void {
    const now = this._now();
    for (const seq of this._inflight) if (this._sentAt.has(seq)) this._sentAt.set(seq, now);
    this._pump();
  }

  /** Hears when a command is not acknowledged within the timeout (the connection is then made again). */
  onStalled(listener: (seconds: number) => void): void {
    this._stalled = listener;
  }

  /**
   * Called every second while connected: a QoS 1/2 command the broker has not acknowledged for
   * `timeoutSeconds` since it was (re)sent is marked (`stalledSince`: the outbox says so and offers Give up)
   * and the connection is made again, which resends it.
   */
  checkAcknowledgements(timeoutSeconds: number): void {
    if (!this._sender?.connected) return;
    const now = this._now();
    let stalled = false;
    for (const [seq, sentAt] of this._sentAt) {
      if (now - sentAt < timeoutSeconds * 1000) continue;
      const command = this.store.get(seq);
      if (command?.state !== 'sending' && command?.state !== 'queued') continue;
      stalled = true;
      this._sentAt.set(seq, now); // judged again a timeout after the resend
      if (command.stalledSince == null) void this._persist(command, { stalledSince: sentAt });
    }
    if (stalled) this._stalled(timeoutSeconds);
  }

  /**
   * The user gives up a command the broker never acknowledged: failed (it may or may not have been
   * delivered), forgotten by the transport, and the commands after it go, in their order.
   */
  giveUp(seq: number): void {
    const command = this.store.get(seq);
    if (!command?.stalledSince || !this._inflight.delete(seq)) return;
    this._sentAt.delete(seq);
    if (command.qos !== 1) this._barriers--;
    this._sender?.abandon(command.id);
    const seconds = Math.round((this._now() - command.stalledSince) / 1000);
    void this._persist(command, { state: 'failed', packetId: null, stage: null, reason: { kind: 'command-not-acknowledged', seconds } });
    this._pump();
  }

  /**
   * CommandJournal: a handshake step. For QoS 2 it is on disk before mqtt.js writes the packet: after a
   * crash the same packet id is resent and the broker drops the duplicate. QoS 1 promises at least once
   * and the broker cannot drop a QoS 1 duplicate anyway, so its step is saved without holding the packet.
   */
  async handshake(commandId: string, packetId: number, stage: HandshakeStage): Promise<void> {
    const command = this.store.byId(commandId);
    if (!command) return;
    if (command.qos === 2) await this._change(command, { state: 'sending', packetId, stage });
    else this._show(command, { state: 'sending', packetId, stage }); // on disk it stays queued: resent after a crash
  }

  /** The transport's report on a command. */
  settled(commandId: string, outcome: CommandOutcome): void {
    const command = this.store.byId(commandId);
    if (!command) return;
    if (!this._inflight.delete(command.seq)) return; // already settled (a late second report)
    this._sentAt.delete(command.seq);
    if (command.qos !== 1) this._barriers--;
    const patch: Partial<OutboxCommand> = outcome.delivered
      ? {
          state: 'delivered',
          packetId: null,
          stage: null,
          reason: null,
          reply: this._replies.expected(command, this._sender?.canAskForReplies !== false),
          stalledSince: null,
          unconfirmed: command.qos === 0 || this._sender?.acksCarryReasons === false,
          qosDowngraded: outcome.qosDowngraded === true,
          ...(command.control ? { confirmation: this.controls.atDelivery(command) } : {}),
        }
      : outcome.reason === null
        ? { state: 'queued', packetId: null, stage: null }
        : { state: 'failed', packetId: null, stage: null, reason: outcome.reason };
    void this._persist(command, patch).then(() => {
      const saved = this.store.get(command.seq);
      if (saved) this._replies.await(saved);
    });
    if (this.store.size - this.store.pendingCount > HISTORY_LIMIT + 50) void this._trimHistory();
    this._pump();
  }

  private _pump(): void {
    const sender = this._sender;
    if (!sender?.connected) return;
    const window = Math.min(WINDOW, sender.receiveMaximum);
    while (this._head < this._queue.length && this._barriers === 0 && this._inflight.size < window) {
      const seq = this._queue[this._head] as number;
      const command = this.store.get(seq);
      if (command?.state !== 'queued') {
        this._dequeue();
        continue;
      }
      if (command.qos !== 1 && this._inflight.size > 0) return; // waits for everything before it
      this._dequeue();
      const expiry = command.expirySeconds;
      if (expiry && this._now() >= command.createdAt + expiry * 1000) {
        void this._persist(command, { state: 'failed', reason: { kind: 'command-expired', expirySeconds: expiry } });
        continue;
      }
      this._inflight.add(seq);
      if (command.qos !== 1) this._barriers++;
      if (command.qos === 0) {
        // Marked as being written first: if the page dies now, the command is not silently sent twice.
        void this._persist(command, { state: 'sending' }).then(() => sender.sendCommand(outbound(command, this._now(), sender.replyTopic)));
      } else {
        this._sentAt.set(seq, this._now());
        sender.sendCommand(outbound(command, this._now(), sender.replyTopic));
      }
    }
  }

  /** Tells the user when the outbox could not save something (the view already shows the change). */
  onStorageProblem(listener: (problem: Problem) => void): void {
    this._storageProblem = listener;
  }

  /** A change whose failure to save is reported, not thrown. */
  private _persist(command: OutboxCommand, patch: Partial<OutboxCommand>): Promise<void> {
    return this._change(command, patch).catch((error: unknown) => {
      this._storageProblem(error instanceof OutboxStorageError ? error.problem : storageFailure('command-state', error));
    });
  }

  private async _change(command: OutboxCommand, patch: Partial<OutboxCommand>): Promise<void> {
    await this._repository?.save(this._show(command, patch));
  }

  /** Changes a command in every tab's view, not on disk. */
  private _show(command: OutboxCommand, patch: Partial<OutboxCommand>): OutboxCommand {
    const current = this.store.get(command.seq) ?? command;
    const next: OutboxCommand = { ...current, ...patch, updatedAt: this._now() };
    this._adopt([next]);
    this._sync?.announce([next], []);
    return next;
  }

  /** Puts commands into the view and, when queued, into the flusher's queue at their place. */
  private _adopt(commands: readonly OutboxCommand[]): void {
    this.store.put(commands);
    this.controls.adopt(commands);
    for (const command of commands) {
      if (command.state !== 'queued' || this._inflight.has(command.seq) || this._queued.has(command.seq)) continue;
      const last = this._queue[this._queue.length - 1];
      this._queue.push(command.seq);
      this._queued.add(command.seq);
      if (last !== undefined && last > command.seq) {
        this._queue = this._queue.slice(this._head).sort((a, b) => a - b);
        this._head = 0;
      }
    }
  }

  private _dequeue(): void {
    const seq = this._queue[this._head++];
    if (seq !== undefined) this._queued.delete(seq);
    if (this._head > 1024 && this._head * 2 > this._queue.length) {
      this._queue = this._queue.slice(this._head);
      this._head = 0;
    }
  }

  private _applyRemote(commands: readonly OutboxCommand[], deleted: readonly number[]): void {
    // This tab's own in-flight commands are its business; another tab cannot be sending them.
    this._adopt(commands.filter((command) => !this._inflight.has(command.seq)));
    if (deleted.length > 0) this.store.delete(deleted);
    this._pump();
  }

  private async _trimHistory(): Promise<void> {
    const finished = this.store.list().filter(isFinished);
    if (finished.length > HISTORY_LIMIT) await this._delete(finished.slice(0, finished.length - HISTORY_LIMIT).map((c) => c.seq));
  }

  private async _delete(seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    this.store.delete(seqs);
    this._sync?.announce([], seqs);
    await this._repository?.delete(seqs);
  }
}

const STATE_RANK: Record<OutboxCommand['state'], number> = { queued: 0, sending: 1, delivered: 2, failed: 2, cancelled: 2 };

/** Of two records of one command, the one further on (finished beats sending beats queued; PUBREL beats PUBLISH). */
function furthest(inView: OutboxCommand | undefined, onDisk: OutboxCommand): OutboxCommand {
  if (!inView) return onDisk;
  const view = STATE_RANK[inView.state];
  const disk = STATE_RANK[onDisk.state];
  if (view !== disk) return view > disk ? inView : onDisk;
  if (inView.state === 'sending' && inView.stage === 'pubrel' && onDisk.stage !== 'pubrel') return inView;
  return onDisk;
}

/** What the transport sends: the message expiry is what is left of it, counted from when the command was typed. */
function outbound(command: OutboxCommand, now: number, replyTopic: string): OutboundCommand {
  const expiry = command.expirySeconds;
  return {
    id: command.id,
    topic: command.topic,
    payload: command.bytes ?? command.payload,
    qos: command.qos,
    retain: command.retain,
    expirySeconds: expiry ? Math.max(1, Math.ceil((command.createdAt + expiry * 1000 - now) / 1000)) : null,
    userProperties: command.userProperties ?? [],
    responseTopic: command.replyTimeoutSeconds ? replyTopic : null,
    correlationData: command.replyTimeoutSeconds ? command.id : null,
  };
}
