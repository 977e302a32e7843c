/**
 * The screen a technician picks up (issue 30): ingest with the trends kept on disk against the same ingest
 * with them off, startup with a day of history for 1,000 topics against startup without, and the cold
 * scenario: a dashboard that connects to a busy broker whose 2,000 topics it has never seen.
 */
import type { Browser, Page } from '@playwright/test';
import type { Mosquitto } from '../support/mosquitto';
import { Publisher, benchContext, dashboardCaughtUp, openDashboard, resetResponsiveness, responsiveness, timeUntil } from './ingest';
import { traceMainThread, type MainThreadTasks } from './main-thread-trace';

export interface TrendIngestFigures {
  onMs: number;
  offMs: number;
  /** What the origin stores once the trends are written (navigator.storage.estimate), in MB. */
  onStoredMb: number;
  offStoredMb: number;
}

/** The origin's storage use, once it no longer grows (the engine writes its trends every 5 s). */
async function settledUsageMb(page: Page): Promise<number> {
  return Number(
    await page.evaluate(`(async () => {
      const usage = async () => (await navigator.storage.estimate()).usage ?? 0;
      let last = -1;
      let now = await usage();
      const started = performance.now();
      while (now !== last || performance.now() - started < 6000) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        last = now;
        now = await usage();
      }
      return now / 1048576;
    })()`),
  );
}

/** `messages` QoS 1 messages over `topics` topics, with the trends kept and not: time until caught up. */
export async function benchTrendIngest(browser: Browser, appUrl: string, broker: Mosquitto, messages: number, topics: number, offFirst: boolean): Promise<TrendIngestFigures> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  await publisher.publish(messages, 1, false); // warm-up, with no subscriber
  const run = async (keep: boolean) => {
    const context = await benchContext(browser);
    try {
      const page = await openDashboard(context, appUrl, broker.wsUrl, 'bench/#', `&trends=${keep ? 1 : 0}`);
      publisher.reset();
      const start = performance.now();
      const published = publisher.publish(messages, 1, false);
      const ms = await timeUntil(page, dashboardCaughtUp(messages, topics), start);
      await published;
      return { ms, storedMb: await settledUsageMb(page) };
    } finally {
      await context.close();
    }
  };
  try {
    const first = await run(!offFirst);
    const second = await run(offFirst);
    const [on, off] = offFirst ? [second, first] : [first, second];
    return { onMs: on.ms, offMs: off.ms, onStoredMb: on.storedMb, offStoredMb: off.storedMb };
  } finally {
    await publisher.stop();
  }
}

/**
 * What a day of history of `topics` topics is on disk at the budget: the last hour at one point a second,
 * the 23 before it thinned to one a minute with low and high (about 100 KB a topic). Written straight into
 * the dashboard's database, as its engine writes it.
 */
const seedHistory = (topics: number, hours: number) => `(async () => {
  const database = await new Promise((resolve, reject) => {
    const request = indexedDB.open('mqtt-dashboard');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const BUCKET = 600000;
  const now = Math.floor(Date.now() / BUCKET) * BUCKET;
  const part = now - 86400000;
  for (let k = 0; k < ${topics}; k++) {
    const transaction = database.transaction('trends', 'readwrite');
    for (let bucket = 1; bucket <= ${hours} * 6; bucket++) {
      const start = now - bucket * BUCKET;
      const full = bucket <= 6;
      const step = full ? 1000 : 60000;
      const count = BUCKET / step;
      const times = new Float64Array(count);
      const values = new Float64Array(count);
      for (let i = 0; i < count; i++) { times[i] = start + i * step; values[i] = 20 + Math.sin(i / 30) * 5; }
      const record = { topic: 'bench/t' + k, start, part, times, values };
      if (!full) { record.lows = values.map((v) => v - 1); record.highs = values.map((v) => v + 1); }
      transaction.objectStore('trends').put(record);
    }
    await new Promise((resolve, reject) => { transaction.oncomplete = resolve; transaction.onerror = () => reject(transaction.error); });
  }
  database.close();
  return (await navigator.storage.estimate()).usage / 1048576;
})()`;

export interface TrendStartupFigures {
  withMs: number;
  withoutMs: number;
  historyMb: number;
}

/**
 * Navigation to every retained value drawn, for a dashboard opened before (the same first visit for both)
 * whose database holds a day of history for `historyTopics` topics, and for one whose database holds none.
 */
