/** Playwright fixtures: the built app, a fresh real broker per test, device clients cleaned up after. */
import { test as base, expect, type Page } from '@playwright/test';
import { startDevBroker, type DevBroker } from '../../dev/broker';
import { serveBuiltApp } from './app-server';
import { closeDevices } from './devices';
import { startMosquitto, type Mosquitto } from './mosquitto';

interface TestFixtures {
  /** A fresh Mosquitto (MQTT 5) with a WebSocket listener, anonymous access. */
  mosquitto: Mosquitto;
  /** A fresh embedded Aedes dev broker (MQTT 3.1.1 only). */
  aedes: DevBroker;
  /** Problems the page reported (uncaught errors, CSP violations); the test fails if any. */
  pageProblems: string[];
}

interface WorkerFixtures {
  appUrl: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appUrl: [
    async ({}, use) => {
      const server = await serveBuiltApp();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ appUrl }, use) => use(appUrl),
  mosquitto: async ({}, use, testInfo) => {
    const broker = await startMosquitto();
    await use(broker);
    await closeDevices();
    await broker.stop();
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('mosquitto.log', { body: broker.log() });
  },
  aedes: async ({}, use) => {
    const broker = await startDevBroker({ wsPort: 0, tcpPort: 0 });
    await use(broker);
    await closeDevices();
    await broker.close();
  },
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
      });
      await use(problems);
      await closeDevices();
      expect(problems, 'the page reported problems').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, type Page };

export interface KioskOptions {
  /** One broker URL, or a cluster's URLs in order (each its own `broker=`). */
  broker: string | string[];
  subs?: string[];
  qos?: 0 | 1 | 2;
  v?: 'auto' | '5' | '4';
  clientId?: string;
  clean?: boolean;
  keepalive?: number;
  username?: string;
  /** The dashboard's own presence and Last Will (on unless false). */
  will?: boolean;
  /** Device presence tracking (on unless false). */
  presence?: boolean;
  /** MQTT 5 session expiry in seconds (persistent session). */
  expiry?: number;
  /** Values only, settings hidden. */
  kiosk?: boolean;
  /** With kiosk: commands and controls allowed (each asking first). */
  commands?: boolean;
  /** A cluster that keeps dropping the session: start a fresh one at once (true, the default) or wait (false). */
  fresh?: boolean;
  /** Act as a Sparkplug B host application with this id (STATE birth and Will). */
  sphost?: string;
  /** An out-of-sync Sparkplug node: ask for a rebirth at once (auto, the default) or offer a button (ask). */
  rebirth?: 'auto' | 'ask';
  /** The screen's language (kept from then on), instead of the browser's. */
  lang?: 'fr' | 'en' | 'auto';
}

/** A kiosk link, as a user would bookmark it. */
export function kioskLink(options: KioskOptions): string {
  const parts = (Array.isArray(options.broker) ? options.broker : [options.broker]).map((url) => `broker=${encodeURIComponent(url)}`);
  for (const filter of options.subs ?? []) parts.push(`sub=${encodeURIComponent(filter).replace(/%2B/g, '+')}`);
  if (options.qos !== undefined) parts.push(`qos=${options.qos}`);
  if (options.v) parts.push(`v=${options.v}`);
  if (options.clientId) parts.push(`clientId=${encodeURIComponent(options.clientId)}`);
  if (options.clean !== undefined) parts.push(`clean=${options.clean ? 1 : 0}`);
  if (options.keepalive !== undefined) parts.push(`keepalive=${options.keepalive}`);
  if (options.username) parts.push(`username=${encodeURIComponent(options.username)}`);
  if (options.will !== undefined) parts.push(`will=${options.will ? 1 : 0}`);
  if (options.presence !== undefined) parts.push(`presence=${options.presence ? 1 : 0}`);
  if (options.expiry !== undefined) parts.push(`expiry=${options.expiry}`);
  if (options.kiosk !== undefined) parts.push(`kiosk=${options.kiosk ? 1 : 0}`);
  if (options.commands !== undefined) parts.push(`commands=${options.commands ? 1 : 0}`);
  if (options.fresh !== undefined) parts.push(`fresh=${options.fresh ? 1 : 0}`);
  if (options.sphost !== undefined) parts.push(`sphost=${encodeURIComponent(options.sphost)}`);
  if (options.rebirth !== undefined) parts.push(`rebirth=${options.rebirth}`);
  if (options.lang !== undefined) parts.push(`lang=${options.lang}`);
  return `/?${parts.join('&')}`;
}

