/** Trends that survive a reload: points thinned to one a second, written in buckets, read back under memory's, thinned after a day, pruned after a week, kept within a budget. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TREND_FULL_MS, TREND_KEPT_MS, TrendKeeper } from '../../../src/app/trend-keeper';
import { BUCKET_MS, TrendBuckets, mergeSeries } from '../../../src/state/trend-buckets';
import { openDashboardDatabase } from '../../../src/storage/database';
import { TrendRepository } from '../../../src/storage/trend-repository';
import type { Problem } from '../../../src/shared/problems';

const empty = { times: new Float64Array(0), values: new Float64Array(0) };
let databases = 0;
const repository = async () => new TrendRepository(await openDashboardDatabase(`trends-${++databases}`));
const T0 = 1_800_000_000_000; // a bucket boundary (divisible by ten minutes)

describe('TrendBuckets', () => {
  it('keeps at most one point a second: the last of each second', () => {
    const buckets = new TrendBuckets(1);
    for (const [time, value] of [[T0 + 100, 1], [T0 + 900, 2], [T0 + 1000, 3], [T0 + 2500, 4]] as const) buckets.record('t', time, value);
    const [record] = buckets.take();
    expect([...(record?.times ?? [])]).toEqual([T0 + 900, T0 + 1000, T0 + 2500]);
    expect([...(record?.values ?? [])]).toEqual([2, 3, 4]);
    expect(buckets.hasChanges).toBe(false);
  });

  it('a new bucket closes the old one, which is written whole once more if it changed', () => {
    const buckets = new TrendBuckets(1);
    buckets.record('t', T0 + 1000, 1);
    buckets.take();
    buckets.record('t', T0 + 2000, 2);
    buckets.record('t', T0 + BUCKET_MS + 5, 3);
    expect(buckets.take().map((record) => [record.start, [...record.values]])).toEqual([
      [T0, [1, 2]],
      [T0 + BUCKET_MS, [3]],
    ]);
  });

  it('the line breaks between runs of the page and across an outage of the link', () => {
    const records = [
      { topic: 't', start: T0, part: 1, times: Float64Array.of(T0 + 1000, T0 + 2000), values: Float64Array.of(1, 2) },
      { topic: 't', start: T0, part: 2, times: Float64Array.of(T0 + 9000), values: Float64Array.of(3) },
    ];
    const memory = { times: Float64Array.of(T0 + 10_000, T0 + 20_000, T0 + 30_000), values: Float64Array.of(4, 5, 6) };
    const outages = [{ topic: '', start: 0, part: 0, times: Float64Array.of(T0 + 21_000), values: Float64Array.of(T0 + 25_000) }];
    // Between 2 and 3 (another run), between 3 and 4 (memory is this run), between 5 and 6 (the link was down).
    expect([...mergeSeries(records, memory, outages).breaks]).toEqual([2, 3, 5]);
  });

  it('a series is the disk before memory’s first point, then memory', () => {
    const records = [
      { topic: 't', start: T0 + BUCKET_MS, part: 2, times: Float64Array.of(T0 + BUCKET_MS + 1000), values: Float64Array.of(30) },
      { topic: 't', start: T0, part: 1, times: Float64Array.of(T0 + 1000, T0 + 2000), values: Float64Array.of(10, 20) },
    ];
    const memory = { times: Float64Array.of(T0 + BUCKET_MS + 1000, T0 + BUCKET_MS + 1500), values: Float64Array.of(30, 31) };
    const series = mergeSeries(records, memory);
    expect([...series.values]).toEqual([10, 20, 30, 31]);
  });
});

describe('TrendKeeper', () => {
  it('what was recorded before a reload is in the chart after it, the new points after the old', async () => {
    const repo = await repository();
    let now = T0 + 60_000;
    const before = new TrendKeeper(repo, () => undefined, () => now);
    for (let second = 0; second < 5; second++) before.record('moteur/température', T0 + second * 1000, 60 + second);
    await before.save();
    // The page reloads within the same bucket: a new run writes records of its own, overwriting nothing.
    now += 1000;
    const after = new TrendKeeper(repo, () => undefined, () => now);
    after.record('moteur/température', T0 + 10_000, 70);
    await after.save();
    const series = await after.series('moteur/température', empty);
    expect([...series.values]).toEqual([60, 61, 62, 63, 64, 70]);
  });

  it('a text topic keeps its changes only, and they come back after a reload', async () => {
    const repo = await repository();
    const text = (value: string) => ({ kind: 'text' as const, text: value, bytes: value.length, truncated: false });
    const before = new TrendKeeper(repo, () => undefined, () => T0 + 60_000);
    for (const [time, value] of [[T0 + 1000, 'en marche'], [T0 + 2000, 'en marche'], [T0 + 3000, 'arrêtée']] as const) before.recordText('pompe/état', time, text(value));
    before.recordText('pompe/état', T0 + 4000, { kind: 'json', text: '{}', bytes: 2, truncated: false }); // not a state
    await before.save();
    const after = new TrendKeeper(repo, () => undefined, () => T0 + 61_000);
    after.recordText('pompe/état', T0 + 10_000, text('en marche'));
    expect((await after.timeline('pompe/état')).map((span) => [span.text, span.from, span.to])).toEqual([
      ['en marche', T0 + 10_000, null],
      ['arrêtée', T0 + 3000, T0 + 10_000],
      ['en marche', T0 + 1000, T0 + 3000],
    ]);
  });

  it('records older than a day are deleted', async () => {
    const repo = await repository();
    const keeper = new TrendKeeper(repo, () => undefined, () => T0 + TREND_KEPT_MS + BUCKET_MS);
    keeper.record('t', T0 + 1000, 1);
    keeper.record('t', T0 + TREND_KEPT_MS + 1000, 2);
    await keeper.save();
    expect(await repo.prune(T0 + TREND_KEPT_MS)).toBe(1);
    expect([...(await keeper.series('t', empty)).values]).toEqual([2]);
  });

  it('older than a day, a record becomes one point a minute with its band; older than a week, it goes; the size is measured', async () => {
    const repo = await repository();
    let now = T0;
    const keeper = new TrendKeeper(repo, () => undefined, () => now);
    for (let second = 0; second < 120; second++) keeper.record('t', T0 + second * 1000, second);
    await keeper.save();
    expect(keeper.bytes()).toBeNull(); // not measured yet
    now = T0 + TREND_FULL_MS + BUCKET_MS;
    await keeper.maintain();
    const [thinned] = await repo.load('t', 0);
    expect([...(thinned?.values ?? [])]).toEqual([29.5, 89.5]);
    expect([...(thinned?.lows ?? [])]).toEqual([0, 60]);
    expect([...(thinned?.highs ?? [])]).toEqual([59, 119]);
    const thinBytes = keeper.bytes() ?? 0;
    expect(thinBytes).toBeGreaterThan(0);
    expect(thinBytes).toBeLessThan(1000);
    const series = await keeper.series('t', empty);
    expect([...(series.lows ?? [])]).toEqual([0, 60]);
    now = T0 + TREND_KEPT_MS + BUCKET_MS;
    await keeper.maintain();
    expect(await repo.load('t', 0)).toEqual([]);
    expect(keeper.bytes()).toBe(0);
  });

  it('over the budget, the oldest records are thinned first, then the oldest deleted; the last hour stays whole', async () => {
    const repo = await repository();
    const hours = 6;
    const now = T0 + hours * 3_600_000;
    const keeper = new TrendKeeper(repo, () => undefined, () => now, 200_000);
    for (let second = 0; second < hours * 3600; second++) keeper.record('t', T0 + second * 1000, second % 100);
    await keeper.save();
    await keeper.maintain();
    expect(keeper.bytes()).toBeLessThanOrEqual(180_000);
    const records = await repo.load('t', 0);
    const lastHour = records.filter((record) => record.start >= now - 3_600_000);
    expect(lastHour.every((record) => record.lows === undefined && record.times.length === 600)).toBe(true);
    expect(records.some((record) => record.lows !== undefined)).toBe(true);
    expect(records[0]?.start).toBe(T0); // thinning was enough: nothing deleted
    const tight = new TrendKeeper(repo, () => undefined, () => now, 65_000);
    await tight.maintain();
    expect(tight.bytes()).toBeLessThanOrEqual(58_500);
    expect((await repo.load('t', 0))[0]?.start).toBeGreaterThan(T0); // the oldest went
  });

  it('turned off, what was kept is erased', async () => {
    const repo = await repository();
    const keeper = new TrendKeeper(repo, () => undefined, () => T0);
    keeper.record('t', T0 + 1000, 1);
    await keeper.clear();
    expect(await repo.load('t', 0)).toEqual([]);
  });

  it('a storage that fails is said once, and the chart shows memory', async () => {
    const problems: Problem[] = [];
    const failing = { save: () => Promise.reject(new DOMException('full', 'QuotaExceededError')), load: () => Promise.reject(new Error('gone')), prune: () => Promise.resolve(0) } as unknown as TrendRepository;
    const keeper = new TrendKeeper(failing, (problem) => problems.push(problem), () => T0);
    keeper.record('t', T0, 1);
    await keeper.save();
    const memory = { times: Float64Array.of(T0), values: Float64Array.of(1) };
    expect([...(await keeper.series('t', memory)).values]).toEqual([1]);
    expect(problems).toEqual([{ kind: 'storage-failed', thing: 'trends', full: true, detail: 'full' }]);
  });
});
