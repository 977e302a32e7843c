/** Values the broker kept while the dashboard was away: placed across the time away, in order, not piled up at their arrival. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodePayload } from '../../../src/mqtt/payload';
import { NumericHistory } from '../../../src/state/numeric-history';
import { mergeSeries } from '../../../src/state/trend-buckets';

const number = (text: string) => decodePayload(new TextEncoder().encode(text));
const T0 = 1_800_000_000_000;

describe('values received while away', () => {
  afterEach(() => vi.useRealTimers());

  it('are placed evenly between the topic’s last value and the return of the link, once a live value comes', () => {
    const history = new NumericHistory();
    const kept: Array<[number, number]> = [];
    history.onRecorded = (_topic, time, value) => kept.push([time, value]);
    history.record('t', T0, number('1'));
    const away = { from: T0, to: T0 + 40_000 };
    for (const value of ['2', '3', '4']) history.record('t', T0 + 41_000, number(value), away);
    expect(kept).toEqual([[T0, 1]]); // held while the burst goes on
    history.record('t', T0 + 42_000, number('5'));
    expect(kept).toEqual([
      [T0, 1],
      [T0 + 10_000, 2],
      [T0 + 20_000, 3],
      [T0 + 30_000, 4],
      [T0 + 42_000, 5],
    ]);
    expect([...(history.get('t')?.read().times ?? [])]).toEqual(kept.map(([time]) => time));
  });

  it('are placed after a quiet second when no live value comes', () => {
    vi.useFakeTimers();
    const history = new NumericHistory();
    const kept: number[] = [];
    history.onRecorded = (_topic, time) => kept.push(time);
    history.record('t', T0 + 21_000, number('7'), { from: T0, to: T0 + 20_000 });
    expect(kept).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(kept).toEqual([T0 + 10_000]);
  });

  it('say which topics were placed, so that a chart open on one reads its history again', () => {
    vi.useFakeTimers();
    const history = new NumericHistory();
    const placed: string[][] = [];
    history.onPlaced = (topics) => placed.push(topics);
    history.record('a', T0 + 21_000, number('7'), { from: T0, to: T0 + 20_000 });
    history.record('b', T0 + 21_000, number('8'), { from: T0, to: T0 + 20_000 });
    expect(placed).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(placed).toEqual([['a', 'b']]);
  });

  it('join the line across the outage they fill; a topic with nothing kept breaks there', () => {
    const outage = { topic: '\u0000outages', start: T0, part: 1, times: Float64Array.of(T0 + 5000), values: Float64Array.of(T0 + 40_000) };
    const filled = mergeSeries([], { times: Float64Array.of(T0, T0 + 10_000, T0 + 30_000, T0 + 42_000), values: Float64Array.of(1, 2, 3, 4) }, [outage]);
    expect([...filled.breaks]).toEqual([]);
    const empty = mergeSeries([], { times: Float64Array.of(T0, T0 + 42_000), values: Float64Array.of(1, 4) }, [outage]);
    expect([...empty.breaks]).toEqual([1]);
  });
});
