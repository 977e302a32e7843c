/** Older history in less room: one point a minute with its low and high, and what a record costs. */
import { describe, expect, it } from 'vitest';
import { mergeSeries } from '../../../src/state/trend-buckets';
import { THIN_STEP_MS, recordBytes, thinRecord } from '../../../src/state/trend-thinning';

const T0 = 1_800_000_000_000;

describe('thinRecord', () => {
  it('makes one point a minute: its average, at the minute’s last time, with its low and high', () => {
    const times = Float64Array.of(T0 + 1000, T0 + 2000, T0 + 59_000, T0 + THIN_STEP_MS + 5000);
    const record = { topic: 't', start: T0, part: 1, times, values: Float64Array.of(10, 30, 20, 7) };
    const thin = thinRecord(record);
    expect([...(thin?.times ?? [])]).toEqual([T0 + 59_000, T0 + THIN_STEP_MS + 5000]);
    expect([...(thin?.values ?? [])]).toEqual([20, 7]);
    expect([...(thin?.lows ?? [])]).toEqual([10, 7]);
    expect([...(thin?.highs ?? [])]).toEqual([30, 7]);
  });

  it('leaves text changes and records already thinned as they are', () => {
    const text = { topic: '\u0001t', start: T0, part: 1, times: Float64Array.of(T0), values: Float64Array.of(0), texts: ['en marche'] };
    expect(thinRecord(text)).toBeNull();
    const thin = thinRecord({ topic: 't', start: T0, part: 1, times: Float64Array.of(T0), values: Float64Array.of(1) });
    expect(thin && thinRecord(thin)).toBeNull();
  });

  it('a full ten-minute record of one point a second takes about a tenth once thinned', () => {
    const times = Float64Array.from({ length: 600 }, (_, i) => T0 + i * 1000);
    const record = { topic: 'moteur/température', start: T0, part: 1, times, values: times.map((_, i) => Math.sin(i)) };
    const thin = thinRecord(record);
    expect(thin?.times.length).toBe(10);
    expect(recordBytes(thin ?? record) / recordBytes(record)).toBeLessThan(0.1);
  });
});

describe('mergeSeries with thinned records', () => {
  it('gives the lows and highs of thinned points, NaN where a point is a plain one', () => {
    const thin = thinRecord({ topic: 't', start: T0, part: 1, times: Float64Array.of(T0 + 1000, T0 + 2000), values: Float64Array.of(1, 3) });
    const plain = { topic: 't', start: T0 + 600_000, part: 1, times: Float64Array.of(T0 + 601_000), values: Float64Array.of(5) };
    const series = mergeSeries(thin ? [plain, thin] : [], { times: new Float64Array(0), values: new Float64Array(0) });
    expect([...series.values]).toEqual([2, 5]);
    expect([...(series.lows ?? [])]).toEqual([1, Number.NaN]);
    expect([...(series.highs ?? [])]).toEqual([3, Number.NaN]);
  });

  it('has no bands when nothing was thinned', () => {
    const plain = { topic: 't', start: T0, part: 1, times: Float64Array.of(T0 + 1000), values: Float64Array.of(5) };
    expect(mergeSeries([plain], { times: new Float64Array(0), values: new Float64Array(0) }).lows).toBeUndefined();
  });
});
