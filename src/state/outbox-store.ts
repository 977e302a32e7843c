import type { OutboxCommand } from '../storage/outbox-command';
import { isFinished } from '../storage/outbox-command';
import { Notifier, type Scheduler } from './notifier';

/** The outbox as every tab sees it: commands in the order they were sent. Announced once per frame. */
export class OutboxStore extends Notifier {
  private readonly _bySeq = new Map<number, OutboxCommand>();
  private readonly _seqById = new Map<string, number>();
  private _ordered: OutboxCommand[] | null = [];
  private _pending = 0;

  constructor(schedule?: Scheduler) {
    super(schedule);
  }

  /** Adds or replaces commands (by sequence number). */
  put(commands: readonly OutboxCommand[]): void {
    for (const command of commands) {
      const previous = this._bySeq.get(command.seq);
      if (previous && !isFinished(previous)) this._pending--;
      if (!isFinished(command)) this._pending++;
      this._bySeq.set(command.seq, command);
      this._seqById.set(command.id, command.seq);
    }
    this._ordered = null;
    this.changed();
  }

  delete(seqs: readonly number[]): void {
    for (const seq of seqs) {
      const previous = this._bySeq.get(seq);
      if (!previous) continue;
      if (!isFinished(previous)) this._pending--;
      this._bySeq.delete(seq);
      this._seqById.delete(previous.id);
    }
    this._ordered = null;
    this.changed();
  }

  get(seq: number): OutboxCommand | undefined {
    return this._bySeq.get(seq);
  }

  byId(id: string): OutboxCommand | undefined {
    const seq = this._seqById.get(id);
    return seq === undefined ? undefined : this._bySeq.get(seq);
  }

  get size(): number {
    return this._bySeq.size;
  }

  /** Commands not finished yet: queued or sending. */
  get pendingCount(): number {
    return this._pending;
  }

  /** Every command, oldest first. The same array is returned until something changes. */
  list(): readonly OutboxCommand[] {
    this._ordered ??= [...this._bySeq.values()].sort((a, b) => a.seq - b.seq);
    return this._ordered;
  }
}