export async function benchTrendStartup(browser: Browser, appUrl: string, broker: Mosquitto, retained: number, historyTopics: number, hours: number, withFirst: boolean): Promise<TrendStartupFigures> {
  const link = `${appUrl}?broker=${encodeURIComponent(broker.wsUrl)}&sub=bench/%23&qos=1&clean=1&presence=0&will=0`;
  const run = async (history: boolean) => {
    const context = await benchContext(browser);
    try {
      const first = await context.newPage();
      await first.goto(link);
      await first.waitForFunction(dashboardCaughtUp(retained, retained), undefined, { polling: 'raf', timeout: 60_000 });
      const historyMb = history ? Number(await first.evaluate(seedHistory(historyTopics, hours))) : 0;
      await first.close();
      const page = await context.newPage();
      await page.goto(link, { waitUntil: 'commit' });
      const ms = Number(await (await page.waitForFunction(`(${dashboardCaughtUp(retained, retained)}) && performance.now()`, undefined, { polling: 'raf', timeout: 60_000 })).jsonValue());
      return { ms, historyMb };
    } finally {
      await context.close();
    }
  };
  const first = await run(withFirst);
  const second = await run(!withFirst);
  const [withHistory, without] = withFirst ? [first, second] : [second, first];
  return { withMs: withHistory.ms, withoutMs: without.ms, historyMb: withHistory.historyMb };
}

export interface ColdFigures {
  longestTaskMs: number;
  /** A topic seen for the first time at the end of the load: sent → its tile shows its value. */
  newTopicMs: number;
  tapMs: number;
}

/**
 * A dashboard connected to a broker where `topics` topics it has never seen arrive at `rate` values a
 * second for `seconds` (the sustained scenario without its warm-up): the longest main-thread task while
 * their tiles and cards are made, and how soon a topic that appears at the end of the load is on screen.
 */
export async function benchCold(browser: Browser, appUrl: string, broker: Mosquitto, rate: number, seconds: number, topics: number): Promise<ColdFigures> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  const context = await benchContext(browser);
  try {
    const page = await openDashboard(context, appUrl, broker.wsUrl);
    await resetResponsiveness(page);
    const messages = Math.round(rate * seconds);
    const sent = publisher.steady(rate, seconds);
    // A tap while the new topics pour in: the Connection panel's header.
    await page.waitForFunction(`document.querySelector('mqtt-dashboard').service.topics.messageCount >= ${Math.floor(messages / 2)}`, undefined, { polling: 'raf', timeout: 120_000 });
    await page.locator('connection-panel summary').click();
    await sent;
    const name = `new-${Date.now()}`;
    const shown = `(() => {
      const grid = document.querySelector('mqtt-dashboard')?.shadowRoot?.querySelector('value-grid')?.shadowRoot;
      if (!grid) return false;
      for (const tile of grid.querySelectorAll('value-tile')) {
        const article = tile.shadowRoot?.querySelector('article');
        if (article?.getAttribute('aria-label') === 'bench/${name}') return article.querySelector('.value')?.textContent?.trim() === '42';
      }
      return false;
    })()`;
    await page.evaluate(`(() => {
      window.__shownAt = null;
      const check = () => { if (${shown}) window.__shownAt = performance.timeOrigin + performance.now(); else requestAnimationFrame(check); };
      requestAnimationFrame(check);
    })()`);
    const sentAt = await publisher.one(name);
    const shownAt = Number(await (await page.waitForFunction('window.__shownAt', undefined, { timeout: 30_000 })).jsonValue());
    const { longestTaskMs, longestEventMs } = await responsiveness(page);
    return { longestTaskMs, newTopicMs: Math.max(0, shownAt - sentAt), tapMs: longestEventMs };
  } finally {
    await context.close();
    await publisher.stop();
  }
}

/**
 * The cold scenario's load once more, traced: the main thread's longest task by the clock and its own CPU
 * time, and the most CPU any task took (tracing slows the page a little: a figure of its own, not the
 * scenario's).
 */
export async function benchColdTraced(browser: Browser, appUrl: string, broker: Mosquitto, rate: number, seconds: number, topics: number): Promise<MainThreadTasks> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  const context = await benchContext(browser);
  try {
    const page = await openDashboard(context, appUrl, broker.wsUrl);
    return await traceMainThread(browser, page, async () => {
      await publisher.steady(rate, seconds);
      await page.waitForFunction(`document.querySelector('mqtt-dashboard').service.topics.topicCount >= ${topics}`, undefined, { timeout: 60_000 });
    });
  } finally {
    await context.close();
    await publisher.stop();
  }
}
