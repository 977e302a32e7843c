/**
 * The outbox in IndexedDB. A command is written (and the transaction committed) before anyone is told it
 * was queued; state changes made in the same moment are grouped into one transaction, so a flush of
 * thousands of commands costs a few hundred transactions, not thousands.
 */
import type { DashboardDatabase } from './database';
import { storageFailure, type Problem } from '../shared/problems';
import type { NewCommand, OutboxCommand } from './outbox-command';

/** Storage refused a write: full (quota), or IndexedDB failing. `problem` says which, as data. */
export class OutboxStorageError extends Error {
  override readonly name = 'OutboxStorageError';

  constructor(readonly problem: Problem) {
    super(problem.kind === 'storage-failed' ? problem.detail : problem.kind);
  }
}

/**
 * Browsers commit IndexedDB with relaxed durability by default: `complete` fires once the data is handed to
 * the operating system, not once it is on the storage medium. A command, and every step of a handshake
 * still under way (the packet id a QoS 2 resend needs), is written strictly, so that a power cut right after
 * `Queued` loses nothing. Bookkeeping of finished commands is relaxed: losing it only shows a delivered
 * command as still sending, which the next CONNACK settles.
 */
const STRICT: IDBTransactionOptions = { durability: 'strict' };
const RELAXED: IDBTransactionOptions = { durability: 'relaxed' };

/** Whether a saved state must survive a power cut: a command that is not finished yet. */
const mustSurvivePowerCut = (command: OutboxCommand) => command.state === 'queued' || command.state === 'sending';

export class OutboxRepository {
  private _pending = new Map<number, OutboxCommand>();
  /** The write that will take the pending changes (not started yet). */
  private _next: Promise<void> | null = null;
  /** The transaction being written now. */
  private _writing: Promise<void> = Promise.resolve();

  constructor(private readonly _database: DashboardDatabase) {}

  /** Every command, in the order they were sent. */
  async loadAll(): Promise<OutboxCommand[]> {
    return this._database.getAll('outbox');
  }

  /** Stores a new command; resolves once the transaction has committed, with its sequence number. */
  async add(command: NewCommand & Omit<OutboxCommand, 'seq' | keyof NewCommand>): Promise<OutboxCommand> {
    try {
      const transaction = this._database.transaction('outbox', 'readwrite', STRICT);
      // The key is generated (autoIncrement); the record is typed with it for the reader's sake.
      const seq = await transaction.store.add(command as OutboxCommand);
      await transaction.done;
      return { ...command, seq };
    } catch (error) {
      throw new OutboxStorageError(storageFailure('command', error));
    }
  }

  /**
   * Saves a changed command. Changes made while a transaction is being written are grouped into the next
   * one (group commit); the promise resolves when the transaction holding this change has committed.
   */
  save(command: OutboxCommand): Promise<void> {
    this._pending.set(command.seq, command);
    this._next ??= this._writeAfterCurrent();
    return this._next;
  }

  private async _writeAfterCurrent(): Promise<void> {
    await this._writing.catch(() => {}); // its own callers heard about its failure
    const batch = [...this._pending.values()];
    this._pending = new Map();
    this._next = null;
    this._writing = this._write(batch);
    return this._writing;
  }

  /** Deletes commands (finished ones, when the history is trimmed or cleared). */
  async delete(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    for (const seq of seqs) this._pending.delete(seq);
    await (this._next ?? this._writing).catch(() => {}); // a state change written after would bring one back
    const transaction = this._database.transaction('outbox', 'readwrite', RELAXED);
    await Promise.all([...seqs.map((seq) => transaction.store.delete(seq)), transaction.done]);
  }

  private async _write(batch: OutboxCommand[]): Promise<void> {
    try {
      const transaction = this._database.transaction('outbox', 'readwrite', batch.some(mustSurvivePowerCut) ? STRICT : RELAXED);
      await Promise.all([...batch.map((command) => transaction.store.put(command)), transaction.done]);
    } catch (error) {
      throw new OutboxStorageError(storageFailure('command-state', error));
    }
  }
}
