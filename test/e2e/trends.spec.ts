/**
 * Trends that survive: the numeric history is kept in IndexedDB, so a chart opened after a reload or after
 * the browser was killed shows what the tablet saw before, not only what came since.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, status, test, tile, typeCommand } from '../support/fixtures';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

let proxy: TcpProxy | null = null;
test.afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

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

test('across a cut link the line breaks; values the broker kept meanwhile are placed in the gap, in order', async ({ page, mosquitto }) => {
  proxy = await startTcpProxy(mosquitto.wsPort);
  await page.goto(kioskLink({ broker: `ws://127.0.0.1:${proxy.port}`, subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  await publishOneASecond(page, mosquitto.tcpUrl, [61, 62]);
  const device = await connectDevice(mosquitto.tcpUrl);
  await device.publishAsync('moteur/vitesse', '1480', { qos: 1 });
  await expect(tile(page, 'moteur/vitesse')).toContainText('1480');

  proxy.cut();
  await expect(status(page)).toContainText('Reconnecting');
  // Kept by the broker for the dashboard's persistent session (QoS 1); the speed's QoS 0 value is not.
  for (const value of [63, 64, 65]) await device.publishAsync(TOPIC, JSON.stringify({ value, unit: '°C' }), { qos: 1 });
  await device.publishAsync('moteur/vitesse', '1490', { qos: 0 });
  proxy.restore();
  await expect(status(page)).toContainText('Connected', { timeout: 30_000 });
  await expect(tile(page, TOPIC)).toContainText('65');
  await expect(tile(page, TOPIC)).toContainText('received while away');
  // A command of the dashboard's own, acknowledged, ends the catch-up: what follows is live.
  await typeCommand(page, 'moteur/commande', 'marche', 1);
  await expect(tile(page, 'moteur/commande')).toContainText('marche');
  await device.publishAsync('moteur/vitesse', '1500', { qos: 1 });
  await expect(tile(page, 'moteur/vitesse')).toContainText('1500');
  await expect(tile(page, 'moteur/vitesse')).not.toContainText('received while away');

  // They are placed once the burst is over (a quiet second, or a live value of the topic): then the CSV has
  // them at times within the cut, in order, not piled up at the reconnection.
  const seriesLength = () =>
    page.evaluate(async (name) => {
      const service = (document.querySelector('mqtt-dashboard') as unknown as { service: { series(topic: string): Promise<{ times: Float64Array }> } }).service;
      return (await service.series(name)).times.length;
    }, TOPIC);
  await expect.poll(seriesLength).toBe(5);
  await tile(page, TOPIC).locator('button.open').click();
  const chart = page.getByRole('figure', { name: `Chart of ${TOPIC}` });
  await expect(chart.getByRole('status')).toContainText('5 points');
  const download = page.waitForEvent('download');
  await chart.getByRole('button', { name: 'Export CSV' }).click();
  const rows = readFileSync(await (await download).path(), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  expect(rows.map(([, value]) => Number(value))).toEqual([61, 62, 63, 64, 65]);
  const times = rows.map(([time]) => Date.parse(time ?? ''));
  const kept = times.slice(2);
  const connectedAt = await page.evaluate(() => (document.querySelector('mqtt-dashboard') as unknown as { service: { status: { state: { connectedAt: number } } } }).service.status.state.connectedAt);
  // Between the last value before the cut and the return of the link (not at their arrival, after it).
  expect(kept.every((time) => time > (times[1] as number) && time < connectedAt)).toBe(true);
  expect(kept.every((time, index) => index === 0 || time > (kept[index - 1] as number))).toBe(true);
  // What the chart draws: the temperature's line goes on through the gap, the speed's breaks there.
  const breaks = (topic: string) =>
    page.evaluate(async (name) => {
      const service = (document.querySelector('mqtt-dashboard') as unknown as { service: { series(topic: string): Promise<{ breaks?: Uint32Array }> } }).service;
      return (await service.series(name)).breaks?.length ?? 0;
    }, topic);
  expect(await breaks(TOPIC)).toBe(0);
  expect(await breaks('moteur/vitesse')).toBe(1);
});

test('trends can be kept off this device: turned off, what was kept is erased and charts start with the page', async ({ page, mosquitto }) => {
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  await publishOneASecond(page, mosquitto.tcpUrl, [61, 64]);
  await expect.poll(() => pointsOnDisk(page), { timeout: 15_000 }).toBe(2);
  await openSettings(page);
  const panel = page.locator('layout-panel');
  await panel.getByRole('heading', { name: 'Display and layout' }).click();
  const keep = panel.getByRole('checkbox', { name: 'Keep trends on this device' });
  await expect(keep).toBeChecked();
  await expect(panel).toContainText('at most about 100 MB');
  await keep.uncheck();
  await expect(panel).toContainText('Charts start when the page opens.');
  await expect.poll(() => pointsOnDisk(page)).toBe(0);
  await page.reload();
  await expect(status(page)).toContainText('Connected');
  await publishOneASecond(page, mosquitto.tcpUrl, [66]);
  await expect(await chartStatus(page)).toHaveText('1 point · min 66 °C · max 66 °C · average 66 °C');
  expect(await pointsOnDisk(page)).toBe(0);
});
