import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../../src/mqtt/payload';
import { historyCsv, summarize } from '../../../src/state/history-figures';
import { NumericHistory, PointRing, numericValue } from '../../../src/state/numeric-history';

const payload = (text: string) => decodePayload(new TextEncoder().encode(text));

describe('numeric values over time', () => {
  it('finds the number in plain numbers and JSON value, and nothing elsewhere', () => {
    expect(numericValue(payload('21.5'))).toBe(21.5);
    expect(numericValue(payload(' -3e2 '))).toBe(-300);
    expect(numericValue(payload('{"value": 4, "unit": "bar"}'))).toBe(4);
    expect(numericValue(payload('{"value": 4}'))).toBe(4);
    expect(numericValue(payload('{"value": "4"}'))).toBeNull();
    expect(numericValue(payload('en marche'))).toBeNull();
    expect(numericValue(payload(''))).toBeNull();
  });

  it('a ring grows up to its capacity, then keeps the newest points, oldest first', () => {
    const ring = new PointRing(40, () => true);
    for (let i = 1; i <= 100; i++) ring.push(i * 1000, i);
    expect(ring.length).toBe(40);
    expect(ring.capacity).toBe(40);
    const { times, values } = ring.read();
    expect(values[0]).toBe(61);
    expect(values[39]).toBe(100);
    expect(times[0]).toBe(61_000);
    expect(ring.lastValues(3)).toEqual([98, 99, 100]);
  });

  it('all topics together stay within the global budget', () => {
    const history = new NumericHistory(2000, 100);
    for (let topic = 0; topic < 20; topic++) for (let i = 0; i < 50; i++) history.record(`t/${topic}`, i, payload(String(i)));
    expect(history.allocatedPoints).toBeLessThanOrEqual(100);
    expect(history.get('t/0')?.lastValues(1)).toEqual([49]);
    expect(history.get('t/19')).toBeUndefined(); // no room left for a new topic
    history.retain((topic) => topic !== 't/0');
    expect(history.get('t/0')).toBeUndefined();
  });

  it('summarizes and exports as CSV', () => {
    expect(summarize([3, 1, 2])).toEqual({ min: 1, max: 3, average: 2 });
    expect(summarize([])).toBeNull();
    expect(historyCsv('a,"b"', [0], [1.5])).toBe('time,"a,""b"""\n1970-01-01T00:00:00.000Z,1.5\n');
  });
});
