import { afterEach, describe, expect, it, vi } from 'vitest';
import { FreshSessionPolicy } from '../../../src/app/fresh-session-policy';
import { STABLE_LINK_MS } from '../../../src/mqtt/cluster-failover';
import type { ConnectionStatus } from '../../../src/mqtt/connection-types';
import { defaultSettings, type StoredSettings } from '../../../src/storage/settings';

const settings: StoredSettings = defaultSettings('ws://a:1/ws ws://b:2/ws', () => '0000');
const status = (patch: Partial<ConnectionStatus>) => ({ phase: 'reconnecting', error: null, ...patch }) as ConnectionStatus;
const pinned = status({ error: { kind: 'session-pinned', clientId: 'tablette', drops: 2, heldBy: 'ws://a:1/ws', answeredBy: 'ws://b:2/ws' } });

afterEach(() => vi.useRealTimers());

describe('FreshSessionPolicy', () => {
  it('takes a fresh session once for a pinned session, and again only after a link that lasted', () => {
    vi.useFakeTimers();
    const policy = new FreshSessionPolicy();
    expect(policy.observe(status({}), settings, 'owner')).toBe(false);
    expect(policy.observe(pinned, settings, 'owner')).toBe(true);
    expect(policy.observe(pinned, settings, 'owner')).toBe(false); // the fresh one was dropped too: not again
    policy.observe(status({ phase: 'connected' }), settings, 'owner');
    vi.advanceTimersByTime(STABLE_LINK_MS - 1);
    policy.observe(status({ phase: 'reconnecting' }), settings, 'owner'); // dropped before it lasted
    vi.advanceTimersByTime(STABLE_LINK_MS);
    expect(policy.observe(pinned, settings, 'owner')).toBe(false);
    policy.observe(status({ phase: 'connected' }), settings, 'owner');
    vi.advanceTimersByTime(STABLE_LINK_MS);
    expect(policy.observe(pinned, settings, 'owner')).toBe(true);
  });

  it('leaves it to the user when the setting says wait, and to the owner tab', () => {
    const policy = new FreshSessionPolicy();
    expect(policy.observe(pinned, { ...settings, freshSessionWhenPinned: false }, 'owner')).toBe(false);
    expect(policy.observe(pinned, settings, 'viewer')).toBe(false);
    expect(policy.observe(pinned, settings, 'owner')).toBe(true);
  });
});
