import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, ReconnectBackoff } from '../../../src/mqtt/backoff';

const noJitter = () => 0.5; // 2 × 0.5 − 1 = 0: the delay is exactly the step

describe('reconnect backoff', () => {
  it('starts at 0.5 s and doubles up to a 30 s cap', () => {
    const backoff = new ReconnectBackoff(DEFAULT_BACKOFF, noJitter);
    const delays = Array.from({ length: 9 }, () => backoff.nextDelay(0));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('spreads each delay by at most ±20 % and never beyond the cap', () => {
    const low = new ReconnectBackoff(DEFAULT_BACKOFF, () => 0);
    const high = new ReconnectBackoff(DEFAULT_BACKOFF, () => 0.999_999);
    expect(low.nextDelay(0)).toBe(400);
    expect(high.nextDelay(0)).toBe(600);
    for (let index = 0; index < 10; index++) high.nextDelay(0);
    expect(high.nextDelay(0)).toBe(30_000);
  });

  it('starts again from 0.5 s after a connection that stayed up long enough', () => {
    const backoff = new ReconnectBackoff(DEFAULT_BACKOFF, noJitter);
    for (let index = 0; index < 5; index++) backoff.nextDelay(0);
    backoff.connected(1000);
    expect(backoff.nextDelay(1000 + DEFAULT_BACKOFF.stableAfterMs)).toBe(500);
  });

  it('keeps growing when connections drop right after they are made (a flapping link)', () => {
    const backoff = new ReconnectBackoff(DEFAULT_BACKOFF, noJitter);
    expect(backoff.nextDelay(0)).toBe(500);
    backoff.connected(600);
    expect(backoff.nextDelay(700)).toBe(1000);
    backoff.connected(1800);
    expect(backoff.nextDelay(1900)).toBe(2000);
  });

  it('reset() goes back to the first delay', () => {
    const backoff = new ReconnectBackoff(DEFAULT_BACKOFF, noJitter);
    backoff.nextDelay(0);
    backoff.nextDelay(0);
    backoff.reset();
    expect(backoff.nextDelay(0)).toBe(500);
  });
});
