/**
 * Numeric values over time, per topic, in ring buffers: a plain number, or JSON with a numeric `value`
 * (payload decoding already found it). Each topic keeps at most `pointsPerTopic` points, and all topics
 * together at most `totalPoints`, so memory stays bounded however many topics and messages come.
 */
import type { DecodedPayload } from '../mqtt/payload';
import { CatchUpPlacer } from './catch-up-placer';

export const DEFAULT_POINTS_PER_TOPIC = 2000;
/** 16 bytes a point: 4 million points is 64 MB at most. */
export const DEFAULT_TOTAL_POINTS = 4_000_000;
const FIRST_CAPACITY = 16;

/** The number a payload carries, or null. */
export function numericValue(payload: DecodedPayload): number | null {
  return (payload.kind === 'number' || payload.kind === 'measure') && payload.value !== undefined && Number.isFinite(payload.value)
    ? payload.value
    : null;
}

/** One topic's points, oldest first when read. Grows by doubling up to its capacity, then wraps. */
export class PointRing {
  private _times: Float64Array;
  private _values: Float64Array;
  private _start = 0;
  private _length = 0;

  constructor(
    private readonly _maximum: number,
    private readonly _grow: (extra: number) => boolean,
  ) {
    const first = Math.min(FIRST_CAPACITY, _maximum);
    this._times = new Float64Array(first);
    this._values = new Float64Array(first);
  }

  get length(): number {
    return this._length;
  }

  get capacity(): number {
    return this._times.length;
  }

  push(time: number, value: number): void {
    if (this._length === this._times.length && this._times.length < this._maximum) this._enlarge();
    const capacity = this._times.length;
    const at = (this._start + this._length) % capacity;
    this._times[at] = time;
    this._values[at] = value;
    if (this._length < capacity) this._length++;
    else this._start = (this._start + 1) % capacity;
  }

  /** Copies of the points, oldest first. */
  read(): { times: Float64Array; values: Float64Array } {
    const times = new Float64Array(this._length);
    const values = new Float64Array(this._length);
    for (let i = 0; i < this._length; i++) {
      const at = (this._start + i) % this._times.length;
      times[i] = this._times[at] as number;
      values[i] = this._values[at] as number;
    }
    return { times, values };
  }

  /** The newest point's time, or -Infinity when there is none. */
  lastTime(): number {
    return this._length === 0 ? Number.NEGATIVE_INFINITY : (this._times[(this._start + this._length - 1) % this._times.length] as number);
  }

  /** The last `count` values, oldest first (for sparklines). */
  lastValues(count: number): number[] {
    const shown = Math.min(count, this._length);
    const result: number[] = [];
    for (let i = this._length - shown; i < this._length; i++) result.push(this._values[(this._start + i) % this._times.length] as number);
    return result;
  }

  private _enlarge(): void {
    const size = Math.min(this._maximum, this._times.length * 2);
    if (!this._grow(size - this._times.length)) return; // the global budget is spent: this ring wraps at its size
    const { times, values } = this.read();
    this._times = new Float64Array(size);
    this._values = new Float64Array(size);
    this._times.set(times);
    this._values.set(values);
    this._start = 0;
  }
}

export class NumericHistory {
  private readonly _rings = new Map<string, PointRing>();
  private _allocated = 0;
  /** Points recorded per topic since the last takeRecent(), when someone takes them (the engine's frames). */
  private _recent: Map<string, number> | null = null;

  /** Whether recorded points wait for takeRecent(). */
  get hasRecent(): boolean {
    return (this._recent?.size ?? 0) > 0;
  }

  /** Starts collecting what is recorded, for takeRecent(). */
  trackChanges(): void {
    this._recent ??= new Map();
  }

