/**
 * Numeric history on its way to disk: per topic, the points of the current ten-minute bucket, at most one a
 * second (a later point in the same second replaces the earlier one: the value at the end of each second).
 * The buckets that changed since the last take are handed over whole, to be written as one record each.
 */

import { recordBytes } from './trend-thinning';

/**
 * A record on disk: one topic's points in one bucket, times in epoch milliseconds, oldest first. `part`
 * tells apart the records of one bucket written by successive runs of the page (each run writes its own,
 * so a reload never overwrites the points written before it).
 */
export interface TrendRecord {
  topic: string;
  start: number;
  part: number;
  times: Float64Array;
  values: Float64Array;
  /** For a text topic's changes: the text at each time (values are then 0). */
  texts?: string[];
  /** A thinned record (one point a minute, values its averages): each minute's lowest and highest value. */
  lows?: Float64Array;
  highs?: Float64Array;
}

/** Ten minutes a record: a few hundred points at most, a cheap write. */
export const BUCKET_MS = 600_000;
/** Added to a run's part for its records of points placed in the past: the same run, another record. */
const LATE_PART = 0.5;
/** The run a record's part belongs to. */
const runOf = (part: number) => Math.floor(part);

const SECOND = 1000;

interface OpenBucket {
  start: number;
  times: number[];
  values: number[];
  texts: string[] | null;
  /** What its record last written takes on disk (0 before the first write). */
  written: number;
}

export class TrendBuckets {
  private readonly _open = new Map<string, OpenBucket>();
  private readonly _dirty = new Set<string>();
  /** Buckets closed (a newer one began) before they were taken: written once more, whole. */
  private _closed: TrendRecord[] = [];
  private _addedBytes = 0;

  /** `part`: this run's mark on its records (the time it started). */
  constructor(readonly part: number) {}

  record(topic: string, time: number, value: number, text?: string): void {
    const start = Math.floor(time / BUCKET_MS) * BUCKET_MS;
    let bucket = this._open.get(topic);
    if (bucket && bucket.start !== start) {
      if (start < bucket.start) {
        this._recordLate(topic, start, time, value, text);
        return;
      }
      if (this._dirty.has(topic)) this._closed.push(this._written(topic, bucket));
      bucket = undefined;
    }
    if (!bucket) {
      bucket = { start, times: [], values: [], texts: text === undefined ? null : [], written: 0 };
      this._open.set(topic, bucket);
    }
    const last = bucket.times.length - 1;
    if (last >= 0 && Math.floor((bucket.times[last] as number) / SECOND) === Math.floor(time / SECOND)) {
      bucket.times[last] = time;
      bucket.values[last] = value;
      if (bucket.texts && text !== undefined) bucket.texts[last] = text;
    } else {
      bucket.times.push(time);
      bucket.values.push(value);
      if (bucket.texts && text !== undefined) bucket.texts.push(text);
    }
    this._dirty.add(topic);
  }

  /**
   * Buckets this run had already left, reopened for points placed in the past (values the broker kept while
   * the dashboard was away): written as records of their own, `part` LATE_PART after this run's, so the
   * points written before are never overwritten.
   */
  private readonly _late = new Map<string, OpenBucket & { topic: string }>();

  private _recordLate(topic: string, start: number, time: number, value: number, text?: string): void {
    const key = `${start}\u0000${topic}`;
    let bucket = this._late.get(key);
    if (!bucket) {
      bucket = { topic, start, times: [], values: [], texts: text === undefined ? null : [], written: 0 };
      this._late.set(key, bucket);
    }
    bucket.times.push(time);
    bucket.values.push(value);
    if (bucket.texts && text !== undefined) bucket.texts.push(text);
    this._lateDirty.add(key);
  }

  private readonly _lateDirty = new Set<string>();

  get hasChanges(): boolean {
    return this._dirty.size > 0 || this._closed.length > 0 || this._lateDirty.size > 0;
  }

  /** The buckets that changed since the last call, as records to write. */
  take(): TrendRecord[] {
    const records = this._closed;
    this._closed = [];
    for (const topic of this._dirty) {
      const bucket = this._open.get(topic);
      if (bucket) records.push(this._written(topic, bucket));
    }
    this._dirty.clear();
    for (const key of this._lateDirty) {
      const bucket = this._late.get(key);
      if (bucket) records.push(this._written(bucket.topic, bucket, this.part + LATE_PART));
    }
    this._lateDirty.clear();
    return records;
  }

