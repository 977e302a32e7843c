/**
 * Older history in less room: a record of up to one point a second becomes one point a minute, the
 * minute's average, with its lowest and highest value kept so a chart draws them as a band. What a record
 * costs on disk is estimated here, to keep the whole within the budget.
 */
import type { TrendRecord } from './trend-buckets';

/** A thinned record's points are this far apart. */
export const THIN_STEP_MS = 60_000;

/** One topic's record as one point a minute with its low and high (text records and thinned ones stay as they are). */
export function thinRecord(record: TrendRecord): TrendRecord | null {
  if (record.texts || record.lows || record.times.length === 0) return null;
  const times: number[] = [];
  const values: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  let minute = Number.NaN;
  let sum = 0;
  let count = 0;
  const close = () => {
    if (count === 0) return;
    values.push(sum / count);
    sum = 0;
    count = 0;
  };
  for (let i = 0; i < record.times.length; i++) {
    const time = record.times[i] as number;
    const value = record.values[i] as number;
    const at = Math.floor(time / THIN_STEP_MS);
    if (at !== minute) {
      close();
      minute = at;
      times.push(time);
      lows.push(value);
      highs.push(value);
    }
    const last = times.length - 1;
    times[last] = time; // the minute's last point's time: its average is what it had come to
    lows[last] = Math.min(lows[last] as number, value);
    highs[last] = Math.max(highs[last] as number, value);
    sum += value;
    count++;
  }
  close();
  return {
    topic: record.topic,
    start: record.start,
    part: record.part,
    times: Float64Array.from(times),
    values: Float64Array.from(values),
    lows: Float64Array.from(lows),
    highs: Float64Array.from(highs),
  };
}

/** About what a record takes on disk, in bytes: its numbers, its texts and its key, with IndexedDB's overhead. */
export function recordBytes(record: TrendRecord): number {
  let bytes = 400 + record.topic.length * 2 + record.times.length * 16; // 400: what IndexedDB adds per record, as measured in Chromium
  if (record.lows) bytes += record.times.length * 16;
  if (record.texts) for (const text of record.texts) bytes += 8 + text.length * 2;
  return bytes;
}
