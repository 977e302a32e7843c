import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { newAlarm } from '../../../src/alarms/alarm-definition';
import { operatorState } from '../../../src/alarms/alarm-machine';
import { AlarmService, type AlarmHost } from '../../../src/app/alarm-service';
import { IGNORED_PER_MINUTE } from '../../../src/app/shared-alarm-states';
import type { DeviceState } from '../../../src/state/presence-store';
import { AlarmRepository } from '../../../src/storage/alarm-repository';
import { openDashboardDatabase } from '../../../src/storage/database';

const hot = newAlarm({ kind: 'high', topic: 'moteur/température', limit: 75, deadband: 2, priority: 'urgent' }, 'hot');
const fault = newAlarm({ kind: 'equals', topic: 'pompe/état', path: 'état', text: 'défaut' }, 'fault');
const silent = newAlarm({ kind: 'no-data', topic: 'capteur/débit', silenceSeconds: 10 }, 'silent');
const gone = newAlarm({ kind: 'offline', device: 'capteur' }, 'gone');

interface FakeHost extends AlarmHost {
  time: number;
  judging: boolean;
  linkUp: number | null;
  devices: Map<string, DeviceState>;
  values: Map<string, { text: string }>;
  shared: Array<{ id: string; payload: string | null }>;
}

function fakeHost(): FakeHost {
  const devices = new Map<string, DeviceState>();
  const host: FakeHost = {
    time: 0,
    judging: true,
    linkUp: 0,
    devices,
    now: () => host.time,
    judges: () => host.judging,
    linkUpAt: () => host.linkUp,
    deviceOf: (topic: string) => (topic.startsWith('moteur/') ? 'moteur' : topic.startsWith('capteur/') ? 'capteur' : null),
    deviceState: (id: string) => devices.get(id) ?? null,
    storageFailed: (error: unknown) => {
      throw error;
    },
    latest: (topic: string) => host.values.get(topic),
    values: new Map<string, { text: string }>(),
    shared: [],
    share: (id: string, payload: string | null) => host.shared.push({ id, payload }),
  };
  return host;
}

const text = (value: string) => ({ text: value });
const stateOf = (service: AlarmService, id: string) => service.state(id);

describe('alarms in the engine', () => {
  it('judges each message to an alarm’s topic in order, catch-up included, and says a catch-up raised it', () => {
    const host = fakeHost();
    const service = new AlarmService(host, null, null);
    service.setDefinitions([hot, fault]);
    expect(service.watches('moteur/température')).toBe(true);
    expect(service.watches('moteur/vitesse')).toBe(false);
    // Kept by the broker while away: 80 then 70; the alarm was raised by the first and returned with the second.
    service.observe('moteur/température', text('80'), 1000, true);
    service.observe('moteur/température', text('70'), 1001, true);
    const state = stateOf(service, 'hot');
    expect(state && operatorState(state)).toBe('returned-unacknowledged');
    expect(state?.raisedWhileAway).toBe(true);
    expect(state?.raisedValue).toBe('80');
    service.observe('pompe/état', text('{"état": "défaut"}'), 1002, false);
    expect(stateOf(service, 'fault')?.active).toBe(true);
  });

  it('a limit set on a value already past it raises at once; one that did not change judges nothing again', () => {
    const host = fakeHost();
    host.values.set('moteur/température', text('90'));
    host.time = 500;
    const service = new AlarmService(host, null, null);
    service.setDefinitions([]); // at start: the states from disk speak
    service.setDefinitions([hot]);
    expect(service.state('hot')).toMatchObject({ active: true, raisedAt: 500, value: '90' });
    service.apply({ kind: 'acknowledge', ids: ['hot'], comment: '', by: 'a' });
    service.setDefinitions([hot, fault]);
    expect(service.state('hot')?.acknowledged).toBe(true);
    service.setDefinitions([{ ...hot, limit: 95 }, fault]);
    expect(service.state('hot')?.active).toBe(false);
  });

  it('a text that is not a number is shown as the latest value, and judges nothing', () => {
    const service = new AlarmService(fakeHost(), null, null);
    service.setDefinitions([hot]);
    service.observe('moteur/température', text('80'), 0, false);
    service.observe('moteur/température', text('capteur HS'), 1, false);
    expect(stateOf(service, 'hot')).toMatchObject({ active: true, value: '80' });
  });

  it('no data for N s, counted while the link is up; a message ends it', () => {
    const host = fakeHost();
    const service = new AlarmService(host, null, null);
    service.setDefinitions([silent]);
    host.time = 9000;
    service.tick();
    expect(stateOf(service, 'silent')?.active).toBe(false);
    host.time = 10_500;
    service.tick();
    expect(stateOf(service, 'silent')).toMatchObject({ active: true, raisedAt: 10_000 });
    service.observe('capteur/débit', text('3'), 11_000, false);
    expect(stateOf(service, 'silent')?.active).toBe(false);
    host.linkUp = null; // disconnected: silence is not the devices' fault
    host.time = 60_000;
    service.tick();
    expect(stateOf(service, 'silent')?.active).toBe(false);
  });

  it('a device offline raises its alarm, and suppresses the alarms on its values', () => {
    const host = fakeHost();
    const service = new AlarmService(host, null, null);
    const flow = newAlarm({ kind: 'low', topic: 'capteur/débit', limit: 1 }, 'flow');
    service.setDefinitions([gone, flow]);
    service.observe('capteur/débit', text('0'), 0, false);
    expect(operatorState(stateOf(service, 'flow')!)).toBe('active-unacknowledged');
    host.devices.set('capteur', 'offline');
    host.time = 1000;
    service.tick();
    expect(stateOf(service, 'gone')).toMatchObject({ active: true, value: 'offline' });
    expect(operatorState(stateOf(service, 'flow')!)).toBe('suppressed');
    host.devices.set('capteur', 'online');
    host.time = 2000;
    service.tick();
    expect(operatorState(stateOf(service, 'gone')!)).toBe('returned-unacknowledged');
    expect(operatorState(stateOf(service, 'flow')!)).toBe('active-unacknowledged');
  });

  it('a tab that does not judge asks; states and events go to disk together and come back before judging', async () => {
    const database = await openDashboardDatabase(`alarms-${Math.random()}`);
    const repository = new AlarmRepository(database);
    const host = fakeHost();
    const service = new AlarmService(host, repository, null);
    service.setDefinitions([hot]);
    service.observe('moteur/température', text('90'), 0, false);
    service.apply({ kind: 'acknowledge', ids: ['hot'], comment: 'vanne ouverte', by: 'tablette-atelier' });
    await service.saved();
    const history = await repository.history(10);
    expect(history.map((event) => event.kind)).toEqual(['acknowledged', 'raised']);
    expect(history[0]).toMatchObject({ by: 'tablette-atelier', comment: 'vanne ouverte' });

    // A reload: the states come back before the first message; the same value raises nothing again.
    const again = new AlarmService(fakeHost(), repository, null);
    await again.load();
    again.setDefinitions([hot]);
    expect(operatorState(stateOf(again, 'hot')!)).toBe('acknowledged');
    again.observe('moteur/température', text('91'), 5000, false);
    await again.saved();
    expect((await repository.history(10)).length).toBe(2);
  });

  it('keeps the last events only', async () => {
    const database = await openDashboardDatabase(`alarms-${Math.random()}`);
    const repository = new AlarmRepository(database);
    const events = Array.from({ length: 30 }, (_, index) => ({ alarmId: 'hot', kind: 'raised' as const, at: index, value: String(index) }));
    await repository.save([], events);
    await repository.trim(10);
    const kept = await repository.history(100);
    expect(kept.map((event) => event.at)).toEqual(Array.from({ length: 10 }, (_, index) => 29 - index));
  });
});

