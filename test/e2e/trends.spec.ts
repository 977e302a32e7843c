/**
 * Trends that survive: the numeric history is kept in IndexedDB, so a chart opened after a reload or after
 * the browser was killed shows what the tablet saw before, not only what came since.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';

const TOPIC = 'moteur/température';

/** Publishes each value in a second of its own (history keeps at most one point a second). */
async function publishOneASecond(page: Page, brokerTcp: string, values: number[]): Promise<void> {
  const device = await connectDevice(brokerTcp);
  for (const value of values) {
    await device.publishAsync(TOPIC, JSON.stringify({ value, unit: '°C' }), { qos: 1 });
    await expect(tile(page, TOPIC)).toContainText(String(value));
    // It was received by now: the next one goes in a later second.
    const second = Math.floor(Date.now() / 1000);
    await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(second);
  }
}

/** How many points of the topic the page has written to disk. */
const pointsOnDisk = (page: Page) =>
  page.evaluate(
    (topic) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('mqtt-dashboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('trends').objectStore('trends').getAll(IDBKeyRange.bound([topic, 0, 0], [topic, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]));
          request.onsuccess = () => resolve((request.result as Array<{ times: Float64Array }>).reduce((sum, record) => sum + record.times.length, 0));
          request.onerror = () => reject(request.error);
        };
      }),
    TOPIC,
  );

async function chartStatus(page: Page) {
  await tile(page, TOPIC).locator('button.open').click();
  return page.getByRole('figure', { name: `Chart of ${TOPIC}` }).getByRole('status');
}

test('a chart opened after a reload shows the points from before it', async ({ page, mosquitto }) => {
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  await publishOneASecond(page, mosquitto.tcpUrl, [61, 64, 59, 68]);
  await expect.poll(() => pointsOnDisk(page), { timeout: 15_000 }).toBe(4);
  await page.reload();
  await expect(status(page)).toContainText('Connected');
  // The last value comes back from disk (stale until the broker sends it again); the chart has all four.
  await expect(await chartStatus(page)).toHaveText('4 points · min 59 °C · max 68 °C · average 63 °C');
});

test('after the browser was closed in the middle of its work, the chart still has what was written before', async ({ playwright, appUrl, mosquitto }, testInfo) => {
  const profile = mkdtempSync(join(tmpdir(), 'dashboard-trends-'));
  const launch = () => playwright.chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL: appUrl });
  const link = kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 });
  let context = await launch();
  try {
    const page = await context.newPage();
    await page.goto(link);
    await expect(status(page)).toContainText('Connected');
    await publishOneASecond(page, mosquitto.tcpUrl, [70, 72, 74]);
    await expect.poll(() => pointsOnDisk(page), { timeout: 15_000 }).toBe(3);
    await context.close();
    context = await launch();
    const reopened = await context.newPage();
    await reopened.goto(link);
    await expect(status(reopened)).toContainText('Connected');
    await expect(await chartStatus(reopened)).toHaveText('3 points · min 70 °C · max 74 °C · average 72 °C');
  } finally {
    await context.close();
  }
});

test('a chart has ranges: the last 15 min, hour, 8 h, day, or all that is kept', async ({ page, mosquitto }) => {
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  // What this tablet saw two hours ago, as an earlier run of the page wrote it.
  await page.evaluate(
    (topic) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('mqtt-dashboard');
        open.onsuccess = () => {
          const now = Date.now();
          const times = Float64Array.of(now - 2 * 3_600_000, now - 1.5 * 3_600_000);
          const start = Math.floor((times[0] as number) / 600_000) * 600_000;
          const transaction = open.result.transaction('trends', 'readwrite');
          transaction.objectStore('trends').put({ topic, start, part: 1, times, values: Float64Array.of(40, 44) });
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    TOPIC,
  );
  await publishOneASecond(page, mosquitto.tcpUrl, [60, 62]);
  const chart = page.getByRole('figure', { name: `Chart of ${TOPIC}` });
  await expect(await chartStatus(page)).toHaveText('4 points · min 40 °C · max 62 °C · average 52 °C');
  const ranges = chart.getByRole('group', { name: 'Time range' });
  await ranges.getByRole('button', { name: '1 h' }).click();
  await expect(ranges.getByRole('button', { name: '1 h' })).toHaveAttribute('aria-pressed', 'true');
  await expect(chart.getByRole('status')).toHaveText('2 points · min 60 °C · max 62 °C · average 61 °C');
  await ranges.getByRole('button', { name: '8 h' }).click();
  await expect(chart.getByRole('status')).toContainText('4 points');
  await ranges.getByRole('button', { name: '15 min' }).click();
  await expect(chart.getByRole('status')).toContainText('2 points');
  await ranges.getByRole('button', { name: 'All' }).click();
  await expect(chart.getByRole('status')).toContainText('4 points');
});

test('a text topic’s detail shows when it changed and how long each value lasted, after a reload too', async ({ page, mosquitto }) => {
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['pompe/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  const pump = await connectDevice(mosquitto.tcpUrl);
  const state = tile(page, 'pompe/état');
  // One message a second, as a firmware reports its state; it changes twice.
  for (const text of ['en marche', 'en marche', 'arrêtée', 'arrêtée', 'en marche']) {
    await pump.publishAsync('pompe/état', text, { qos: 1, retain: true });
    await expect(state).toContainText(text);
    const second = Math.floor(Date.now() / 1000); // received by now: the next one in a later second
    await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(second);
  }
  const changes = async () => {
    await state.locator('button.open').click();
    const list = page.getByRole('list', { name: 'Changes' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    return list.getByRole('listitem');
  };
  let rows = await changes();
  await expect(rows.nth(0)).toContainText(/^\s*en marche since \d\d?:\d\d:\d\d/);
  await expect(rows.nth(1)).toContainText(/^\s*arrêtée \d\d?:\d\d:\d\d( [AP]M)? → \d\d?:\d\d:\d\d( [AP]M)? \(\d+ s\)\s*$/);
  await expect(rows.nth(2)).toContainText(/^\s*en marche .* → .* \(\d+ s\)\s*$/);
  await page.reload();
  await expect(status(page)).toContainText('Connected');
  rows = await changes();
  await expect(rows.nth(1)).toContainText('arrêtée');
});
