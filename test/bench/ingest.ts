/**
 * Ingest, memory and startup benchmarks: the dashboard's production build and a bare mqtt.js baseline page,
 * each in its own page of the same headless Chromium, fed by a publisher in a separate Node process over TCP
 * through real Mosquitto (WebSocket listener for the pages).
 *
 * Page-side code is passed as strings: the bundler running this file would wrap named functions in a
 * helper the page lacks.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { serveFolder } from '../support/static-server';

const require = createRequire(import.meta.url);
// mqtt's package exports do not list its browser bundle: found next to its build.
const mqttBrowserBundle = readFileSync(join(dirname(require.resolve('mqtt')), '..', 'dist', 'mqtt.min.js'), 'utf8');

/** The publisher process (test/bench/publisher.ts), driven line by line. */
export class Publisher {
  private readonly _lines: AsyncIterator<string>;

  private constructor(private readonly _process: ChildProcessWithoutNullStreams) {
    this._lines = createInterface({ input: _process.stdout })[Symbol.asyncIterator]();
  }

  static async start(tcpUrl: string, topics: number): Promise<Publisher> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/publisher.ts', tcpUrl, String(topics)], { stdio: 'pipe' });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const publisher = new Publisher(child);
    await publisher._expect('ready');
    return publisher;
  }

  /** Starts publishing `count` messages; resolves with the publisher's own time once every PUBACK is in. */
  async publish(count: number, qos: 0 | 1, retain: boolean): Promise<number> {
    this._process.stdin.write(`publish ${count} ${qos} ${retain}\n`);
    const line = await this._expect('done');
    return Number(line.split(' ')[1]);
  }

  /** A Sparkplug B edge node's birth, then `count` NDATA (see publisher.ts); resolves with the publisher's time. */
  async sparkplug(count: number): Promise<number> {
    this._process.stdin.write(`sparkplug ${count}\n`);
    const line = await this._expect('done');
    return Number(line.split(' ')[1]);
  }

  /** A steady load (see publisher.ts); resolves with the epoch time of its last message. */
  async steady(rate: number, seconds: number): Promise<number> {
    this._process.stdin.write(`steady ${rate} ${seconds}\n`);
    const line = await this._expect('done');
    return Number(line.split(' ')[1]);
  }

  /** One message `42` on `bench/<name>`, a topic of its own; resolves with the epoch time it was sent. */
  async one(name: string): Promise<number> {
    this._process.stdin.write(`one ${name}\n`);
    const line = await this._expect('done');
    return Number(line.split(' ')[1]);
  }

  /** The next message goes to topic 0 again with payload 0. */
  reset(): void {
    this._process.stdin.write('reset\n');
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this._process.once('exit', resolve));
    this._process.stdin.end('quit\n');
    await exited;
  }

  private async _expect(word: string): Promise<string> {
    const { value, done } = await this._lines.next();
    if (done || !String(value).startsWith(word)) throw new Error(`publisher said ${String(value)} instead of ${word}`);
    return String(value);
  }
}

/** The last payload published on topic `k` after `messages` messages spread over `topics` topics. */
export const lastValueOf = (k: number, messages: number, topics: number) => k + topics * Math.floor((messages - 1 - k) / topics);

/** Records long tasks and event timings from the start, in both pages. */
const OBSERVE_TASKS = `
  window.__longTasks = [];
  window.__events = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); })
    .observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__events.push([entry.name, entry.duration]); })
    .observe({ type: 'event', durationThreshold: 16, buffered: true });
`;

/**
 * A fresh context with no service worker (the app's precache download would compete with the measurement).
 * The CSP is bypassed only because Playwright evaluates the string checks above with eval, which the app's
 * strict policy refuses; the app's own code runs the same either way.
 */
export async function benchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ serviceWorkers: 'block', bypassCSP: true, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: OBSERVE_TASKS });
  return context;
}

