/**
 * Keeps the numeric history on disk so that a chart opened after a reload, a crash or the next morning
 * shows what the tablet saw: every point goes into the current bucket (at most one a second per topic),
 * the changed buckets are written every few seconds and when the page is hidden. Records older than a day
 * are thinned to one point a minute with its low and high, those older than a week deleted, and the whole
 * kept within a budget (the oldest thinned first, then deleted). A chart's series is the disk's points
 * before the oldest one in memory, then memory's.
 */
import { storageFailure, type Problem } from '../shared/problems';
import { BUCKET_MS, OUTAGES, TrendBuckets, mergeSeries, type TrendRecord } from '../state/trend-buckets';
import { TIMELINE_TEXT_LIMIT, textTopic, timelineSpans, type TimelineSpan } from '../state/text-timeline';
import type { DecodedPayload } from '../mqtt/payload';
import type { Series } from '../engine/engine-frame';
import type { TrendRepository, TrendVisit } from '../storage/trend-repository';
import { recordBytes, thinRecord } from '../state/trend-thinning';

/** How often the changed buckets are written (at most: see SAVE_SHARE). */
export const TREND_SAVE_MS = 5000;
/** A write that took t ms is followed by the next regular one no sooner than SAVE_SHARE × t ms later. */
const SAVE_SHARE = 30;
/** How long history is kept at up to one point a second. */
export const TREND_FULL_MS = 24 * 3_600_000;
/** How long history is kept at all (older than TREND_FULL_MS: one point a minute). */
export const TREND_KEPT_MS = 7 * 24 * 3_600_000;
/** About what the history may take on disk. */
export const TREND_BUDGET_BYTES = 100 * 1024 * 1024;
/** Over the budget, points of the last hour are never thinned. */
const NEVER_THINNED_MS = 3_600_000;
/** How often old records are thinned and pruned; the first time, a minute after start. */
const MAINTAIN_MS = 600_000;
const FIRST_MAINTAIN_MS = 60_000;

export class TrendKeeper {
  private readonly _buckets: TrendBuckets;
  private _saving: Promise<void> | null = null;
  private _failed = false;

  constructor(
    private readonly _repository: TrendRepository,
    private readonly _problem: (problem: Problem) => void,
    private readonly _now: () => number = Date.now,
    private readonly _budgetBytes = TREND_BUDGET_BYTES,
  ) {
    this._buckets = new TrendBuckets(_now());
  }

  readonly record = (topic: string, time: number, value: number): void => this._buckets.record(topic, time, value);

  /** The last text kept per text topic: only changes are kept. */
  private readonly _lastText = new Map<string, string>();

  /** A message that is not a number: a short text's change is kept for the topic's timeline. */
  readonly recordText = (topic: string, time: number, payload: DecodedPayload): void => {
    if (payload.kind !== 'text' || payload.truncated || payload.text.length > TIMELINE_TEXT_LIMIT) return;
    if (this._lastText.get(topic) === payload.text) return;
    this._lastText.set(topic, payload.text);
    this._buckets.record(textTopic(topic), time, 0, payload.text);
  };

  /** A text topic's changes, newest first (what is not written yet is written first). */
  async timeline(topic: string): Promise<TimelineSpan[]> {
    await this.save();
    try {
      const since = this._now() - TREND_KEPT_MS;
      const [records, outages] = await Promise.all([this._repository.load(textTopic(topic), since), this._repository.load(OUTAGES, since)]);
      const lost: Array<[number, number]> = [...this._outages];
      for (const record of outages) record.times.forEach((time, index) => lost.push([time, record.values[index] as number]));
      return timelineSpans(records, lost);
    } catch (error) {
      this._fail(error);
      return [];
    }
  }

  /** The link was down from `lost` to `back`: charts break their lines there. */
  outage(lost: number, back: number): void {
    this._outages.push([lost, back]);
    this._buckets.record(OUTAGES, lost, back);
  }

  /** This run's outages (also on disk, for the next runs). */
  private readonly _outages: Array<[number, number]> = [];

  start(): void {
    setInterval(() => {
      if (performance.now() >= this._nextSaveAt) void this.save();
    }, TREND_SAVE_MS);
    const maintain = () => void this.maintain().catch((error: unknown) => this._fail(error));
    setTimeout(() => {
      maintain();
      setInterval(maintain, MAINTAIN_MS);
    }, FIRST_MAINTAIN_MS);
  }

  /** About what the history takes on disk, in bytes; null until measured (a minute after start). */
  bytes(): number | null {
    if (this._bytes !== null) this._bytes += this._buckets.takeAddedBytes();
    return this._bytes;
  }

  private _bytes: number | null = null;
  /** Buckets before this start are thinned already (by this run). */
  private _thinnedBefore = Number.NEGATIVE_INFINITY;

