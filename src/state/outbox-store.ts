import type { CommandState, OutboxCommand } from '../storage/outbox-command';
import { Notifier, type Scheduler } from './notifier';

type Counts = Record<CommandState, number>;
const noCounts = (): Counts => ({ queued: 0, sending: 0, delivered: 0, failed: 0, cancelled: 0 });

/**
 * The outbox as every tab sees it: commands in the order they were sent, and how many are in each state.
 * Kept sorted and counted as it changes, so a view of 10,000 commands costs nothing per frame.
 */
export class OutboxStore extends Notifier {
  private readonly _ordered: OutboxCommand[] = [];
  private readonly _seqById = new Map<string, number>();
  private _counts = noCounts();
  /** Changes since the last takeChanges(), when someone takes them (the engine's frames). */
  private _changes: { put: Map<number, OutboxCommand>; deleted: Set<number> } | null = null;

  /** Starts collecting what changes, for takeChanges(). */
  trackChanges(): void {
    this._changes ??= { put: new Map(this._ordered.map((command) => [command.seq, command])), deleted: new Set() };
  }

  /** Every command counts as changed (the page's view must be rebuilt). */
  changedAll(): void {
    if (this._changes) for (const command of this._ordered) this._changes.put.set(command.seq, command);
  }

  /** Commands changed and sequence numbers deleted since the last call. */
  takeChanges(): { put: OutboxCommand[]; deleted: number[] } {
    const changes = this._changes;
    if (!changes || (changes.put.size === 0 && changes.deleted.size === 0)) return { put: [], deleted: [] };
    this._changes = { put: new Map(), deleted: new Set() };
    return { put: [...changes.put.values()], deleted: [...changes.deleted] };
  }

  constructor(schedule?: Scheduler) {
    super(schedule);
  }

  /** Adds or replaces commands (by sequence number). */
  put(commands: readonly OutboxCommand[]): void {
    for (const command of commands) {
      const position = this._position(command.seq);
      const existing = this._ordered[position];
      if (existing?.seq === command.seq) {
        this._counts[existing.state]--;
        this._ordered[position] = command;
      } else {
        this._ordered.splice(position, 0, command);
      }
      this._counts[command.state]++;
      this._seqById.set(command.id, command.seq);
      this._changes?.put.set(command.seq, command);
      this._changes?.deleted.delete(command.seq);
    }
    this.changed();
  }

  delete(seqs: readonly number[]): void {
    const gone = new Set(seqs);
    for (const seq of seqs) {
      this._changes?.put.delete(seq);
      this._changes?.deleted.add(seq);
    }
    let kept = 0;
    for (const command of this._ordered) {
      if (gone.has(command.seq)) {
        this._counts[command.state]--;
        this._seqById.delete(command.id);
      } else {
        this._ordered[kept++] = command;
      }
    }
    this._ordered.length = kept;
    this.changed();
  }

  get(seq: number): OutboxCommand | undefined {
    const found = this._ordered[this._position(seq)];
    return found?.seq === seq ? found : undefined;
  }

  byId(id: string): OutboxCommand | undefined {
    const seq = this._seqById.get(id);
    return seq === undefined ? undefined : this.get(seq);
  }

  get size(): number {
    return this._ordered.length;
  }

  /** Commands not finished yet: queued or sending. */
  get pendingCount(): number {
    return this._counts.queued + this._counts.sending;
  }

  count(state: CommandState): number {
    return this._counts[state];
  }

  /** Every command, oldest first. Read it, do not change it. */
  list(): readonly OutboxCommand[] {
    return this._ordered;
  }

  /** The newest command to `topic` made at or after `since` (the one a tap just queued), if any. */
  newestTo(topic: string, since: number): OutboxCommand | undefined {
    for (let i = this._ordered.length - 1; i >= 0; i--) {
      const command = this._ordered[i] as OutboxCommand;
      if (command.createdAt < since) return undefined;
      if (command.topic === topic) return command;
    }
    return undefined;
  }

  /** The newest `count` commands, oldest first. */
  tail(count: number): OutboxCommand[] {
    return this._ordered.slice(Math.max(0, this._ordered.length - count));
  }

  /** Where `seq` is, or would go, in the sorted list. */
  private _position(seq: number): number {
    const last = this._ordered[this._ordered.length - 1];
    if (last === undefined || last.seq < seq) return this._ordered.length;
    let low = 0;
    let high = this._ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this._ordered[middle] as OutboxCommand).seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
