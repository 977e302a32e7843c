import { describe, expect, it } from 'vitest';
import { LinkWatchdog, pingAnswerTimeoutMs } from '../../../src/mqtt/link-watchdog';

describe('keep-alive watchdog', () => {
  it('allows a quarter of the keep-alive for a ping answer, between 1 and 5 s', () => {
    expect(pingAnswerTimeoutMs(4)).toBe(1000);
    expect(pingAnswerTimeoutMs(8)).toBe(2000);
    expect(pingAnswerTimeoutMs(30)).toBe(5000);
    expect(pingAnswerTimeoutMs(2)).toBe(1000);
  });

  it('says nothing while pings are answered, and reports the round trip', () => {
    const trips: number[] = [];
    const watchdog = new LinkWatchdog(1000, (ms) => trips.push(ms));
    watchdog.reset(0);
    watchdog.packetSent('pingreq', 4000);
    expect(watchdog.pingOutstanding).toBe(true);
    watchdog.packetReceived('pingresp', 4012);
    expect(trips).toEqual([12]);
    expect(watchdog.pingOutstanding).toBe(false);
    expect(watchdog.silenceBeyondLimit(9000)).toBeNull();
  });

  it('declares the link dead when a ping gets no answer within the answer time', () => {
    const watchdog = new LinkWatchdog(1000, () => {});
    watchdog.reset(0);
    watchdog.packetReceived('publish', 500);
    watchdog.packetSent('pingreq', 4000);
    expect(watchdog.silenceBeyondLimit(4900)).toBeNull();
    expect(watchdog.silenceBeyondLimit(5001)).toBe(4501);
  });

  it('counts any packet after the ping as a sign of life (a busy broker answers late)', () => {
    const watchdog = new LinkWatchdog(1000, () => {});
    watchdog.reset(0);
    watchdog.packetSent('pingreq', 4000);
    watchdog.packetReceived('publish', 4500);
    expect(watchdog.silenceBeyondLimit(9000)).toBeNull();
  });

  it('forgets an outstanding ping when the link is re-established', () => {
    const watchdog = new LinkWatchdog(1000, () => {});
    watchdog.packetSent('pingreq', 4000);
    watchdog.reset(6000);
    expect(watchdog.pingOutstanding).toBe(false);
    expect(watchdog.silenceBeyondLimit(60_000)).toBeNull();
  });
});
