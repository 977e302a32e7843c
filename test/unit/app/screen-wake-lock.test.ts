import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScreenWakeLock } from '../../../src/app/screen-wake-lock';

/** A wake lock as the browser gives it: released by the browser when the page is hidden. */
class FakeSentinel extends EventTarget {
  released = false;
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.dispatchEvent(new Event('release'));
  }
}

describe('ScreenWakeLock', () => {
  let visibility: 'visible' | 'hidden';
  let sentinels: FakeSentinel[];
  let fakeDocument: EventTarget & { visibilityState: string };

  beforeEach(() => {
    visibility = 'visible';
    sentinels = [];
    fakeDocument = Object.defineProperty(new EventTarget(), 'visibilityState', { get: () => visibility }) as EventTarget & { visibilityState: string };
    vi.stubGlobal('document', fakeDocument);
    vi.stubGlobal('navigator', {
      wakeLock: {
        request: async () => {
          const sentinel = new FakeSentinel();
          sentinels.push(sentinel);
          return sentinel;
        },
      },
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('holds the screen, lets it go when hidden, and asks again when shown', async () => {
    const lock = new ScreenWakeLock();
    lock.want(true);
    await settle();
    expect(lock.state.state).toEqual({ held: true, problem: null });

    visibility = 'hidden';
    await sentinels[0]?.release(); // what the browser does
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(lock.state.state.held).toBe(false);
    expect(sentinels).toHaveLength(1);

    visibility = 'visible';
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(sentinels).toHaveLength(2);
    expect(lock.state.state).toEqual({ held: true, problem: null });

    lock.want(false);
    await settle();
    expect(sentinels[1]?.released).toBe(true);
    expect(lock.state.state.held).toBe(false);
    visibility = 'visible';
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(sentinels).toHaveLength(2);
  });

  it('says why when the browser refuses, or has no wake lock', async () => {
    vi.stubGlobal('navigator', { wakeLock: { request: () => Promise.reject(new Error('battery saver')) } });
    const refused = new ScreenWakeLock();
    refused.want(true);
    await settle();
    expect(refused.state.state.problem).toContain('The browser refused to keep the screen on (battery saver)');

    vi.stubGlobal('navigator', {});
    const missing = new ScreenWakeLock();
    missing.want(true);
    await settle();
    expect(missing.state.state.problem).toContain('This browser cannot keep the screen on');
  });
});
