/** The grid's groups of topics: made once, then only the new topics put in, the same as making them again. */
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../src/mirror/dashboard';
import { decodePayload } from '../../../src/mqtt/payload';
import { PresenceStore } from '../../../src/state/presence-store';
import { TopicStore } from '../../../src/state/topic-store';
import { ValueStore } from '../../../src/state/notifier';
import { StableOrder, nameCollator } from '../../../src/ui/stable-order';
import { TileGrouping } from '../../../src/ui/tile-groups';

/** The parts of a dashboard the grouping reads; no device owns any topic. */
function fakeDashboard(pinned: string[] = []) {
  const topics = new TopicStore(() => undefined);
  const settings = new ValueStore({ pinned, hidden: [] as string[], presence: { enabled: false, rules: [] } });
  const dashboard = { topics, presence: new PresenceStore(), settings, deviceOf: () => null } as unknown as Dashboard;
  const add = (...names: string[]) => {
    for (const topic of names) topics.update({ topic, payload: decodePayload(new TextEncoder().encode('1')), qos: 0, retained: false, receivedAt: 1, whileAway: false, dup: false });
  };
  return { dashboard, topics, add };
}

const others = (grouping: TileGrouping, dashboard: Dashboard) => grouping.groups(dashboard, new Set(), '').ordered.get(null);

describe('TileGrouping', () => {
  it('puts new topics in place without going through the others, as grouping them all again would', () => {
    const { dashboard, add } = fakeDashboard();
    const grouping = new TileGrouping(new StableOrder(nameCollator('en')));
    add('t5', 'capteur', 't1');
    expect(others(grouping, dashboard)).toEqual(['capteur', 't1', 't5']);
    add('t10', 'alpha', 't3');
    expect(others(grouping, dashboard)).toEqual(['alpha', 'capteur', 't1', 't3', 't5', 't10']);
    const again = new TileGrouping(new StableOrder(nameCollator('en')));
    expect(others(again, dashboard)).toEqual(others(grouping, dashboard));
  });

  it('gives the same groups while nothing came, and groups again when a topic went or a new one is pinned', () => {
    const { dashboard, topics, add } = fakeDashboard(['moteur/#']);
    const grouping = new TileGrouping(new StableOrder(nameCollator('en')));
    add('b', 'a', 'moteur/vitesse');
    const first = grouping.groups(dashboard, new Set(), '');
    expect(grouping.groups(dashboard, new Set(), '')).toBe(first);
    expect(first.pinned).toEqual(['moteur/vitesse']);
    add('moteur/température');
    expect(grouping.groups(dashboard, new Set(), '').pinned).toEqual(['moteur/température', 'moteur/vitesse']);
    topics.retain((topic) => topic !== 'a');
    expect(others(grouping, dashboard)).toEqual(['b']);
  });
});