describe('alarm states shared between dashboards', () => {
  it('publishes what changed here, takes another dashboard’s acknowledgement, and logs what it ignores', async () => {
    const one = fakeHost();
    const two = fakeHost();
    const first = new AlarmService(one, null, null);
    const second = new AlarmService(two, null, null);
    for (const service of [first, second]) {
      service.setDefinitions([]);
      service.setDefinitions([hot]);
    }
    first.setSharing({ prefix: 'dashboard', from: 'Tablette 1' });
    second.setSharing({ prefix: 'dashboard', from: 'Tablette 2' });
    expect(first.sharedIdOf('dashboard/alarms/hot')).toBe('hot');
    expect(first.sharedIdOf('moteur/température')).toBeNull();
    one.time = two.time = 1000;
    first.observe('moteur/température', text('80'), 1000, false);
    second.observe('moteur/température', text('80'), 1000, false);
    one.time = two.time = 5000;
    first.apply({ kind: 'acknowledge', ids: ['hot'], comment: 'vu', by: 'Tablette 1' });
    await first.saved();
    await second.saved();
    const published = one.shared.at(-1);
    expect(published?.id).toBe('hot');
    expect(JSON.parse(published?.payload ?? '{}')).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Tablette 1', from: 'Tablette 1' });
    // Through the broker: the second takes the acknowledgement, and does not publish it again.
    const before = two.shared.length;
    expect(second.hearShared('hot', published?.payload ?? '', 5100)).toBeNull();
    expect(second.state('hot')).toMatchObject({ acknowledged: true, acknowledgedBy: 'Tablette 1', comment: 'vu' });
    await second.saved();
    expect(two.shared.length).toBe(before);
    // Hostile states are ignored, each said once in the history (and to the caller).
    expect(second.hearShared('hot', 'not json', 5200)).toBe('not-json');
    expect(second.hearShared('hot', 'not json', 5300)).toBe('not-json');
    expect(second.hearShared('ghost', '{"state":"normal"}', 5200)).toBe('unknown-alarm');
    expect(second.hearShared('hot', '', 5200)).toBeNull(); // cleared: a removed alarm
    // A flood over many ids: every one is refused, at most IGNORED_PER_MINUTE of them are written.
    for (let index = 0; index < 500; index++) expect(second.hearShared(`ghost-${index}`, '{}', 6000 + index)).toBe('not-a-state');
  });

  it('writes at most IGNORED_PER_MINUTE ignored states a minute in the history, however many ids a flood uses', async () => {
    const repository = new AlarmRepository(await openDashboardDatabase(`flood-${Math.random()}`));
    const host = fakeHost();
    const service = new AlarmService(host, repository, null);
    service.setDefinitions([]);
    service.setDefinitions([hot]);
    service.setSharing({ prefix: 'dashboard', from: 'x' });
    for (let index = 0; index < 500; index++) service.hearShared(`ghost-${index}`, 'nope', 1000 + index);
    await service.saved();
    expect((await repository.history(1000)).filter((event) => event.kind === 'ignored')).toHaveLength(IGNORED_PER_MINUTE);
  });

  it('clears the retained state of an alarm that is removed', async () => {
    const host = fakeHost();
    const service = new AlarmService(host, null, null);
    service.setDefinitions([]);
    service.setDefinitions([hot, fault]);
    service.setSharing({ prefix: 'dashboard', from: 'x' });
    service.setDefinitions([fault]);
    await service.saved();
    expect(host.shared).toEqual([{ id: 'hot', payload: null }]);
  });
});
