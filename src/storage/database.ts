/**
 * The dashboard's IndexedDB database, through idb: one typed schema, upgrades written as numbered steps.
 * No mqtt.js and no Lit here.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxCommand } from './outbox-command';
import type { StoredSettings } from './settings';
import type { RememberedValue } from './value-snapshot';
import type { DevicePresence } from '../state/presence-store';
import type { TrendRecord } from '../state/trend-buckets';
import type { AlarmEvent, AlarmState } from '../alarms/alarm-machine';

export const DATABASE_NAME = 'mqtt-dashboard';
export const DATABASE_VERSION = 6;

export interface DashboardSchema extends DBSchema {
  /** Key-value settings: 'connection' holds the connection panel and the subscriptions. */
  settings: { key: string; value: StoredSettings };
  /** The command outbox, keyed by a growing sequence number: the order commands were sent in. */
  outbox: { key: number; value: OutboxCommand };
  /** 'last-values': the last known values, shown (stale) when the app opens with no network. */
  values: { key: string; value: RememberedValue[] };
  /** 'devices': the devices' presence as last seen, so that "offline since" survives a reload. */
  presence: { key: string; value: DevicePresence[] };
  /** Numeric history: one topic's points in one ten-minute bucket, keyed [topic, start, part], by start for pruning. */
  trends: { key: [string, number, number]; value: TrendRecord; indexes: { start: number } };
  /** Each alarm's state, by alarm id: a reload neither raises an alarm twice nor forgets an unacknowledged one. */
  'alarm-states': { key: string; value: AlarmState };
  /** Alarm events, oldest first (a growing key), the last 10,000 kept. */
  'alarm-history': { key: number; value: AlarmEvent };
}

export type DashboardDatabase = IDBPDatabase<DashboardSchema>;

/** Opens (and upgrades) the database. Tests pass their own name to start empty. */
export function openDashboardDatabase(name = DATABASE_NAME): Promise<DashboardDatabase> {
  return openDB<DashboardSchema>(name, DATABASE_VERSION, {
    upgrade(database, oldVersion) {
      // Step 1: settings.
      if (oldVersion < 1) database.createObjectStore('settings');
      // Step 2: the command outbox.
      if (oldVersion < 2) database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      // Step 3: the last known values.
      if (oldVersion < 3) database.createObjectStore('values');
      // Step 4: the devices' presence.
      if (oldVersion < 4) database.createObjectStore('presence');
      // Step 5: numeric history, so that trends survive a reload.
      if (oldVersion < 5) database.createObjectStore('trends', { keyPath: ['topic', 'start', 'part'] }).createIndex('start', 'start');
      // Step 6: alarm states and their history.
      if (oldVersion < 6) {
        database.createObjectStore('alarm-states', { keyPath: 'id' });
        database.createObjectStore('alarm-history', { autoIncrement: true });
      }
    },
  });
}
