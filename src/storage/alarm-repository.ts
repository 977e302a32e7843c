/**
 * Alarm states and their history on disk (IndexedDB, stores `alarm-states` and `alarm-history`): states are
 * written with the events that changed them, in one transaction, so that a crash never keeps one without the
 * other. The history keeps the last HISTORY_LIMIT events.
 */
import type { AlarmEvent, AlarmState } from '../alarms/alarm-machine';
import type { DashboardDatabase } from './database';

/** Events kept on disk: the oldest go first. */
export const HISTORY_LIMIT = 10_000;
/** Trimmed once this many more events are written: a count per write would cost a read each time. */
const TRIM_EVERY = 200;

export interface StoredAlarmEvent extends AlarmEvent {
  /** Its place in the history (grows): the list's key, and its order. */
  seq: number;
}

export class AlarmRepository {
  private _sinceTrim = TRIM_EVERY;

  constructor(private readonly _database: DashboardDatabase) {}

  async loadStates(): Promise<AlarmState[]> {
    return this._database.getAll('alarm-states');
  }

  /** States changed and the events that changed them, together; states of deleted alarms removed. */
  async save(states: readonly AlarmState[], events: readonly AlarmEvent[], deleted: readonly string[] = []): Promise<void> {
    if (states.length === 0 && events.length === 0 && deleted.length === 0) return;
    const transaction = this._database.transaction(['alarm-states', 'alarm-history'], 'readwrite');
    const stateStore = transaction.objectStore('alarm-states');
    const historyStore = transaction.objectStore('alarm-history');
    await Promise.all([
      ...states.map((state) => stateStore.put(state)),
      ...deleted.map((id) => stateStore.delete(id)),
      ...events.map((event) => historyStore.add(event)),
      transaction.done,
    ]);
    this._sinceTrim += events.length;
    if (this._sinceTrim >= TRIM_EVERY) {
      this._sinceTrim = 0;
      await this.trim();
    }
  }

  /** Drops the oldest events beyond the limit. */
  async trim(limit = HISTORY_LIMIT): Promise<void> {
    const transaction = this._database.transaction('alarm-history', 'readwrite');
    const excess = (await transaction.store.count()) - limit;
    if (excess > 0) {
      let cursor = await transaction.store.openKeyCursor();
      let dropped = 0;
      let last: number | null = null;
      while (cursor && dropped < excess) {
        last = cursor.key;
        dropped++;
        cursor = await cursor.continue();
      }
      if (last !== null) await transaction.store.delete(IDBKeyRange.upperBound(last));
    }
    await transaction.done;
  }

  /** The newest events first, at most `limit`. */
  async history(limit = HISTORY_LIMIT): Promise<StoredAlarmEvent[]> {
    const events: StoredAlarmEvent[] = [];
    let cursor = await this._database.transaction('alarm-history').store.openCursor(null, 'prev');
    while (cursor && events.length < limit) {
      events.push({ ...cursor.value, seq: cursor.key });
      cursor = await cursor.continue();
    }
    return events;
  }
}
