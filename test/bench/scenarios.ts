/** The ingest, memory and startup scenarios of `npm run bench`, each measuring the dashboard and the baseline. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import type { Mosquitto } from '../support/mosquitto';
import {
  Publisher,
  baselineCaughtUp,
  benchContext,
  dashboardCaughtUp,
  heapAfterGcMb,
  openBaseline,
  openDashboard,
  resetResponsiveness,
  baselineLink,
  responsiveness,
  timeUntil,
} from './ingest';

export interface IngestFigures {
  dashboardMs: number;
  baselineMs: number;
  /** How long the publisher took to get every PUBACK (the broker's pace). */
  publisherMs: number;
  longestTaskMs: number;
  /** The bare page's longest task in the same load: what the machine does to a page that draws nothing. */
  baselineLongestTaskMs: number;
  tapMs: number;
}

/**
 * `messages` QoS 1 messages over `topics` topics, as fast as the broker accepts: time until caught up.
 * The two pages take turns going first (`baselineFirst`), so neither gets the warmer broker every time.
 */
export async function benchIngest(
  browser: Browser,
  appUrl: string,
  baselineUrl: string,
  broker: Mosquitto,
  messages: number,
  topics: number,
  baselineFirst: boolean,
): Promise<IngestFigures> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  // Warm-up, with no subscriber: the publisher's JIT and the broker's buffers are the same for both pages.
  await publisher.publish(messages, 1, false);
  const dashboardRun = async () => {
    const context = await benchContext(browser);
    try {
      const page = await openDashboard(context, appUrl, broker.wsUrl);
      await resetResponsiveness(page);
      publisher.reset();
      const start = performance.now();
      const published = publisher.publish(messages, 1, false);
      // A tap while the messages pour in: the Connection panel's header, which unfolds the panel.
      await page.waitForFunction(`document.querySelector('mqtt-dashboard').service.topics.messageCount >= ${Math.floor(messages / 5)}`, undefined, { polling: 'raf', timeout: 120_000 });
      await page.locator('connection-panel summary').click();
      const dashboardMs = await timeUntil(page, dashboardCaughtUp(messages, topics), start);
      const publisherMs = await published;
      return { dashboardMs, publisherMs, ...(await responsiveness(page)) };
    } finally {
      await context.close();
    }
  };
  const baselineRun = async () => {
    const context = await benchContext(browser);
    try {
      const page = await openBaseline(context, baselineUrl, broker.wsUrl);
      await resetResponsiveness(page);
      publisher.reset();
      const start = performance.now();
      const published = publisher.publish(messages, 1, false);
      const baselineMs = await timeUntil(page, baselineCaughtUp(messages, topics), start);
      await published;
      return { baselineMs, baselineLongestTaskMs: (await responsiveness(page)).longestTaskMs };
    } finally {
      await context.close();
    }
  };
  try {
    const baselineBefore = baselineFirst ? await baselineRun() : null;
    const dashboard = await dashboardRun();
    const { baselineMs, baselineLongestTaskMs } = baselineBefore ?? (await baselineRun());
    return { dashboardMs: dashboard.dashboardMs, baselineMs, publisherMs: dashboard.publisherMs, longestTaskMs: dashboard.longestTaskMs, baselineLongestTaskMs, tapMs: dashboard.longestEventMs };
  } finally {
    await publisher.stop();
  }
}

export interface MemoryFigures {
  middleMb: number;
  endMb: number;
  baselineMiddleMb: number;
  baselineEndMb: number;
}

/** `messages` messages over `topics` topics in two halves: the heap after GC at the middle and at the end. */
export async function benchMemory(browser: Browser, appUrl: string, baselineUrl: string, broker: Mosquitto, messages: number, topics: number): Promise<MemoryFigures> {
  const half = Math.floor(messages / 2);
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  const heaps = async (page: Page, caughtUp: (count: number) => string): Promise<[number, number]> => {
    await publisher.publish(half, 1, false);
    await timeUntil(page, caughtUp(half), 0);
    const middle = await heapAfterGcMb(page);
    await publisher.publish(messages - half, 1, false);
    await timeUntil(page, caughtUp(messages), 0);
    return [middle, await heapAfterGcMb(page)];
  };
  try {
    const dashboard = await benchContext(browser);
    let middleMb: number;
    let endMb: number;
    try {
      [middleMb, endMb] = await heaps(await openDashboard(dashboard, appUrl, broker.wsUrl), (count) => dashboardCaughtUp(count, topics));
    } finally {
      await dashboard.close();
    }
    publisher.reset();
    const baseline = await benchContext(browser);
    try {
      const [baselineMiddleMb, baselineEndMb] = await heaps(await openBaseline(baseline, baselineUrl, broker.wsUrl), (count) => baselineCaughtUp(count, topics));
      return { middleMb, endMb, baselineMiddleMb, baselineEndMb };
    } finally {
      await baseline.close();
    }
  } finally {
    await publisher.stop();
  }
}

export interface StartupFigures {
  dashboardMs: number;
  baselineMs: number;
}

/** Publishes `topics` retained values once (a fresh broker), for benchStartup. */
export async function retainTopics(broker: Mosquitto, topics: number): Promise<void> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  try {
    await publisher.publish(topics, 1, true);
  } finally {
    await publisher.stop();
  }
}