/** The dashboard, connected and subscribed to bench/# (or `filter`) at QoS 1, presence and Last Will off. */
export async function openDashboard(context: BrowserContext, appUrl: string, wsUrl: string, filter = 'bench/#', extra = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${appUrl}?broker=${encodeURIComponent(wsUrl)}&sub=${encodeURIComponent(filter)}&qos=1&clean=1&presence=0&will=0&clientId=bench-dashboard-${Date.now()}${extra}`);
  await page.waitForFunction(
    `(() => { const s = document.querySelector('mqtt-dashboard')?.service; return s && s.status.state.phase === 'connected' && s.subscriptions.entries.every((e) => e.grantedQos !== null); })()`,
    undefined,
    { timeout: 20_000 },
  );
  return page;
}

/**
 * The baseline page: bare mqtt.js, keeping the last value per topic in a Map, nothing else. Served by a real
 * loopback server (Chromium refuses a loopback WebSocket from a page it did not load from the network).
 */
export async function serveBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>baseline</title><script src="mqtt.min.js"></script><script src="baseline.js"></script>');
  writeFileSync(join(folder, 'mqtt.min.js'), mqttBrowserBundle);
  writeFileSync(
    join(folder, 'baseline.js'),
    `
      window.lastValues = new Map();
      window.messageCount = 0;
      const broker = new URLSearchParams(location.search).get('broker');
      const client = mqtt.connect(broker, { protocolVersion: 5, clean: true, reconnectPeriod: 0, clientId: 'bench-baseline-' + Date.now() });
      client.on('message', (topic, payload) => { window.lastValues.set(topic, payload.toString()); window.messageCount++; });
      const filter = new URLSearchParams(location.search).get('sub') ?? 'bench/#';
      client.on('connect', () => client.subscribe(filter, { qos: 1 }, () => { window.subscribed = true; }));
    `,
  );
  const site = await serveFolder(folder);
  return {
    url: site.url,
    close: async () => {
      await site.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The baseline URL for a broker. */
export const baselineLink = (baselineUrl: string, wsUrl: string, filter = 'bench/#') => `${baselineUrl}?broker=${encodeURIComponent(wsUrl)}&sub=${encodeURIComponent(filter)}`;

/** The baseline page, connected and subscribed. */
export async function openBaseline(context: BrowserContext, baselineUrl: string, wsUrl: string, filter = 'bench/#'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baselineLink(baselineUrl, wsUrl, filter));
  await page.waitForFunction('window.subscribed === true', undefined, { timeout: 20_000 });
  return page;
}

/**
 * The dashboard has caught up when its header counters read `messages` and `topics` and every tile drawn
 * in view shows its topic's last value. Returns the check as a page expression.
 */
export function dashboardCaughtUp(messages: number, topics: number): string {
  const counters = `${messages.toLocaleString('en-US')} messages · ${topics.toLocaleString('en-US')} topics`;
  return `(() => {
    const shell = document.querySelector('mqtt-dashboard')?.shadowRoot;
    if (!shell) return false;
    const counters = shell.querySelector('traffic-counters')?.shadowRoot?.textContent ?? '';
    if (!counters.includes(${JSON.stringify(counters)})) return false;
    const grid = shell.querySelector('value-grid')?.shadowRoot;
    const tiles = grid ? Array.from(grid.querySelectorAll('value-tile')) : [];
    const inView = tiles.filter((tile) => tile.getBoundingClientRect().top < innerHeight);
    if (inView.length === 0) return false;
    return inView.every((tile) => {
      const article = tile.shadowRoot?.querySelector('article');
      const k = Number(article?.getAttribute('aria-label')?.slice('bench/t'.length));
      const last = k + ${topics} * Math.floor((${messages} - 1 - k) / ${topics});
      return article?.querySelector('.value')?.textContent?.trim() === String(last);
    });
  })()`;
}

export const baselineCaughtUp = (messages: number, topics: number) => `window.messageCount >= ${messages} && window.lastValues.size >= ${topics}`;

/** Waits (checking every frame) until the page expression holds; returns the milliseconds since `since`. */
export async function timeUntil(page: Page, expression: string, since: number, timeoutMs = 300_000): Promise<number> {
  await page.waitForFunction(expression, undefined, { polling: 'raf', timeout: timeoutMs });
  return performance.now() - since;
}

/** The longest task since the last reset, and the longest input-to-paint of an interaction. */
export async function responsiveness(page: Page): Promise<{ longestTaskMs: number; longestEventMs: number }> {
  return page.evaluate(`({
    longestTaskMs: Math.max(0, ...window.__longTasks),
    longestEventMs: Math.max(0, ...window.__events.filter(([name]) => ['pointerdown', 'pointerup', 'click', 'mousedown', 'mouseup'].includes(name)).map(([, d]) => d)),
  })`);
}

export async function resetResponsiveness(page: Page): Promise<void> {
  await page.evaluate('window.__longTasks.length = 0; window.__events.length = 0;');
}

/**
 * Used JS heap after a full garbage collection, in MB, with the typed arrays' backing stores (which live
 * outside the V8 heap: the numeric history's rings would otherwise not count): the page's main thread plus
 * every dedicated Worker it runs (the dashboard's engine).
 */
export async function heapAfterGcMb(page: Page): Promise<number> {
  const devtools = await page.context().newCDPSession(page);
  const workers: string[] = [];
  devtools.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type === 'worker') workers.push(event.sessionId);
  });
  const replies = new Map<number, (result: unknown) => void>();
  devtools.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply.result);
  });
  await devtools.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let next = 1;
  const inWorker = (sessionId: string, method: string) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      replies.set(id, resolve);
      void devtools.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  let total = 0;
  for (const sessionId of workers) {
    await inWorker(sessionId, 'HeapProfiler.collectGarbage');
    await inWorker(sessionId, 'HeapProfiler.collectGarbage');
    const usage = (await inWorker(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    total += usage.usedSize + (usage.backingStorageSize ?? 0);
  }
  await devtools.send('HeapProfiler.collectGarbage');
  await devtools.send('HeapProfiler.collectGarbage');
  const usage = (await devtools.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await devtools.detach();
  return (total + usage.usedSize + (usage.backingStorageSize ?? 0)) / 1024 / 1024;
}
