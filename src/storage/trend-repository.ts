/**
 * Numeric history on disk (IndexedDB, store `trends`): records of one topic's points in one ten-minute
 * bucket, read back for a chart, pruned by age. Written from the engine's Worker, a batch at a time.
 */
import type { TrendRecord } from '../state/trend-buckets';
import type { DashboardDatabase } from './database';

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
}
