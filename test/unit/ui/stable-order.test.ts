/** The order of cards and tiles: by name while the screen fills, then still; new ones at the end until sorted in. */
import { describe, expect, it } from 'vitest';
import { StableOrder, nameCollator } from '../../../src/ui/stable-order';
import { deviceAttention, isDashboardPresence } from '../../../src/ui/attention';
import { initialStatus } from '../../../src/mqtt/connection-types';
import type { DevicePresence } from '../../../src/state/presence-store';

const names = (order: StableOrder, items: string[]) => order.order(items, (item) => item, (item) => item);

describe('StableOrder', () => {
  it('sorts by name, case-insensitive and locale-aware, numbers by value', () => {
    const order = new StableOrder(nameCollator('fr'));
    expect(names(order, ['Usine1/Ligne1', 'capteur', 'moteur', 'pompe', 'écran', 't10', 't2'])).toEqual(['capteur', 'écran', 'moteur', 'pompe', 't2', 't10', 'Usine1/Ligne1']);
  });

  it('while the screen fills, a new item sorts in; after, it goes to the end of its group and is counted as new', () => {
    const order = new StableOrder(nameCollator('en'));
    expect(names(order, ['moteur', 'pompe'])).toEqual(['moteur', 'pompe']);
    expect(names(order, ['capteur', 'moteur', 'pompe'])).toEqual(['capteur', 'moteur', 'pompe']);
    order.settle();
    expect(names(order, ['Usine1', 'capteur', 'moteur', 'pompe', 'alpha'])).toEqual(['capteur', 'moteur', 'pompe', 'alpha', 'Usine1']);
    expect(order.fresh).toBe(2);
    // Still the same order at the next frame.
    expect(names(order, ['alpha', 'capteur', 'moteur', 'pompe', 'Usine1'])).toEqual(['capteur', 'moteur', 'pompe', 'alpha', 'Usine1']);
    order.sortAll();
    expect(names(order, ['alpha', 'capteur', 'moteur', 'pompe', 'Usine1'])).toEqual(['alpha', 'capteur', 'moteur', 'pompe', 'Usine1']);
    expect(order.fresh).toBe(0);
  });

  it('while the screen fills, frames of new items each go to their place among those already ordered', () => {
    const order = new StableOrder(nameCollator('en'));
    const seen: string[] = [];
    // 300 topics arriving 37 at a time, in no particular order: each frame's result is sorted by name.
    const all = Array.from({ length: 300 }, (_, k) => `t${(k * 7919) % 300}`);
    for (let at = 0; at < all.length; at += 37) {
      seen.push(...all.slice(at, at + 37));
      expect(names(order, [...seen].reverse())).toEqual([...seen].sort(nameCollator('en').compare));
    }
  });

  it('extending a group gives what ordering it again gives: by name while filling, at the end after', () => {
    const order = new StableOrder(nameCollator('en'));
    const id = (item: string) => item;
    let group = order.order(['t5', 't1', 'capteur'], id, id);
    group = order.extend(group, ['t3', 'alpha', 't10'], id, id);
    expect(group).toEqual(['alpha', 'capteur', 't1', 't3', 't5', 't10']);
    expect(order.order([...group].reverse(), id, id)).toEqual(group);
    order.settle();
    group = order.extend(group, ['zeta', 'beta'], id, id);
    expect(group).toEqual(['alpha', 'capteur', 't1', 't3', 't5', 't10', 'beta', 'zeta']);
    expect(order.fresh).toBe(2);
    expect(order.isFresh('beta')).toBe(true);
    expect(order.order([...group].reverse(), id, id)).toEqual(group);
  });

  it('groups keep their own order: a new group sorts by name even after the screen filled', () => {
    const order = new StableOrder(nameCollator('en'));
    names(order, ['b', 'a']);
    order.settle();
    expect(names(order, ['z/2', 'z/1'])).toEqual(['z/1', 'z/2']);
    expect(order.fresh).toBe(0);
  });
});

describe('attention', () => {
  const device = (patch: Partial<DevicePresence>): DevicePresence => ({ id: 'capteur', state: 'online', since: 0, sinceKnown: true, heardAt: 0, stateAt: 5000, statusTopic: 'capteur/status', unrecognised: null, ...patch });
  const connected = { ...initialStatus(0), phase: 'connected' as const, connectedAt: 1000 };

  it('offline, out of sync, or stale on a live link; disconnected, staleness is the status line’s to say', () => {
    expect(deviceAttention(device({}), connected)).toBeNull();
    expect(deviceAttention(device({ state: 'offline' }), connected)).toBe('offline');
    expect(deviceAttention(device({ note: { kind: 'out-of-sync', fault: { kind: 'no-seq', message: 'NDATA' } } }), connected)).toBe('out-of-sync');
    expect(deviceAttention(device({ stateAt: 500 }), { ...connected, lostAt: 800 })).toBe('stale');
    expect(deviceAttention(device({ stateAt: 500 }), { ...connected, phase: 'reconnecting' })).toBeNull();
  });

  it('dashboards’ and Sparkplug hosts’ presence go under Dashboards, nothing else', () => {
    expect(['dashboard/tablette-1/status', 'spBv1.0/STATE/hôte'].map(isDashboardPresence)).toEqual([true, true]);
    expect(['dashboard/tablette-1/reply', 'moteur/status', 'dashboard/a/b/status', 'spBv1.0/Usine1/NBIRTH/Ligne1'].map(isDashboardPresence)).toEqual([false, false, false, false]);
  });
});
