import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../../src/mqtt/payload';
import { TopicStore } from '../../../src/state/topic-store';

/** A scheduler the test drives by hand, standing in for animation frames. */
function manualFrames() {
  const pending: Array<() => void> = [];
  return {
    schedule: (flush: () => void) => void pending.push(flush),
    runFrame: () => pending.splice(0).forEach((flush) => flush()),
    get pending() {
      return pending.length;
    },
  };
}

const message = (topic: string, text: string, receivedAt = 1, retained = false) => ({
  topic,
  payload: decodePayload(new TextEncoder().encode(text)),
  qos: 1 as const,
  retained,
  receivedAt,
  whileAway: false,
  dup: false,
});

describe('TopicStore', () => {
  it('keeps the latest value per topic and counts messages', () => {
    const store = new TopicStore(manualFrames().schedule);
    store.update(message('moteur/température', '20', 1, true));
    store.update(message('moteur/température', '21', 2));
    expect(store.get('moteur/température')).toMatchObject({ payload: { value: 21 }, retained: false, count: 2 });
    expect(store.topicCount).toBe(1);
    expect(store.messageCount).toBe(2);
  });

  it('lists topics as they come, not their new values, anew once one went; a touch gives a new, equal record', () => {
    const store = new TopicStore(manualFrames().schedule);
    store.update(message('a', '1'));
    const arrivals = store.arrivals;
    store.update(message('a', '2'));
    store.update(message('b', '1'));
    expect(store.arrivals).toBe(arrivals);
    expect(store.arrivals).toEqual(['a', 'b']);
    const before = store.get('a');
    store.touch('a');
    expect(store.get('a')).not.toBe(before);
    expect(store.get('a')).toEqual(before);
    store.retain((topic) => topic !== 'b');
    expect(store.arrivals).not.toBe(arrivals);
    expect(store.arrivals).toEqual([]);
  });

  it('notifies listeners once per frame however many messages arrive', () => {
    const frames = manualFrames();
    const store = new TopicStore(frames.schedule);
    let notifications = 0;
    store.subscribe(() => notifications++);
    for (let i = 0; i < 1000; i++) store.update(message(`t/${i % 10}`, String(i)));
    expect(notifications).toBe(0);
    expect(frames.pending).toBe(1);
    frames.runFrame();
    expect(notifications).toBe(1);
    store.update(message('t/1', 'x'));
    frames.runFrame();
    expect(notifications).toBe(2);
  });

  it('stops notifying after unsubscribe', () => {
    const frames = manualFrames();
    const store = new TopicStore(frames.schedule);
    let notifications = 0;
    const unsubscribe = store.subscribe(() => notifications++);
    unsubscribe();
    store.update(message('a', '1'));
    frames.runFrame();
    expect(notifications).toBe(0);
  });

  it('lists topics in alphabetical order, whatever the arrival order', () => {
    const store = new TopicStore(manualFrames().schedule);
    for (const topic of ['pompe/débit', 'moteur/vitesse', 'moteur/température', 'a', 'z/z']) store.update(message(topic, '1'));
    store.update(message('moteur/vitesse', '2'));
    expect(store.list().map((v) => v.topic)).toEqual(['a', 'moteur/température', 'moteur/vitesse', 'pompe/débit', 'z/z']);
  });

  it('returns the same list until something changes, and replaces only the changed value', () => {
    const store = new TopicStore(manualFrames().schedule);
    store.update(message('a', '1'));
    store.update(message('b', '1'));
    const first = store.list();
    expect(store.list()).toBe(first);
    store.update(message('b', '2'));
    const second = store.list();
    expect(second).not.toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
  });

  it('forgets the topics a predicate rejects, keeping the order of the rest', () => {
    const frames = manualFrames();
    const store = new TopicStore(frames.schedule);
    for (const topic of ['a/1', 'b/1', 'a/2', 'c']) store.update(message(topic, '1'));
    frames.runFrame();
    let notifications = 0;
    store.subscribe(() => notifications++);
    store.retain((topic) => !topic.startsWith('a/'));
    frames.runFrame();
    expect(store.list().map((v) => v.topic)).toEqual(['b/1', 'c']);
    expect(store.get('a/1')).toBeUndefined();
    expect(notifications).toBe(1);
    store.update(message('a/1', '2'));
    expect(store.list().map((v) => v.topic)).toEqual(['a/1', 'b/1', 'c']);
  });
});
