import { describe, expect, it } from 'vitest';
import { AT_ONCE_MS, ClusterFailover, HOP_DELAY_MS, STABLE_LINK_MS } from '../../../src/mqtt/cluster-failover';

const NODES = 'ws://a:1/ws ws://b:2/ws ws://c:3/ws';
const backoff = () => 5000;

describe('ClusterFailover', () => {
  it('hops to the other nodes at once, and waits for the backoff only after a whole round failed', () => {
    const cluster = new ClusterFailover(() => 0.5);
    cluster.reset(NODES);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      delays.push(cluster.nextDelay(backoff));
      cluster.advance();
    }
    expect(delays).toEqual([HOP_DELAY_MS, HOP_DELAY_MS, 5000, HOP_DELAY_MS, HOP_DELAY_MS, 5000]);
  });

  it('starts a new round after a link that lasted, and uses the backoff alone for a single URL', () => {
    const cluster = new ClusterFailover(() => 0.5);
    cluster.reset(NODES);
    cluster.nextDelay(backoff);
    cluster.advance();
    cluster.linkUp(0);
    cluster.linkDown(STABLE_LINK_MS, true, 'x');
    expect(cluster.nextDelay(backoff)).toBe(HOP_DELAY_MS);
    const single = new ClusterFailover();
    single.reset('ws://only:1');
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(single.nextDelay(backoff)).toBe(5000);
      expect(single.advance()).toBe(false);
    }
  });

  it('recognises a session pinned to a lost node: two links in a row dropped at once, unreachable nodes in between', () => {
    const cluster = new ClusterFailover();
    cluster.reset(NODES);
    cluster.linkUp(0); // node a, a real link
    expect(cluster.linkDown(60_000, true, 'tablet')).toBeNull();
    cluster.advance();
    cluster.linkUp(61_000); // node b: accepted, then dropped at its first SUBSCRIBE
    expect(cluster.linkDown(61_009, true, 'tablet')).toBeNull();
    cluster.advance(); // node c: unreachable, which does not break the pattern
    cluster.advance();
    cluster.advance(); // b again
    cluster.linkUp(62_000);
    expect(cluster.linkDown(62_010, true, 'tablet')).toEqual({ kind: 'session-pinned', clientId: 'tablet', drops: 2, heldBy: 'ws://a:1/ws', answeredBy: 'ws://b:2/ws' });
    expect(cluster.pinnedProblem('tablet')).not.toBeNull();
  });

  it('does not take links it closed itself, or links that lasted, for a pinned session', () => {
    const cluster = new ClusterFailover();
    cluster.reset(NODES);
    cluster.linkUp(0);
    cluster.linkDown(10, false, 'x'); // the dashboard's own watchdog, a network change
    cluster.linkUp(20);
    expect(cluster.linkDown(30, true, 'x')).toBeNull();
    cluster.linkUp(100);
    cluster.linkDown(100 + AT_ONCE_MS, true, 'x'); // lasted: resets
    cluster.linkUp(5000);
    expect(cluster.linkDown(5010, true, 'x')).toBeNull();
    const single = new ClusterFailover();
    single.reset('ws://only:1');
    single.linkUp(0);
    single.linkDown(5, true, 'x');
    single.linkUp(10);
    expect(single.linkDown(15, true, 'x')).toBeNull(); // one broker: the client id clash watch says what it is
  });

  it('begins with the URL asked for, when it is in the list', () => {
    const cluster = new ClusterFailover();
    cluster.reset(NODES, 'ws://b:2/ws');
    expect(cluster.current).toBe('ws://b:2/ws');
    cluster.reset(NODES, 'ws://elsewhere:9/ws');
    expect(cluster.current).toBe('ws://a:1/ws');
  });
});