  /**
   * Thins the records older than a day, deletes those older than a week, and, over the budget, thins the
   * oldest of the rest, then deletes the oldest. The first time, every record is read, to measure the whole.
   */
  async maintain(): Promise<void> {
    await this.save();
    const now = this._now();
    const kept = now - TREND_KEPT_MS;
    const full = now - TREND_FULL_MS;
    const oldest = await this._repository.oldestStart();
    const measuring = this._bytes === null;
    if (measuring) this._buckets.takeAddedBytes(); // what was written so far is counted by the walk
    let bytes = 0; // measuring: the whole; else what changed
    if (oldest !== null) {
      const ageing = (record: TrendRecord): TrendVisit => {
        const size = recordBytes(record);
        if (record.start < kept) {
          if (!measuring) bytes -= size;
          return 'delete';
        }
        const thin = record.start < full ? thinRecord(record) : null;
        const after = thin ? recordBytes(thin) : size;
        bytes += measuring ? after : after - size;
        return thin ?? 'keep';
      };
      // Measuring: every bucket; then only those that have aged since (the older ones are thinned already).
      const from = measuring ? oldest : Math.max(oldest, this._thinnedBefore);
      await this._repository.sweep(from, measuring ? now + BUCKET_MS : full, ageing);
      if (!measuring) await this._repository.sweep(oldest, Math.min(kept, from), ageing);
      this._thinnedBefore = Math.floor(full / BUCKET_MS) * BUCKET_MS;
    }
    this._bytes = (measuring ? 0 : (this._bytes ?? 0)) + bytes + this._buckets.takeAddedBytes();
    if (this._bytes > this._budgetBytes && oldest !== null) await this._keepWithinBudget(oldest, now);
  }

  /** Over the budget: the oldest records are thinned (down to the last hour), then the oldest deleted, to 90 % of it. */
  private async _keepWithinBudget(oldest: number, now: number): Promise<void> {
    let freed = 0;
    const within = () => (this._bytes ?? 0) - freed <= this._budgetBytes * 0.9;
    await this._repository.sweep(oldest, now - NEVER_THINNED_MS, (record) => {
      if (within()) return 'stop';
      const thin = thinRecord(record);
      if (!thin) return 'keep';
      freed += recordBytes(record) - recordBytes(thin);
      return thin;
    });
    if (!within()) {
      await this._repository.sweep(oldest, now + BUCKET_MS, (record) => {
        if (within()) return 'stop';
        freed += recordBytes(record);
        return 'delete';
      });
    }
    this._bytes = (this._bytes ?? 0) - freed;
  }

  /** Forgets every trend kept on this device (the user turned keeping them off). */
  async clear(): Promise<void> {
    await this.save();
    await this._repository.clear();
    this._buckets.takeAddedBytes();
    if (this._bytes !== null) this._bytes = 0;
    this._read = null;
  }

  /** Writes what changed (one write at a time; a call during one waits for it, then writes what is left). */
  async save(): Promise<void> {
    while (this._saving) await this._saving;
    if (!this._buckets.hasChanges) return;
    const records = this._buckets.take();
    const started = performance.now();
    this._saving = this._repository.save(records).then(
      () => undefined,
      (error: unknown) => this._fail(error),
    );
    try {
      await this._saving;
    } finally {
      this._saving = null;
      // Under a flood (thousands of topics changing), a write takes long: the next regular one waits
      // SAVE_SHARE times as long, so that writing keeps to a small share of the engine's time (what is not
      // written yet is in memory, and written at once when the page is hidden).
      const took = performance.now() - started;
      this._nextSaveAt = performance.now() + took * SAVE_SHARE;
    }
  }

  /** When the next regular write may start (performance.now()). */
  private _nextSaveAt = 0;

  /** A topic's series for a chart: the last day from disk, then what memory holds. */
  async series(topic: string, memory: { times: Float64Array; values: Float64Array }): Promise<Series> {
    const since = this._now() - TREND_KEPT_MS;
    const current = { topic: OUTAGES, start: 0, part: 0, times: Float64Array.from(this._outages, ([lost]) => lost), values: Float64Array.from(this._outages, ([, back]) => back) };
    try {
      const [records, outages] = await this._stored(topic, since);
      return mergeSeries(records, memory, [...outages, current], this._buckets.part);
    } catch (error) {
      this._fail(error);
      return mergeSeries([], memory, [current]);
    }
  }

  /**
   * A topic's records and the outages from disk. An open chart asks again with every new value: what is on
   * disk changes only at the next save, so one read serves until then (memory's points are merged fresh).
   */
  private _stored(topic: string, since: number): Promise<[TrendRecord[], TrendRecord[]]> {
    const cached = this._read;
    if (cached && cached.topic === topic && this._now() - cached.at < TREND_SAVE_MS) return cached.records;
    const records = Promise.all([this._repository.load(topic, since), this._repository.load(OUTAGES, since)]);
    this._read = { topic, at: this._now(), records };
    records.catch(() => (this._read = null));
    return records;
  }

  private _read: { topic: string; at: number; records: Promise<[TrendRecord[], TrendRecord[]]> } | null = null;

  private _fail(error: unknown): void {
    if (this._failed) return; // said once; live values go on
    this._failed = true;
    this._problem(storageFailure('trends', error));
  }
}
