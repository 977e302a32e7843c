/**
 * Keeps the last known values on disk and brings them back at load: an installed app opened with no
 * network shows what it last saw (marked stale, as anything not received on the current connection).
 */
import { storageFailure, type Problem } from '../shared/problems';
import { topicMatches } from '../mqtt/topic-filter';
import type { PresenceStore } from '../state/presence-store';
import type { TopicStore } from '../state/topic-store';
import type { RememberedValue, ValueSnapshotRepository } from '../storage/value-snapshot';

/** At most this often a changed set of values is written. */
export const SAVE_INTERVAL_MS = 2000;
/** How many topics are kept: pinned ones first, then the most recently received. */
export const TOPICS_KEPT = 1000;

export class ValueMemory {
  private _dirty = false;
  private _devicesDirty = false;
  private _saving = false;

  constructor(
    private readonly _topics: TopicStore,
    private readonly _presence: PresenceStore,
    private readonly _repository: ValueSnapshotRepository,
    private readonly _pinned: () => readonly string[],
    private readonly _problem: (problem: Problem) => void,
  ) {}

  /** Shows the remembered values (topics already received keep their live value). */
  async restore(): Promise<void> {
    try {
      this._topics.restore(await this._repository.load());
      this._presence.restore(await this._repository.loadDevices());
    } catch (error) {
      this._problem(storageFailure('last-values', error));
    }
  }

  /** Saves changes every few seconds, and when the page is hidden or closed. */
  start(): void {
    this._topics.subscribe(() => (this._dirty = true));
    this._presence.subscribe(() => (this._devicesDirty = true));
    setInterval(() => void this.save(), SAVE_INTERVAL_MS);
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') void this.save();
      });
    }
  }

  async save(): Promise<void> {
    if ((!this._dirty && !this._devicesDirty) || this._saving) return;
    const values = this._dirty;
    const devices = this._devicesDirty;
    this._dirty = false;
    this._devicesDirty = false;
    this._saving = true;
    try {
      if (values) await this._repository.save(valuesToKeep(this._topics.list(), this._pinned()));
      if (devices) await this._repository.saveDevices(this._presence.list());
    } catch (error) {
      this._problem(storageFailure('kept-values', error));
    } finally {
      this._saving = false;
    }
  }
}

/**
 * Pinned topics first, then the most recently received, up to TOPICS_KEPT. Runs every few seconds over
 * every topic, so it finds the age threshold with a native sort of the times (no object comparisons).
 */
export function valuesToKeep<T extends RememberedValue>(values: readonly T[], pinned: readonly string[], limit = TOPICS_KEPT): T[] {
  if (values.length <= limit) return [...values];
  const isPinned = (value: T) => pinned.length > 0 && pinned.some((filter) => topicMatches(filter, value.topic));
  const first = values.filter(isPinned).slice(0, limit);
  const room = limit - first.length;
  if (room === 0) return first;
  const rest = values.filter((value) => !isPinned(value));
  if (rest.length <= room) return [...first, ...rest];
  const times = Float64Array.from(rest, (value) => value.receivedAt).sort();
  const threshold = times[times.length - room] as number;
  const newer = rest.filter((value) => value.receivedAt > threshold);
  const atThreshold = rest.filter((value) => value.receivedAt === threshold).slice(0, room - newer.length);
  return [...first, ...newer, ...atThreshold];
}
