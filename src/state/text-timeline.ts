/**
 * A text topic's timeline: its changes, each with how long it lasted (`en marche 14:02:10 → 14:20:43`,
 * `arrêtée since 14:20:43`), from the changes kept with the history. Plain data; the page words it.
 */
import type { TrendRecord } from './trend-buckets';

/** The record topic of a text topic's changes (apart from numbers, never shown as a topic). */
export const textTopic = (topic: string): string => `\u0001${topic}`;

/** The longest text whose changes are kept: states and modes, not documents. */
export const TIMELINE_TEXT_LIMIT = 80;

export interface TimelineSpan {
  readonly text: string;
  readonly from: number;
  /** When the next value came; null for the current one. */
  readonly to: number | null;
  /** The dashboard was not running or not connected for part of it: its start or end is uncertain. */
  readonly broken: boolean;
}

/** The spans, newest first, from a topic's change records (any order); repeated texts are merged. */
export function timelineSpans(records: readonly TrendRecord[], outages: ReadonlyArray<readonly [number, number]>, limit = 50): TimelineSpan[] {
  const changes: Array<{ time: number; text: string }> = [];
  for (const record of [...records].sort((a, b) => a.start - b.start || a.part - b.part)) {
    record.times.forEach((time, index) => changes.push({ time, text: record.texts?.[index] ?? '' }));
  }
  changes.sort((a, b) => a.time - b.time);
  const spans: TimelineSpan[] = [];
  for (const change of changes) {
    const last = spans.at(-1);
    if (last && last.text === change.text) continue;
    if (last) spans[spans.length - 1] = { ...last, to: change.time, broken: last.broken || outages.some(([down, back]) => down < change.time && back > last.from) };
    spans.push({ text: change.text, from: change.time, to: null, broken: false });
  }
  return spans.slice(-limit).reverse();
}
