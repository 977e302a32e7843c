import { describe, expect, it } from 'vitest';
import { SessionTracker, describeSession } from '../../../src/app/session-tracker';

const persistent = { key: 'ws://b:9001 tablette', persistent: true, expirySeconds: 3600 };

describe('what the broker did with the session', () => {
  it('first persistent session, then resumed, then lost when the broker kept nothing', () => {
    const tracker = new SessionTracker();
    const remembered = tracker.connected(persistent, false, null);
    expect(tracker.view.state.state).toBe('new');
    expect(describeSession(tracker.view.state)).toBe('new persistent session (kept 1 h after leaving)');
    expect(remembered).toBe(persistent.key);
    tracker.connected(persistent, true, remembered);
    expect(describeSession(tracker.view.state)).toContain('session present');
    tracker.connected(persistent, false, remembered);
    expect(tracker.view.state.state).toBe('lost');
    expect(describeSession(tracker.view.state)).toContain('the broker kept no session');
  });

  it('another broker or client id is a new session, and a clean session forgets the key', () => {
    const tracker = new SessionTracker();
    tracker.connected({ ...persistent, key: 'ws://autre:9001 tablette' }, false, persistent.key);
    expect(tracker.view.state.state).toBe('new');
    expect(tracker.connected({ ...persistent, persistent: false }, false, persistent.key)).toBeNull();
    expect(describeSession(tracker.view.state)).toBe('clean session');
  });
});