  /** What the records taken since the last call add on disk, in bytes (a rewritten record counts its growth). */
  takeAddedBytes(): number {
    const added = this._addedBytes;
    this._addedBytes = 0;
    return added;
  }

  private _written(topic: string, bucket: OpenBucket, part = this.part): TrendRecord {
    const record = asRecord(topic, bucket, part);
    const bytes = recordBytes(record);
    this._addedBytes += bytes - bucket.written;
    bucket.written = bytes;
    return record;
  }

  /** Forgets topics that are gone (their records on disk age out). */
  retain(keep: (topic: string) => boolean): void {
    for (const topic of this._open.keys()) {
      if (keep(topic)) continue;
      this._open.delete(topic);
      this._dirty.delete(topic);
    }
  }
}

function asRecord(topic: string, bucket: OpenBucket, part: number): TrendRecord {
  const record: TrendRecord = { topic, start: bucket.start, part, times: Float64Array.from(bucket.times), values: Float64Array.from(bucket.values) };
  if (bucket.texts) record.texts = [...bucket.texts];
  return record;
}

/** The record topic of the times the link was down: a point is one outage, its time the loss, its value the return. */
export const OUTAGES = '\u0000outages';

/**
 * A topic's stored records (any order) and its points in memory (this run's), as one series: memory wins
 * where they overlap. The line breaks between points of different runs of the page, and across an outage.
 */
export function mergeSeries(
  records: readonly TrendRecord[],
  memory: { times: Float64Array; values: Float64Array },
  outages: readonly TrendRecord[] = [],
  /** This run's part: its records on disk join memory's points with no break. */
  currentPart = Number.NaN,
): { times: Float64Array; values: Float64Array; breaks: Uint32Array; lows?: Float64Array; highs?: Float64Array } {
  const firstInMemory = memory.times.length > 0 ? (memory.times[0] as number) : Number.POSITIVE_INFINITY;
  const sorted = [...records].sort((a, b) => a.start - b.start || a.part - b.part);
  let count = 0;
  for (const record of sorted) for (const time of record.times) if (time < firstInMemory) count++;
  const times = new Float64Array(count + memory.times.length);
  const values = new Float64Array(count + memory.times.length);
  const breaks: number[] = [];
  // Thinned records' bands; NaN where a point is a plain one.
  const banded = sorted.some((record) => record.lows !== undefined);
  const lows = banded ? new Float64Array(times.length).fill(Number.NaN) : null;
  const highs = banded ? new Float64Array(times.length).fill(Number.NaN) : null;
  let at = 0;
  let lastPart: number | null = null;
  for (const record of sorted) {
    for (let i = 0; i < record.times.length; i++) {
      const time = record.times[i] as number;
      if (time >= firstInMemory) continue;
      if (lastPart !== null && runOf(record.part) !== runOf(lastPart)) breaks.push(at);
      lastPart = record.part;
      if (lows && highs && record.lows && record.highs) {
        lows[at] = record.lows[i] as number;
        highs[at] = record.highs[i] as number;
      }
      times[at] = time;
      values[at++] = record.values[i] as number;
    }
  }
  if (at > 0 && memory.times.length > 0 && (lastPart === null || runOf(lastPart) !== runOf(currentPart))) breaks.push(at); // the run before and this one
  times.set(memory.times, at);
  values.set(memory.values, at);
  const lost: Array<[number, number]> = [];
  for (const record of outages) for (let i = 0; i < record.times.length; i++) lost.push([record.times[i] as number, record.values[i] as number]);
  if (lost.length > 0) {
    for (let i = 1; i < times.length; i++) {
      const from = times[i - 1] as number;
      const to = times[i] as number;
      // An outage wholly between two points; values the broker kept meanwhile (placed within it) join them.
      if (lost.some(([down, back]) => from <= down && back <= to)) breaks.push(i);
    }
  }
  const series = { times, values, breaks: Uint32Array.from(new Set(breaks)).sort() };
  return lows && highs ? { ...series, lows, highs } : series;
}
