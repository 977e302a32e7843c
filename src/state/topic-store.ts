import type { DecodedPayload } from '../mqtt/payload';
import { MESSAGE_REDRAW_MS, Notifier, throttledFrames, type Scheduler } from './notifier';
import type { QoS } from '../shared/types';

/** The latest message seen on one topic. Replaced, never mutated, so renderers can compare by identity. */
export interface TopicValue {
  readonly topic: string;
  readonly payload: DecodedPayload;
  readonly qos: QoS;
  /** The value came from the broker's retained store (sent on subscribe), not live. */
  readonly retained: boolean;
  /** Epoch milliseconds when the dashboard received it. */
  readonly receivedAt: number;
  /** Queued by the broker while the dashboard was away: catch-up, not live. */
  readonly whileAway: boolean;
  /** The DUP flag was set. */
  readonly dup: boolean;
  /** Messages seen on this topic since the page opened. */
  readonly count: number;
  /**
   * The most decimals a numeric value of this topic has had: `68` after `67.9` is shown `68.0`
   * (JSON writes 68.0 as 68). Zero for non-numeric topics.
   */
  readonly precision: number;
}

export interface IncomingValue {
  topic: string;
  payload: DecodedPayload;
  qos: QoS;
  retained: boolean;
  receivedAt: number;
  whileAway: boolean;
  dup: boolean;
}

/**
 * Latest value per topic, with topics kept in alphabetical order so tiles do not jump around.
 * Updates are applied at once and announced at most once per animation frame.
 */
export class TopicStore extends Notifier {
  private readonly _values = new Map<string, TopicValue>();
  private readonly _sortedTopics: string[] = [];
  private _list: readonly TopicValue[] | null = [];
  private _messageCount = 0;
  private _arrivals: string[] = [];
  /** Topics changed since the last takeChanges(), when someone takes them (the engine's frames). */
  private _changed: Set<string> | null = null;
  private _removed: string[] = [];

  constructor(schedule: Scheduler = throttledFrames(MESSAGE_REDRAW_MS)) {
    super(schedule);
  }

  /** Starts collecting what changes, for takeChanges(). */
  trackChanges(): void {
    this._changed ??= new Set(this._sortedTopics);
  }

  /** Every topic counts as changed (the page's view must be rebuilt). */
  changedAll(): void {
    if (this._changed) for (const topic of this._sortedTopics) this._changed.add(topic);
  }

  /** Whether changes are waiting for takeChanges() (more than one call could take). */
  get hasChanges(): boolean {
    return (this._changed?.size ?? 0) > 0 || this._removed.length > 0;
  }

  /**
   * The records changed (at most `limit`, the ones changed first; the rest wait for the next call) and the
   * topics forgotten since the last call.
   */
  takeChanges(limit = Number.POSITIVE_INFINITY): { values: TopicValue[]; removed: string[] } {
    const changed = this._changed;
    if (!changed || (changed.size === 0 && this._removed.length === 0)) return { values: [], removed: [] };
    const values: TopicValue[] = [];
    const taken: string[] = [];
    for (const topic of changed) {
      if (taken.length >= limit) break;
      taken.push(topic);
      const value = this._values.get(topic);
      if (value) values.push(value);
    }
    if (taken.length === changed.size) changed.clear();
    else for (const topic of taken) changed.delete(topic);
    const removed = this._removed;
    this._removed = [];
    return { values, removed };
  }

  /** A mirror's side of takeChanges(): puts the records as they are, forgets the removed topics. */
  applyChanges(values: readonly TopicValue[], removed: readonly string[], messageCount: number): void {
    if (removed.length > 0) {
      this._arrivals = [];
      const gone = new Set(removed);
      for (const topic of removed) this._values.delete(topic);
      const kept = this._sortedTopics.filter((topic) => !gone.has(topic));
      this._sortedTopics.splice(0, this._sortedTopics.length, ...kept);
    }
    const added: string[] = [];
    for (const value of values) {
      if (!this._values.has(value.topic)) added.push(value.topic);
      this._values.set(value.topic, value);
    }
    for (const topic of added) this._arrivals.push(topic);
    // Many new topics at once (the first frames of a busy broker): one sort, not one splice each.
    if (added.length > 32) {
      for (const topic of added) this._sortedTopics.push(topic);
      this._sortedTopics.sort(byCodeUnits);
    } else {
      for (const topic of added) insertSorted(this._sortedTopics, topic);
    }
    this._messageCount = messageCount;
    this._list = null;
    this.changed();
  }

