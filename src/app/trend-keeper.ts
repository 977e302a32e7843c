/**
 * Keeps the numeric history on disk so that a chart opened after a reload, a crash or the next morning
 * shows what the tablet saw: every point goes into the current bucket (at most one a second per topic),
 * the changed buckets are written every few seconds and when the page is hidden, records older than a
 * day are deleted. A chart's series is the disk's points before the oldest one in memory, then memory's.
 */
import { storageFailure, type Problem } from '../shared/problems';
import { TrendBuckets, mergeSeries } from '../state/trend-buckets';
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
  async series(topic: string, memory: { times: Float64Array; values: Float64Array }): Promise<{ times: Float64Array; values: Float64Array }> {
    try {
      return mergeSeries(await this._repository.load(topic, this._now() - TREND_KEPT_MS), memory);
    } catch (error) {
      this._fail(error);
      return memory;
    }
  }

  private _fail(error: unknown): void {
    if (this._failed) return; // said once; live values go on
    this._failed = true;
    this._problem(storageFailure('trends', error));
  }
}
