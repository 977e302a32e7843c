import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ValueMemory, valuesToKeep } from '../../../src/app/value-memory';
import { decodePayload } from '../../../src/mqtt/payload';
import { PresenceStore } from '../../../src/state/presence-store';
import { TopicStore } from '../../../src/state/topic-store';
import { openDashboardDatabase } from '../../../src/storage/database';
import { ValueSnapshotRepository } from '../../../src/storage/value-snapshot';
import type { Problem } from '../../../src/shared/problems';

const value = (topic: string, text: string, receivedAt: number) => ({
  topic,
  payload: decodePayload(new TextEncoder().encode(text)),
  qos: 1 as const,
  retained: false,
  receivedAt,
  whileAway: true,
  dup: false,
  precision: 0,
});

const immediately = (flush: () => void) => flush();

describe('ValueMemory', () => {
  it('keeps pinned topics first, then the most recently received, up to the limit', () => {
    const values = [value('a/1', '1', 10), value('a/2', '2', 30), value('b/1', '3', 5), value('c/1', '4', 20)];
    expect(valuesToKeep(values, ['b/#'], 3).map((kept) => kept.topic)).toEqual(['b/1', 'a/2', 'c/1']);
    expect(valuesToKeep(values, [], 10)).toHaveLength(4);
  });

  it('brings the values back in a new page as stale values that count as no message', async () => {
    const database = await openDashboardDatabase(`memory-${Math.random()}`);
    const repository = new ValueSnapshotRepository(database);
    const before = new TopicStore(immediately);
    before.update(value('moteur/température', '{"value": 71.5, "unit": "°C"}', 1000));
    before.update(value('moteur/vitesse', '1480', 2000));
    const problems: Problem[] = [];
    const saving = new ValueMemory(before, new PresenceStore(immediately), repository, () => [], (problem) => problems.push(problem));
    saving.start();
    before.update(value('moteur/vitesse', '1490', 3000)); // a change marks the memory dirty
    await saving.save();

    const after = new TopicStore(immediately);
    after.update(value('moteur/vitesse', '1500', 4000)); // already live in the new page: kept
    await new ValueMemory(after, new PresenceStore(immediately), repository, () => [], (problem) => problems.push(problem)).restore();
    expect(problems).toEqual([]);
    expect(after.list().map((kept) => [kept.topic, kept.payload.text, kept.count, kept.whileAway])).toEqual([
      ['moteur/température', '71.5 °C', 0, false],
      ['moteur/vitesse', '1500', 1, true],
    ]);
    expect(after.messageCount).toBe(1);
    expect(after.get('moteur/température')?.payload.unit).toBe('°C');
    database.close();
  });

  it('brings the devices back with the time their state began; a retained status repeating it keeps that time', async () => {
    const database = await openDashboardDatabase(`devices-${Math.random()}`);
    const repository = new ValueSnapshotRepository(database);
    const before = new PresenceStore(immediately);
    const saving = new ValueMemory(new TopicStore(immediately), before, repository, () => [], () => {});
    saving.start();
    before.noteStatus('capteur', 'capteur/status', { kind: 'state', state: 'offline' }, 1000);
    await saving.save();

    const after = new PresenceStore(immediately);
    await new ValueMemory(new TopicStore(immediately), after, repository, () => [], () => {}).restore();
    after.noteStatus('capteur', 'capteur/status', { kind: 'state', state: 'offline' }, 9000, true);
    expect(after.get('capteur')).toMatchObject({ state: 'offline', since: 1000, sinceKnown: true, stateAt: 9000 });
    database.close();
  });

  it('a first retained status says the state, not since when', () => {
    const store = new PresenceStore(immediately);
    store.noteStatus('capteur', 'capteur/status', { kind: 'state', state: 'offline' }, 5000, true);
    expect(store.get('capteur')).toMatchObject({ since: 5000, sinceKnown: false });
    store.noteStatus('capteur', 'capteur/status', { kind: 'state', state: 'online' }, 6000);
    expect(store.get('capteur')).toMatchObject({ since: 6000, sinceKnown: true });
  });
});

describe('ValueSnapshotRepository', () => {
  it('writes the values in chunks, and a smaller snapshot leaves no old chunk behind', async () => {
    const database = await openDashboardDatabase(`chunks-${Math.random()}`);
    const repository = new ValueSnapshotRepository(database);
    const many = Array.from({ length: 250 }, (_, index) => value(`t/${index}`, String(index), index));
    await repository.save(many);
    expect((await database.getAllKeys('values')).length).toBe(3);
    expect((await repository.load()).map((kept) => kept.topic)).toEqual(many.map((kept) => kept.topic));
    await repository.save(many.slice(0, 120));
    expect((await database.getAllKeys('values')).length).toBe(2);
    expect(await repository.load()).toHaveLength(120);
    database.close();
  });
});
