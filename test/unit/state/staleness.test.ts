import { describe, expect, it } from 'vitest';
import { staleSince } from '../../../src/state/staleness';

describe('staleness', () => {
  it('a value received during the current connection is live', () => {
    expect(staleSince(5000, { phase: 'connected', connectedAt: 1000, lostAt: null })).toBeNull();
  });

  it('every value is stale while not connected, since the link was lost', () => {
    for (const phase of ['reconnecting', 'offline', 'disconnected', 'connecting', 'failed']) {
      expect(staleSince(5000, { phase, connectedAt: 1000, lostAt: 8000 })).toBe(8000);
    }
  });

  it('after a reconnect, a value not refreshed yet stays stale since the loss; a fresh one is live', () => {
    const link = { phase: 'connected', connectedAt: 12_000, lostAt: 8000 };
    expect(staleSince(5000, link)).toBe(8000);
    expect(staleSince(12_500, link)).toBeNull();
  });

  it('after a reconnect that resumed the session, a value delivered at QoS 1 or 2 stays live: the broker kept what came after it', () => {
    const resumed = { phase: 'connected', connectedAt: 12_000, lostAt: 8000, sessionSince: 1000 };
    expect(staleSince(5000, resumed, 1)).toBeNull();
    expect(staleSince(5000, resumed, 2)).toBeNull();
    expect(staleSince(5000, resumed, 0)).toBe(8000); // QoS 0 is not kept for an absent subscriber
    // A value from before the session began (a clean start since) is not vouched for.
    expect(staleSince(500, resumed, 1)).toBe(8000);
    // Not connected: stale whatever its QoS.
    expect(staleSince(5000, { ...resumed, phase: 'reconnecting' }, 1)).toBe(8000);
  });
});