  /**
   * The values recorded since the last call, per topic, at most `limit` each (the sparklines' window), for
   * at most `maxTopics` topics (the others wait for the next call), packed for a transfer: topic i has counts[i] values in `values`, and lengths[i] points in all.
   */
  takeRecent(limit: number, maxTopics = Number.POSITIVE_INFINITY): { topics: string[]; counts: Uint16Array; lengths: Uint32Array; values: Float64Array } {
    const recent = this._recent;
    const topics: string[] = [];
    if (!recent || recent.size === 0) return { topics, counts: new Uint16Array(0), lengths: new Uint32Array(0), values: new Float64Array(0) };
    const size = Math.min(recent.size, maxTopics);
    const counts = new Uint16Array(size);
    const lengths = new Uint32Array(size);
    let total = 0;
    let index = 0;
    for (const [topic, added] of recent) {
      if (index === size) break;
      const ring = this._rings.get(topic);
      const count = ring ? Math.min(added, limit, ring.length) : 0;
      topics.push(topic);
      counts[index] = count;
      lengths[index++] = ring?.length ?? 0;
      total += count;
    }
    const values = new Float64Array(total);
    let at = 0;
    index = 0;
    for (const topic of topics) {
      const count = counts[index++] ?? 0;
      if (count === 0) continue;
      values.set(this._rings.get(topic)?.lastValues(count) ?? [], at);
      at += count;
    }
    if (topics.length === recent.size) recent.clear();
    else for (const topic of topics) recent.delete(topic);
    return { topics, counts, lengths, values };
  }

  constructor(
    readonly pointsPerTopic = DEFAULT_POINTS_PER_TOPIC,
    readonly totalPoints = DEFAULT_TOTAL_POINTS,
  ) {}

  /** Told of every point recorded (the history kept on disk). */
  onRecorded: ((topic: string, time: number, value: number) => void) | null = null;
  /** Told of every value that is not a number (a text topic's timeline). */
  onOther: ((topic: string, time: number, payload: DecodedPayload) => void) | null = null;

  /** Values received while away, placed across the time the topic was away once their burst ends. */
  private readonly _catchUp = new CatchUpPlacer((topic, time, payload) => this._recordAt(topic, time, payload));

  /** Told of the topics whose values received while away were just placed in their history. */
  set onPlaced(listener: ((topics: string[]) => void) | null) {
    this._catchUp.onPlaced = listener;
  }

  /**
   * Records a message's value, if it carries a number. `away`: it was received while away (kept by the
   * broker in the persistent session), the topic last seen at `from`, the link back at `to`.
   */
  record(topic: string, time: number, payload: DecodedPayload, away?: { from: number; to: number }): void {
    if (away && (this._catchUp.holds(topic) || away.from < away.to)) {
      const last = this._rings.get(topic)?.lastTime() ?? Number.NEGATIVE_INFINITY;
      this._catchUp.hold(topic, Math.max(away.from, last), away.to, payload);
      return;
    }
    // A live value of a topic whose kept ones are held: those go first. (Not any topic's: retained copies
    // of other topics come among the kept values after a reconnection.)
    if (this._catchUp.holds(topic)) this._catchUp.flush();
    this._recordAt(topic, time, payload);
  }

  private _recordAt(topic: string, time: number, payload: DecodedPayload): void {
    const value = numericValue(payload);
    if (value === null) {
      this.onOther?.(topic, time, payload);
      return;
    }
    this.onRecorded?.(topic, time, value);
    let ring = this._rings.get(topic);
    if (!ring) {
      if (this._allocated + FIRST_CAPACITY > this.totalPoints) return;
      this._allocated += Math.min(FIRST_CAPACITY, this.pointsPerTopic);
      ring = new PointRing(this.pointsPerTopic, (extra) => this._reserve(extra));
      this._rings.set(topic, ring);
    }
    ring.push(time, value);
    if (this._recent) this._recent.set(topic, (this._recent.get(topic) ?? 0) + 1);
  }

  get(topic: string): PointRing | undefined {
    return this._rings.get(topic);
  }

  /** Points held in memory (capacity reserved), for the memory budget. */
  get allocatedPoints(): number {
    return this._allocated;
  }

  /** Forgets the topics for which `keep` returns false. */
  retain(keep: (topic: string) => boolean): void {
    for (const [topic, ring] of this._rings) {
      if (keep(topic)) continue;
      this._allocated -= ring.capacity;
      this._rings.delete(topic);
    }
  }

  private _reserve(extra: number): boolean {
    if (this._allocated + extra > this.totalPoints) return false;
    this._allocated += extra;
    return true;
  }
}