/** The status line in the header. */
export const status = (page: Page) => page.locator('connection-status').getByRole('status');

/** A device in the Devices view, found by its accessible name (its id). */
export const device = (page: Page, id: string) => page.getByRole('region', { name: id, exact: true });

/** The presence state (online, offline, unknown) shown for a device. */
export const presenceOf = (page: Page, id: string) => device(page, id).locator('.presence');

/** A value tile, found by its accessible name (its topic). */
export const tile = (page: Page, topic: string) => page.getByRole('article', { name: topic, exact: true });

/** The "Reconnecting in N s" countdown, in milliseconds, or null while an attempt is under way. */
export async function countdownMs(page: Page): Promise<number | null> {
  const match = /Reconnecting in (\d+) s/.exec((await status(page).textContent()) ?? '');
  return match ? Number(match[1]) * 1000 : null;
}

/** Types a command in the composer and waits until the outbox has it on disk. */
export async function typeCommand(page: Page, topic: string, payload: string, qos: 0 | 1 | 2): Promise<void> {
  const composer = page.locator('command-composer');
  await composer.getByLabel('Topic', { exact: true }).fill(topic);
  await composer.getByLabel('Payload', { exact: true }).fill(payload);
  await composer.locator('select[name=qos]').selectOption(String(qos));
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByText(`Queued in the outbox: ${topic} → ${payload}`)).toBeVisible();
}

/** Opens a tile's settings (unit, decimals, pin, hide): tap the tile, then Tile settings in its detail. */
export async function openTileSettings(page: Page, topic: string) {
  await tile(page, topic).locator('button.open').click();
  const detail = page.getByRole('dialog', { name: `History of ${topic}` });
  await detail.getByRole('button', { name: 'Tile settings' }).click();
  return page.getByRole('dialog', { name: `Tile settings: ${topic}` });
}

/** Opens the settings: once connected on a tablet or a phone, they are folded into a drawer behind ☰. */
export async function openSettings(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Settings', exact: true });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(page.locator('command-composer')).toBeVisible();
}

/** Records the page's long tasks from its first script on (call before page.goto). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task the page ran since watchLongTasks, in milliseconds (0 if none reached 50 ms). */
export async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...((window as unknown as { __longTasks?: number[] }).__longTasks ?? [])));
}

/** Forgets the long tasks recorded so far (those of loading the page), to judge what comes next. */
export async function clearLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __longTasks?: number[] }).__longTasks?.splice(0));
}

/**
 * Records every text the connection status shows, from the page's first script on (call before page.goto):
 * a status that lasts less than a poll (a reconnect within a second on a loaded machine) is still seen.
 */
export async function recordStatusTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    const times: number[] = [];
    (window as unknown as { __statusTexts: string[] }).__statusTexts = seen;
    (window as unknown as { __statusTimes: number[] }).__statusTimes = times;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
      const root = attach.call(this, init);
      if (this.localName === 'connection-status') {
        const note = () => {
          const text = root.querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          if (text && seen[seen.length - 1] !== text) {
            seen.push(text);
            times.push(performance.now());
          }
        };
        new MutationObserver(note).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
      }
      return root;
    };
  });
}

/** Whether the connection status has said these words at some point since recordStatusTexts. */
export async function statusHasSaid(page: Page, words: string): Promise<boolean> {
  return page.evaluate((wanted) => ((window as unknown as { __statusTexts?: string[] }).__statusTexts ?? []).some((text) => text.includes(wanted)), words);
}

/** When (the page's performance.now()) the connection status first said these words, or null. */
export async function statusSaidAt(page: Page, words: string): Promise<number | null> {
  return page.evaluate((wanted) => {
    const record = window as unknown as { __statusTexts?: string[]; __statusTimes?: number[] };
    const index = (record.__statusTexts ?? []).findIndex((text) => text.includes(wanted));
    return index === -1 ? null : (record.__statusTimes?.[index] ?? null);
  }, words);
}