  update(incoming: IncomingValue): void {
    const previous = this._values.get(incoming.topic);
    if (!previous) {
      insertSorted(this._sortedTopics, incoming.topic);
      this._arrivals.push(incoming.topic);
    }
    const precision = Math.max(previous?.precision ?? 0, decimalsOf(incoming.payload));
    this._values.set(incoming.topic, { ...incoming, count: (previous?.count ?? 0) + 1, precision });
    this._messageCount++;
    this._changed?.add(incoming.topic);
    this._list = null;
    this.changed();
  }

  /** The topic's record is replaced by an equal one: who draws it (a chart of its history) looks again. */
  touch(topic: string): void {
    const value = this._values.get(topic);
    if (!value) return;
    this._values.set(topic, { ...value });
    this._changed?.add(topic);
    this._list = null;
    this.changed();
  }

  /**
   * Puts back values remembered from an earlier visit, for topics not received yet. They count as no
   * message, and are not "received while away": they are simply old, hence stale.
   */
  restore(values: ReadonlyArray<Omit<TopicValue, 'count' | 'precision'> & { precision?: number }>): void {
    let added = false;
    for (const value of values) {
      if (this._values.has(value.topic)) continue;
      insertSorted(this._sortedTopics, value.topic);
      this._arrivals.push(value.topic);
      this._values.set(value.topic, { ...value, whileAway: false, count: 0, precision: value.precision ?? decimalsOf(value.payload) });
      this._changed?.add(value.topic);
      added = true;
    }
    if (!added) return;
    this._list = null;
    this.changed();
  }

  get(topic: string): TopicValue | undefined {
    return this._values.get(topic);
  }

  /** Every topic's latest value, sorted by topic. The same array is returned until something changes. */
  list(): readonly TopicValue[] {
    if (this._list === null) {
      this._list = this._sortedTopics.map((topic) => this._values.get(topic) as TopicValue);
    }
    return this._list;
  }

  /**
   * The topics in the order they came (not new values); a new array once one went: whoever groups topics
   * groups again only then, and otherwise puts in only the new ones.
   */
  get arrivals(): readonly string[] {
    return this._arrivals;
  }

  get topicCount(): number {
    return this._values.size;
  }

  get messageCount(): number {
    return this._messageCount;
  }

  /** Forgets every topic for which `keep` returns false. */
  retain(keep: (topic: string) => boolean): void {
    const kept = this._sortedTopics.filter((topic) => keep(topic) || !this._forget(topic));
    if (kept.length === this._sortedTopics.length) return;
    this._sortedTopics.splice(0, this._sortedTopics.length, ...kept);
    this._arrivals = [];
    this._list = null;
    this.changed();
  }

  private _forget(topic: string): boolean {
    this._changed?.delete(topic);
    if (this._changed) this._removed.push(topic);
    return this._values.delete(topic);
  }

  clear(): void {
    if (this._changed) {
      this._removed.push(...this._sortedTopics);
      this._changed.clear();
    }
    this._values.clear();
    this._sortedTopics.length = 0;
    this._messageCount = 0;
    this._arrivals = [];
    this._list = null;
    this.changed();
  }
}

/** The most decimals shown for any number. */
const MOST_DECIMALS = 6;

/** How many decimals a numeric payload was written with (0 for other payloads). */
export function decimalsOf(payload: DecodedPayload): number {
  if ((payload.kind !== 'number' && payload.kind !== 'measure') || payload.value === undefined) return 0;
  const written = payload.kind === 'number' ? payload.text : String(payload.value);
  const point = written.indexOf('.');
  if (point === -1 || /e/i.test(written)) return 0;
  return Math.min(MOST_DECIMALS, written.length - point - 1);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function insertSorted(sorted: string[], topic: string): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < topic) low = middle + 1;
    else high = middle;
  }
  sorted.splice(low, 0, topic);
}