/** Navigation to every retained value in the state and the first screen drawn, in the page's own clock. */
export async function benchStartup(browser: Browser, appUrl: string, baselineUrl: string, broker: Mosquitto, topics: number): Promise<StartupFigures> {
  const sinceNavigation = async (page: Page, expression: string) =>
    Number(await (await page.waitForFunction(`(${expression}) && performance.now()`, undefined, { polling: 'raf', timeout: 30_000 })).jsonValue());
  const dashboard = await benchContext(browser);
  try {
    const page = await dashboard.newPage();
    await page.goto(`${appUrl}?broker=${encodeURIComponent(broker.wsUrl)}&sub=bench/%23&qos=1&clean=1&presence=0&will=0`, { waitUntil: 'commit' });
    const dashboardMs = await sinceNavigation(page, dashboardCaughtUp(topics, topics));
    const baseline = await benchContext(browser);
    try {
      const basePage = await baseline.newPage();
      await basePage.goto(baselineLink(baselineUrl, broker.wsUrl), { waitUntil: 'commit' });
      return { dashboardMs, baselineMs: await sinceNavigation(basePage, baselineCaughtUp(topics, topics)) };
    } finally {
      await baseline.close();
    }
  } finally {
    await dashboard.close();
  }
}

/** The JavaScript the first screen loads (the entry script and its static imports), gzip level 9, in KB. */
export function firstLoadJsKb(distFolder = 'dist'): { kb: number; files: string[] } {
  const html = readFileSync(join(distFolder, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((match) => match[1] ?? match[2] ?? '');
  const bytes = files.reduce((total, file) => total + gzipSync(readFileSync(join(distFolder, file)), { level: 9 }).byteLength, 0);
  return { kb: bytes / 1024, files };
}

export interface SustainedFigures {
  /** Publisher's last message → that value on screen (dashboard) or in the page's Map (bare mqtt.js). */
  dashboardLagMs: number;
  baselineLagMs: number;
  /** Every message counted by the dashboard's header. */
  counted: boolean;
  longestTaskMs: number;
  /** The bare page's longest task in the same load (it draws nothing). */
  baselineLongestTaskMs: number;
  tapMs: number;
}

/**
 * Starts a watch in the page, checked in every animation frame, before it paints: once `ready` (a cheap
 * test) holds, `held` is checked too, and the epoch time (page clock, comparable with the publisher's) of
 * the first frame in which it holds is kept. A value is on screen when a frame paints it: the frame in
 * which the dashboard's DOM shows it, and for the bare page (which draws nothing) the frame in which its
 * Map has it, the first frame that could show it. Both pages are timed the same way, inside the page.
 */
export async function watchFor(page: Page, ready: string, held: string): Promise<void> {
  await page.evaluate(`(() => {
    window.__heldAt = null;
    const check = () => {
      if ((${ready}) && (${held})) window.__heldAt = performance.timeOrigin + performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`);
}

/** The time the watch saw its expression hold. */
export async function heldAt(page: Page, timeoutMs: number): Promise<number> {
  return Number(await (await page.waitForFunction('window.__heldAt', undefined, { timeout: timeoutMs })).jsonValue());
}

/**
 * A plant-like load: `rate` JSON values a second over `topics` topics for `seconds`, QoS 0 and 1, as a
 * fleet would send them. The lag is how long after the publisher's last message the page shows it.
 */
export async function benchSustained(browser: Browser, appUrl: string, baselineUrl: string, broker: Mosquitto, rate: number, seconds: number, topics: number): Promise<SustainedFigures> {
  const messages = Math.round(rate * seconds);
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  try {
    const dashboard = await benchContext(browser);
    let dashboardLagMs: number;
    let counted: boolean;
    let taps: { longestTaskMs: number; longestEventMs: number };
    try {
      const page = await openDashboard(dashboard, appUrl, broker.wsUrl);
      await resetResponsiveness(page);
      publisher.reset();
      await watchFor(page, `document.querySelector('mqtt-dashboard').service.topics.messageCount >= ${messages}`, dashboardCaughtUp(messages, topics));
      const sent = publisher.steady(rate, seconds);
      // A tap while the values pour in: the Connection panel's header, which unfolds the panel.
      await page.waitForFunction(`document.querySelector('mqtt-dashboard').service.topics.messageCount >= ${Math.floor(messages / 2)}`, undefined, { polling: 'raf', timeout: 120_000 });
      await page.locator('connection-panel summary').click();
      const lastSentAt = await sent;
      dashboardLagMs = Math.max(0, (await heldAt(page, 120_000)) - lastSentAt);
      taps = await responsiveness(page);
      counted = (await page.evaluate(`document.querySelector('mqtt-dashboard').service.topics.messageCount`)) === messages;
    } finally {
      await dashboard.close();
    }
    const baseline = await benchContext(browser);
    try {
      const page = await openBaseline(baseline, baselineUrl, broker.wsUrl);
      await resetResponsiveness(page);
      publisher.reset();
      await watchFor(page, `window.messageCount >= ${messages}`, baselineCaughtUp(messages, topics));
      const lastSentAt = await publisher.steady(rate, seconds);
      const baselineLagMs = Math.max(0, (await heldAt(page, 120_000)) - lastSentAt);
      const baselineLongestTaskMs = (await responsiveness(page)).longestTaskMs;
      return { dashboardLagMs, baselineLagMs, counted, longestTaskMs: taps.longestTaskMs, baselineLongestTaskMs, tapMs: taps.longestEventMs };
    } finally {
      await baseline.close();
    }
  } finally {
    await publisher.stop();
  }
}
