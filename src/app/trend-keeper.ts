/**
 * Keeps the numeric history on disk so that a chart opened after a reload, a crash or the next morning
 * shows what the tablet saw: every point goes into the current bucket (at most one a second per topic),
 * the changed buckets are written every few seconds and when the page is hidden, records older than a
 * day are deleted. A chart's series is the disk's points before the oldest one in memory, then memory's.
 */
import { storageFailure, type Problem } from '../shared/problems';
import { OUTAGES, TrendBuckets, mergeSeries, type TrendRecord } from '../state/trend-buckets';
import { TIMELINE_TEXT_LIMIT, textTopic, timelineSpans, type TimelineSpan } from '../state/text-timeline';
import type { DecodedPayload } from '../mqtt/payload';
import type { TrendRepository } from '../storage/trend-repository';

/** How often the changed buckets are written. */
export const TREND_SAVE_MS = 5000;
/** How long history is kept. */
export const TREND_KEPT_MS = 24 * 3_600_000;
const PRUNE_MS = 600_000;

export class TrendKeeper {
  private readonly _buckets: TrendBuckets;
  private _saving: Promise<void> | null = null;
  private _failed = false;

  constructor(
    private readonly _repository: TrendRepository,
    private readonly _problem: (problem: Problem) => void,
    private readonly _now: () => number = Date.now,
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
    setInterval(() => void this.save(), TREND_SAVE_MS);
    const prune = () => void this._repository.prune(this._now() - TREND_KEPT_MS).catch((error: unknown) => this._fail(error));
    prune();
    setInterval(prune, PRUNE_MS);
  }

  /** Writes what changed (one write at a time; a call during one waits for it, then writes what is left). */
  async save(): Promise<void> {
    while (this._saving) await this._saving;
    if (!this._buckets.hasChanges) return;
    const records = this._buckets.take();
    this._saving = this._repository.save(records).then(
      () => undefined,
      (error: unknown) => this._fail(error),
    );
    try {
      await this._saving;
    } finally {
      this._saving = null;
    }
  }

  /** A topic's series for a chart: the last day from disk, then what memory holds. */
  async series(topic: string, memory: { times: Float64Array; values: Float64Array }): Promise<{ times: Float64Array; values: Float64Array; breaks?: Uint32Array }> {
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
