/**
 * The seam between the engine and the page: the engine's stores change per message, the page's mirror
 * hears of it in a few frames carrying only what changed, and ends up showing the same thing.
 */
import { describe, expect, it } from 'vitest';
import type { Remote } from 'comlink';
import { DashboardService } from '../../../src/app/dashboard-service';
import { OutboxService } from '../../../src/app/outbox-service';
import type { Engine } from '../../../src/engine/engine';
import type { EngineFrame } from '../../../src/engine/engine-frame';
import { ALARMS_EVERY_MS, FrameCollector, TOPICS_PER_FRAME } from '../../../src/engine/frame-collector';
import { newAlarm } from '../../../src/alarms/alarm-definition';
import { DashboardMirror } from '../../../src/mirror/dashboard-mirror';
import { MqttConnection } from '../../../src/mqtt/connection';
import { decodePayload } from '../../../src/mqtt/payload';
import { scheduleEveryStoreWith } from '../../../src/state/notifier';
import { defaultSettings } from '../../../src/storage/settings';

// As in the engine's Worker (engine-worker.ts): stores report at once, the collector paces the frames.
scheduleEveryStoreWith((flush) => queueMicrotask(flush));

const defaults = defaultSettings('ws://127.0.0.1:9001', () => 'test');

function engineAndMirror() {
  const service = new DashboardService(new MqttConnection(), null, defaults, new OutboxService(null, null));
  const watched: boolean[] = [];
  const engine = { watchLog: (on: boolean) => watched.push(on) } as unknown as Remote<Engine>; // only what the mirror calls here
  const mirror = new DashboardMirror(engine, defaults);
  const frames: EngineFrame[] = [];
  const collector = new FrameCollector(service, async (frame) => {
    frames.push(frame);
    mirror.apply(frame);
  });
  return { service, mirror, frames, collector, watched };
}

const message = (service: DashboardService, topic: string, text: string) => {
  const payload = decodePayload(new TextEncoder().encode(text));
  service.topics.update({ topic, payload, qos: 1, retained: false, receivedAt: Date.now(), whileAway: false, dup: false });
  service.history.record(topic, Date.now(), payload);
  service.messages.add({ topic, payload, qos: 1, retained: false, dup: false, whileAway: false, receivedAt: Date.now(), properties: null, binary: null });
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('the frames between engine and page', () => {
  it('alarm states cross as those that changed (null for the others), and the mirror shows the whole list', async () => {
    const { service, mirror, frames } = engineAndMirror();
    const alarms = Array.from({ length: 100 }, (_, k) => newAlarm({ kind: 'high', topic: `usine/t${k}`, limit: 10 }, `a${k}`));
    service.alarms.setDefinitions([]);
    service.alarms.setDefinitions(alarms);
    await new Promise((resolve) => setTimeout(resolve, ALARMS_EVERY_MS + 50));
    expect(mirror.alarms.state.states.map((state) => state.id)).toEqual(alarms.map((alarm) => alarm.id));
    const first = frames.filter((frame) => frame.alarms).length;
    service.alarms.observe('usine/t7', { text: '12' }, Date.now(), false);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const last = frames.filter((frame) => frame.alarms).at(-1)?.alarms;
    expect(frames.filter((frame) => frame.alarms).length).toBe(first + 1);
    expect(last?.states.filter((state) => state !== null).map((state) => state?.id)).toEqual(['a7']);
    expect(mirror.alarms.state.states).toHaveLength(100);
    expect(mirror.alarms.state.states[7]).toMatchObject({ id: 'a7', active: true, value: '12' });
    expect(mirror.alarms.state.states[8]).toMatchObject({ id: 'a8', active: false });
  });

  it('a burst of 1,000 messages crosses in a few frames, and the mirror shows what the engine has', async () => {
    const { service, mirror, frames } = engineAndMirror();
    for (let i = 0; i < 1000; i++) message(service, `usine/t${i % 50}`, String(i));
    await settle();
    expect(frames.filter((frame) => frame.topics).length).toBeLessThanOrEqual(2);
    expect(mirror.topics.messageCount).toBe(1000);
    expect(mirror.topics.topicCount).toBe(50);
    expect(mirror.topics.get('usine/t7')?.payload.text).toBe('957');
    expect((await mirror.loadTree()).find('usine')?.messages).toBe(1000);
    expect(mirror.history.get('usine/t7')?.lastValues(3)).toEqual([857, 907, 957]);
    expect(mirror.history.get('usine/t7')?.length).toBe(20);
  });

  it('a flood over 2,500 topics crosses in frames of at most 1,000 topics, and nothing is left behind', async () => {
    const { service, mirror, frames } = engineAndMirror();
    for (let i = 0; i < 2500; i++) message(service, `masse/t${i}`, String(i));
    // Frames go at most one per 8 ms: wait until the last one is applied (a loaded machine takes longer).
    await expect.poll(() => mirror.history.get('masse/t2499')?.lastValues(1), { timeout: 5000 }).toEqual([2499]);
    const sizes = frames.map((frame) => frame.topics?.values.length ?? 0).filter((size) => size > 0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(TOPICS_PER_FRAME);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(2500);
    expect(Math.max(...frames.map((frame) => frame.recent?.topics.length ?? 0))).toBeLessThanOrEqual(TOPICS_PER_FRAME);
    expect(mirror.topics.topicCount).toBe(2500);
    expect(mirror.topics.get('masse/t2499')?.payload.text).toBe('2499');
    expect(mirror.history.get('masse/t2499')?.lastValues(1)).toEqual([2499]);
  });

  it('only what changed crosses: one new value sends one record', async () => {
    const { service, frames } = engineAndMirror();
    for (let i = 0; i < 100; i++) message(service, `usine/t${i}`, '1');
    await settle();
    frames.length = 0;
    message(service, 'usine/t42', '2');
    await settle();
    expect(frames.map((frame) => frame.topics?.values.map((value) => value.topic))).toEqual([['usine/t42']]);
    expect(frames[0]?.settings).toBeNull(); // unchanged states do not cross again
  });

  it('the log crosses only while a view of it is open', async () => {
    const { service, mirror, frames, collector } = engineAndMirror();
    const log = await mirror.loadMessages();
    message(service, 'a/b', 'un');
    await settle();
    expect(frames.every((frame) => frame.log === null)).toBe(true);
    collector.watchLog(true);
    await settle();
    expect(log.newest(10).map((logged) => logged.payload.text)).toEqual(['un']);
    message(service, 'a/b', 'deux');
    await settle();
    expect(log.newest(10).map((logged) => logged.payload.text)).toEqual(['deux', 'un']);
    expect(frames.at(-1)?.log?.messages.map((logged) => logged.payload.text)).toEqual(['deux']);
  });

  it('the mirror tells the engine when the log gains its first reader and loses its last', async () => {
    const { mirror, watched } = engineAndMirror();
    const log = await mirror.loadMessages();
    const stop = log.subscribe(() => {});
    const again = log.subscribe(() => {});
    stop();
    again();
    expect(watched).toEqual([true, false]);
  });
});
