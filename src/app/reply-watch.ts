/**
 * Replies to requests (MQTT 5 response topic and correlation data): what a delivered request waits for,
 * the "no reply" timer, and the reply when it comes. Changes go through the outbox's own persistence.
 */
import type { CommandReply, OutboxCommand } from '../storage/outbox-command';
import { english } from '../i18n/words';

interface ReplyHost {
  get(seq: number): OutboxCommand | undefined;
  byId(id: string): OutboxCommand | undefined;
  persist(command: OutboxCommand, patch: Partial<OutboxCommand>): Promise<void>;
}

export class ReplyWatch {
  /** "No reply" timers of delivered requests, by sequence number. */
  private readonly _timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly _host: ReplyHost,
    private readonly _now: () => number,
  ) {}

  /** The reply a just-delivered command waits for, if it asked for one. */
  expected(command: OutboxCommand, canAskForReplies: boolean): CommandReply | null {
    const timeout = command.replyTimeoutSeconds;
    if (!timeout) return null;
    const now = this._now();
    if (!canAskForReplies) {
      return { state: 'none', deadline: now, text: english('sent over MQTT 3.1.1, which cannot ask for a reply'), from: null, at: null };
    }
    return { state: 'waiting', deadline: now + timeout * 1000, text: null, from: null, at: null };
  }

  /** Starts the "no reply" timer of a command waiting for its reply (at once if its deadline passed). */
  await(command: OutboxCommand): void {
    const reply = command.reply;
    if (!reply || reply.state !== 'waiting' || this._timers.has(command.seq)) return;
    const timer = setTimeout(() => {
      this._timers.delete(command.seq);
      const current = this._host.get(command.seq);
      if (current?.reply?.state === 'waiting') void this._host.persist(current, { reply: { ...current.reply, state: 'none' } });
    }, Math.max(0, reply.deadline - this._now()));
    this._timers.set(command.seq, timer);
  }

  /**
   * A message on the reply topic: the reply to the command whose id is its correlation data. A reply
   * after the timeout still counts (the device did answer, late).
   */
  received(correlationData: string, text: string, from: string | null): void {
    const command = this._host.byId(correlationData);
    if (!command?.reply || command.reply.state === 'received') return;
    clearTimeout(this._timers.get(command.seq));
    this._timers.delete(command.seq);
    void this._host.persist(command, { reply: { ...command.reply, state: 'received', text, from, at: this._now() } });
  }
}
