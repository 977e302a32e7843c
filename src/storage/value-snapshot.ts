/**
 * The last known values, kept in IndexedDB so that a reload with no network (an installed app opened
 * offline) still shows what the dashboard last saw, marked stale. One record, rewritten at most every
 * few seconds: the most recently received topics, pinned ones first.
 */
import type { TopicValue } from '../state/topic-store';
import type { DashboardDatabase } from './database';

const KEY = 'last-values';

export type RememberedValue = Omit<TopicValue, 'count'>;

export class ValueSnapshotRepository {
  constructor(private readonly _database: DashboardDatabase) {}

  async load(): Promise<RememberedValue[]> {
    return (await this._database.get('values', KEY)) ?? [];
  }

  async save(values: readonly RememberedValue[]): Promise<void> {
    await this._database.put('values', values.map(plainValue), KEY);
  }
}

function plainValue(value: RememberedValue): RememberedValue {
  const { topic, payload, qos, retained, receivedAt, whileAway, dup } = value;
  return { topic, payload: { ...payload }, qos, retained, receivedAt, whileAway, dup };
}
