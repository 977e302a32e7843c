/** Recognising two devices that push each other off with the same client id (MQTT 3.1.1 gives no reason). */
import { describe, expect, it } from 'vitest';
import { DROPS_BEFORE_STOPPING, SHORT_LINK_MS, ShortLinkWatch } from '../../../src/mqtt/short-link-watch';

function shortLinks(watch: ShortLinkWatch, count: number, start = 0): boolean[] {
  const results: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const upAt = start + i * 5_000;
    watch.linkUp(upAt);
    results.push(watch.linkDown(upAt + 1_000, true));
  }
  return results;
}

describe('ShortLinkWatch', () => {
  it(`recognises ${DROPS_BEFORE_STOPPING} links in a row closed by the broker right after its CONNACK`, () => {
    expect(shortLinks(new ShortLinkWatch(), DROPS_BEFORE_STOPPING)).toEqual([false, false, true]);
  });

  it('starts counting again after a link that held', () => {
    const watch = new ShortLinkWatch();
    shortLinks(watch, DROPS_BEFORE_STOPPING - 1);
    watch.linkUp(100_000);
    expect(watch.linkDown(100_000 + SHORT_LINK_MS, true)).toBe(false);
    expect(shortLinks(watch, DROPS_BEFORE_STOPPING - 1, 200_000).includes(true)).toBe(false);
  });

  it('does not count links the dashboard itself ended (watchdog, network, a protocol fault)', () => {
    const watch = new ShortLinkWatch();
    shortLinks(watch, DROPS_BEFORE_STOPPING - 1);
    watch.linkUp(50_000);
    expect(watch.linkDown(51_000, false)).toBe(false);
    expect(watch.shortDrops).toBe(0);
  });

  it('takes an attempt without CONNACK for a broker restarting, not a clash', () => {
    const watch = new ShortLinkWatch();
    shortLinks(watch, DROPS_BEFORE_STOPPING - 1);
    watch.attemptFailed();
    expect(shortLinks(watch, DROPS_BEFORE_STOPPING - 1, 100_000).includes(true)).toBe(false);
  });
});
