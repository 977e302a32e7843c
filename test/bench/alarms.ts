/**
 * 1,000 alarm definitions under the sustained load (1,500 values/s over 2,000 topics), against the same load
 * without them: lag (last message → on screen) and longest main-thread task. Each alarm is a high limit on
 * one of the topics, its limit spread over the values the run sends, so that the alarms are raised one after
 * the other while the values pour in: every message to their topics is judged in the engine, and every raise
 * is written to disk with its event and crosses to the page (the strip's counts, the tiles' marks).
 */
import type { Browser } from '@playwright/test';
import type { Mosquitto } from '../support/mosquitto';
import { newAlarm } from '../../src/alarms/alarm-definition';
import { Publisher, benchContext, dashboardCaughtUp, openDashboard, resetResponsiveness, responsiveness } from './ingest';
import { heldAt, watchFor } from './scenarios';

export interface AlarmFigures {
  plainLagMs: number;
  alarmsLagMs: number;
  plainLongestTaskMs: number;
  alarmsLongestTaskMs: number;
  /** Alarms raised by the end of the run (all of them should be). */
  raised: number;
}

async function run(browser: Browser, appUrl: string, broker: Mosquitto, publisher: Publisher, rate: number, seconds: number, topics: number, alarmCount: number) {
  const messages = Math.round(rate * seconds);
  const context = await benchContext(browser);
  try {
    const page = await openDashboard(context, appUrl, broker.wsUrl);
    if (alarmCount > 0) {
      // Alarm k watches topic k mod topics; its limit is passed by a value that topic gets about k/alarmCount
      // into the run (message i carries the value i, on topic i mod topics).
      const alarms = Array.from({ length: alarmCount }, (_, k) => {
        const topic = k % topics;
        const lastRound = Math.floor((messages - 1 - topic) / topics);
        const limit = topic + topics * Math.floor((lastRound * (k + 1)) / (alarmCount + 1)) - 0.5;
        return newAlarm({ kind: 'high', topic: `bench/t${topic}`, limit, priority: k % 10 === 0 ? 'urgent' : 'medium' }, `bench-alarm-${k}`);
      });
      await page.evaluate(`(async (alarms) => {
        const service = document.querySelector('mqtt-dashboard').service;
        const preferences = await service.preferences();
        preferences.applyLayout({ ...service.settings.state, alarms });
      })(${JSON.stringify(alarms)})`);
      await page.waitForFunction(`document.querySelector('mqtt-dashboard').service.alarms.state.states.length === ${alarmCount}`);
    }
    await resetResponsiveness(page);
    publisher.reset();
    await watchFor(page, `document.querySelector('mqtt-dashboard').service.topics.messageCount >= ${messages}`, dashboardCaughtUp(messages, topics));
    const lastSentAt = await publisher.steady(rate, seconds);
    const lagMs = Math.max(0, (await heldAt(page, 120_000)) - lastSentAt);
    const longestTaskMs = (await responsiveness(page)).longestTaskMs;
    const raised = Number(await page.evaluate(`document.querySelector('mqtt-dashboard').service.alarms.state.states.filter((state) => state.raisedAt !== null).length`));
    return { lagMs, longestTaskMs, raised };
  } finally {
    await context.close();
  }
}

export async function benchAlarms(browser: Browser, appUrl: string, broker: Mosquitto, rate: number, seconds: number, topics: number, alarmCount: number, alarmsFirst: boolean): Promise<AlarmFigures> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  try {
    const first = await run(browser, appUrl, broker, publisher, rate, seconds, topics, alarmsFirst ? alarmCount : 0);
    const second = await run(browser, appUrl, broker, publisher, rate, seconds, topics, alarmsFirst ? 0 : alarmCount);
    const [alarms, plain] = alarmsFirst ? [first, second] : [second, first];
    return { plainLagMs: plain.lagMs, alarmsLagMs: alarms.lagMs, plainLongestTaskMs: plain.longestTaskMs, alarmsLongestTaskMs: alarms.longestTaskMs, raised: alarms.raised };
  } finally {
    await publisher.stop();
  }
}
