/**
 * The last known values, kept in IndexedDB so that a reload with no network (an installed app opened
 * offline) still shows what the dashboard last saw, marked stale. One record, rewritten at most every
 * few seconds, in chunks: the most recently received topics, pinned ones first.
 */
import type { TopicValue } from '../state/topic-store';
import type { DashboardDatabase } from './database';
import type { DevicePresence } from '../state/presence-store';

const PREFIX = 'last-values:';
/** Values written per record: each write (and its structured clone) stays a short task. */
export const CHUNK = 100;

export type RememberedValue = Omit<TopicValue, 'count'>;

export class ValueSnapshotRepository {
  constructor(private readonly _database: DashboardDatabase) {}

  async load(): Promise<RememberedValue[]> {
    const chunks = await this._database.getAll('values', IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`));
    return chunks.flat();
  }

  /** Writes the values in records of CHUNK, one after the other, so no single task clones them all. */
  async save(values: readonly RememberedValue[]): Promise<void> {
    const count = Math.ceil(values.length / CHUNK);
    for (let index = 0; index < count; index++) {
      const chunk = values.slice(index * CHUNK, (index + 1) * CHUNK).map(plainValue);
      await this._database.put('values', chunk, chunkKey(index));
    }
    await this._database.delete('values', IDBKeyRange.bound(chunkKey(count), `${PREFIX}\uffff`));
  }

  async loadDevices(): Promise<DevicePresence[]> {
    return (await this._database.get('presence', DEVICES_KEY)) ?? [];
  }

  async saveDevices(devices: readonly DevicePresence[]): Promise<void> {
    await this._database.put('presence', devices.map((device) => ({ ...device })), DEVICES_KEY);
  }
}

const DEVICES_KEY = 'devices';

/** Zero-padded, so that the keys sort in the order the chunks were written. */
const chunkKey = (index: number) => `${PREFIX}${String(index).padStart(4, '0')}`;

function plainValue(value: RememberedValue): RememberedValue {
  const { topic, payload, qos, retained, receivedAt, whileAway, dup, precision } = value;
  return { topic, payload: { ...payload }, qos, retained, receivedAt, whileAway, dup, precision };
}
