import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../../src/mqtt/payload';
import { MessageLog } from '../../../src/state/message-log';

const message = (topic: string, text: string) => ({
  topic,
  payload: decodePayload(new TextEncoder().encode(text)),
  qos: 1 as const,
  retained: false,
  dup: false,
  whileAway: false,
  receivedAt: 1,
  properties: null,
  binary: null,
});

describe('the message log', () => {
  it('keeps the most recent messages, newest first, and forgets the oldest past its capacity', () => {
    const log = new MessageLog(3, () => {});
    for (const text of ['1', '2', '3', '4', '5']) log.add(message('a', text));
    expect(log.total).toBe(5);
    expect(log.size).toBe(3);
    expect(log.newest(10).map((m) => m.payload.text)).toEqual(['5', '4', '3']);
    expect(log.newest(10).map((m) => m.seq)).toEqual([5, 4, 3]);
  });

  it('is bounded by bytes too: large payloads push the oldest out long before the capacity is reached, in a mirror as in the engine', () => {
    const log = new MessageLog(10_000, () => {});
    const mirror = new MessageLog(10_000, () => {});
    const large = 'x'.repeat(63 * 1024); // decoded as 63 KiB of text: about 126 KiB in memory
    for (let i = 0; i < 1000; i++) log.add(message(`t/${i}`, large));
    expect(log.total).toBe(1000);
    expect(log.size).toBeLessThan(400);
    expect(log.size).toBeGreaterThan(300);
    expect(log.fromNewest(0)?.topic).toBe('t/999');
    mirror.applyChanges(log.since(0), log.total, log.capacity, false, log.size);
    expect(mirror.size).toBe(log.size);
    expect(log.newest(1)[0]?.seq).toBe(1000);
  });

  it('filters and limits', () => {
    const log = new MessageLog(10, () => {});
    for (const [topic, text] of [['a', '1'], ['b', '2'], ['a', '3'], ['a', '4']] as const) log.add(message(topic, text));
    expect(log.newest(2, (m) => m.topic === 'a').map((m) => m.payload.text)).toEqual(['4', '3']);
    log.clear();
    expect(log.newest(10)).toEqual([]);
  });
});

describe('resizing the message log', () => {
  it('keeps the newest messages when it shrinks, and counts on', () => {
    const log = new MessageLog(10, () => {});
    for (let i = 1; i <= 8; i++) log.add(message('a', String(i)));
    log.resize(3);
    expect(log.size).toBe(3);
    expect(log.newest(10).map((m) => m.payload.text)).toEqual(['8', '7', '6']);
    log.add(message('a', '9'));
    expect(log.newest(10).map((m) => m.payload.text)).toEqual(['9', '8', '7']);
    expect(log.fromNewest(0)?.payload.text).toBe('9');
    log.resize(5);
    log.add(message('a', '10'));
    expect(log.newest(10).map((m) => m.payload.text)).toEqual(['10', '9', '8', '7']);
  });
});
