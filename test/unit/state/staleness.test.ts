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
});
