/**
 * Outbox benchmark: enqueue latency (command on disk before Send reports success), and the time to flush
 * N queued QoS 1 commands through real Mosquitto, against bare mqtt.js publishing the same N from memory
 * in a page of the same browser, in the same run.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Mosquitto } from '../support/mosquitto';

export interface OutboxFigures {
  enqueueP50Ms: number;
  enqueueP95Ms: number;
  flushMs: number;
  baselineMs: number;
}

const require = createRequire(import.meta.url);
// mqtt's package exports do not list its browser bundle: found next to its build.
const mqttBrowserBundle = readFileSync(join(dirname(require.resolve('mqtt')), '..', 'dist', 'mqtt.min.js'), 'utf8');

/** The page's root element, as the page sees it (the composer's Send calls the same sendCommand). */
interface DashboardHandle {
  service: {
    sendCommand(command: object): Promise<string | null>;
    disconnect(): Promise<void>;
    connect(settings: object): void;
    settings: { state: object };
    status: { state: { phase: string } };
    outbox: { store: { pendingCount: number } };
  };
}

export async function benchOutbox(browser: Browser, appUrl: string, broker: Mosquitto, count: number): Promise<OutboxFigures> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const clientId = `bench-${Date.now()}`;
    await page.goto(`${appUrl}?broker=${encodeURIComponent(broker.wsUrl)}&clientId=${clientId}&clean=0&presence=0&will=0`);
    await waitFor(page, () => (document.querySelector('mqtt-dashboard') as unknown as Partial<DashboardHandle>).service?.status.state.phase === 'connected');
    const latencies = await page.evaluate(async (total) => {
      const { service } = document.querySelector('mqtt-dashboard') as unknown as DashboardHandle;
      await service.disconnect();
      const times: number[] = [];
      for (let index = 0; index < total; index++) {
        const start = performance.now();
        const problem = await service.sendCommand({ topic: 'bench/commande', payload: `commande ${index}`, qos: 1, retain: false });
        times.push(performance.now() - start);
        if (problem) throw new Error(problem);
      }
      return times;
    }, count);
    const flushMs = await page.evaluate(async () => {
      const { service } = document.querySelector('mqtt-dashboard') as unknown as DashboardHandle;
      service.connect(service.settings.state);
      // (Loops, not named helpers: the bundler running this file would wrap those in a helper the page lacks.)
      while (service.status.state.phase !== 'connected') await new Promise((resolve) => setTimeout(resolve, 1));
      const start = performance.now();
      while (service.outbox.store.pendingCount > 0) await new Promise((resolve) => setTimeout(resolve, 2));
      return performance.now() - start;
    });
    const baselineMs = await baseline(context.newPage(), broker.wsUrl, count);
    latencies.sort((a, b) => a - b);
    return { enqueueP50Ms: percentile(latencies, 0.5), enqueueP95Ms: percentile(latencies, 0.95), flushMs, baselineMs };
  } finally {
    await context.close();
  }
}

/** Bare mqtt.js in a blank page: connect, publish the N commands at once from memory, wait for every PUBACK. */
async function baseline(pagePromise: Promise<Page>, brokerUrl: string, count: number): Promise<number> {
  const page = await pagePromise;
  await page.setContent('<!doctype html><title>baseline</title>');
  await page.addScriptTag({ content: mqttBrowserBundle });
  return page.evaluate(
    async ({ url, total }) => {
      type Client = { on(event: 'connect', cb: () => void): void; publish(t: string, p: string, o: object, cb: (e?: Error) => void): void; end(force: boolean): void };
      const mqtt = (globalThis as unknown as { mqtt: { connect(url: string, options: object): Client } }).mqtt;
      const client = mqtt.connect(url, { protocolVersion: 5, clientId: `baseline-${Date.now()}`, clean: false, reconnectPeriod: 0 });
      await new Promise<void>((resolve) => client.on('connect', resolve));
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        let acknowledged = 0;
        for (let index = 0; index < total; index++) {
          client.publish('bench/commande', `commande ${index}`, { qos: 1 }, (error) => {
            if (error) reject(error);
            else if (++acknowledged === total) resolve();
          });
        }
      });
      const elapsed = performance.now() - start;
      client.end(true);
      return elapsed;
    },
    { url: brokerUrl, total: count },
  );
}

async function waitFor(page: Page, condition: () => boolean): Promise<void> {
  await page.waitForFunction(condition, undefined, { timeout: 20_000, polling: 20 });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}
