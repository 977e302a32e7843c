/**
 * Numeric history on disk (IndexedDB, store `trends`): records of one topic's points in one ten-minute
 * bucket, read back for a chart, thinned and pruned by age and size. Written from the engine's Worker, a
 * batch at a time.
 */
import { BUCKET_MS, type TrendRecord } from '../state/trend-buckets';
import type { DashboardDatabase } from './database';

/** What a walk over the records does with each: keep it, replace it, delete it, or stop there. */
export type TrendVisit = 'keep' | 'delete' | 'stop' | TrendRecord;

export class TrendRepository {
  constructor(private readonly _database: DashboardDatabase) {}

  /** Writes (or rewrites) the records, in one transaction. */
  async save(records: readonly TrendRecord[]): Promise<void> {
    if (records.length === 0) return;
    const transaction = this._database.transaction('trends', 'readwrite');
    await Promise.all([...records.map((record) => transaction.store.put(record)), transaction.done]);
  }

  /** A topic's records whose bucket starts at or after `since`. */
  load(topic: string, since: number): Promise<TrendRecord[]> {
    return this._database.getAll('trends', IDBKeyRange.bound([topic, since, 0], [topic, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]));
  }

  /** The start of the oldest bucket on disk, or null when there is none. */
  async oldestStart(): Promise<number | null> {
    const cursor = await this._database.transaction('trends').store.index('start').openKeyCursor();
    return cursor ? (cursor.key as number) : null;
  }

  /**
   * Visits the records of the buckets that start in [from, to), oldest first, one bucket per transaction
   * (a chart or a save waits for one bucket, not for the whole walk).
   */
  async sweep(from: number, to: number, visit: (record: TrendRecord) => TrendVisit): Promise<void> {
    for (let start = Math.floor(from / BUCKET_MS) * BUCKET_MS; start < to; start += BUCKET_MS) {
      const transaction = this._database.transaction('trends', 'readwrite');
      let cursor = await transaction.store.index('start').openCursor(start);
      let stopped = false;
      while (cursor) {
        const verdict = visit(cursor.value);
        if (verdict === 'stop') {
          stopped = true;
          break;
        }
        if (verdict === 'delete') await cursor.delete();
        else if (verdict !== 'keep') await cursor.update(verdict);
        cursor = await cursor.continue();
      }
      await transaction.done;
      if (stopped) return;
    }
  }

  /** Deletes the records of buckets that started before `before`; resolves with how many went. */
  async prune(before: number): Promise<number> {
    const transaction = this._database.transaction('trends', 'readwrite');
    let removed = 0;
    let cursor = await transaction.store.index('start').openCursor(IDBKeyRange.upperBound(before, true));
    while (cursor) {
      await cursor.delete();
      removed++;
      cursor = await cursor.continue();
    }
    await transaction.done;
    return removed;
  }

  /** Deletes every record (the user chose not to keep trends on this device). */
  clear(): Promise<void> {
    return this._database.clear('trends');
  }
}
