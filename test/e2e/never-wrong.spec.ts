/**
 * The value on screen is the newest one the broker sent: a retained copy re-sent after a reconnect never
 * rolls a tile back, the dashboard's own command is not catch-up, and "offline since" survives a reload.
 * The link is cut by a TCP proxy between the page and the broker, as a Wi-Fi drop would.
 */
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, presenceOf, recordStatusTexts, status, statusSaidAt, test, tile, typeCommand } from '../support/fixtures';
import { startMosquitto } from '../support/mosquitto';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const showView = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
const logRows = (page: Page) =>
  page.getByRole('region', { name: 'Message log' }).getByRole('list', { name: 'Messages, newest first' }).getByRole('button');

let proxy: TcpProxy | null = null;
test.afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

type Broker = { wsPort: number; tcpUrl: string };

async function retainedCopyAfterReconnect(page: Page, broker: Broker, v: '4' | '5', subs = ['moteur/#']) {
  proxy = await startTcpProxy(broker.wsPort);
  const device = await connectDevice(broker.tcpUrl, { clientId: 'moteur-device' });
  await device.publishAsync('moteur/vitesse', '100', { qos: 1, retain: true });
  const link = kioskLink({ broker: `ws://127.0.0.1:${proxy.port}`, subs, qos: 1, v, clientId: 'tablette-1', clean: false, expiry: 3600 });
  await page.goto(link);
  await expect(status(page)).toContainText('Connected');
  await expect(tile(page, 'moteur/vitesse')).toContainText('100');

  proxy.cut();
  await expect(status(page)).toContainText('Reconnecting');
  await device.publishAsync('moteur/vitesse', '200', { qos: 1 });
  proxy.restore();
  // It reconnects by itself (on a loaded machine an attempt may time out and the next one, after the
  // backoff, succeed). Retry now is not tapped: it re-renders with the countdown, and a tap that lands as an
  // attempt begins would be lost, which proves nothing here.
  await expect(status(page)).toContainText('Connected', { timeout: 30_000 });
  await expect(tile(page, 'moteur/vitesse')).toContainText('200');

  // The re-sent subscription brings the retained 100 again: it is logged as old, and the tile keeps 200.
  await showView(page, 'Message log');
  const retainedCopies = logRows(page).filter({ hasText: 'moteur/vitesse' }).filter({ hasText: 'R' });
  await expect(retainedCopies.filter({ hasText: 'old' })).toHaveCount(1);
  await expect(logRows(page).filter({ hasText: 'moteur/vitesse' }).first()).toContainText('100');
  await showView(page, 'Values');
  await expect(tile(page, 'moteur/vitesse')).toContainText('200');
  await expect(tile(page, 'moteur/vitesse')).not.toContainText('stale');

  // A newer retained value still replaces it, live.
  await device.publishAsync('moteur/vitesse', '300', { qos: 1, retain: true });
  await expect(tile(page, 'moteur/vitesse')).toContainText('300');
}

test.describe('a retained copy never replaces a newer value', () => {
  test('Mosquitto, MQTT 3.1.1, persistent session', async ({ page, mosquitto }) => {
    await retainedCopyAfterReconnect(page, mosquitto, '4');
  });

  test('Mosquitto, MQTT 5, persistent session', async ({ page, mosquitto }) => {
    await retainedCopyAfterReconnect(page, mosquitto, '5');
  });

  test('Aedes (late retained replies); the dashboard’s own presence stays online', async ({ page, aedes }) => {
    await retainedCopyAfterReconnect(page, aedes, '4', ['#']);
    // Dashboards' presence is folded under Dashboards, out of the plant's topics.
    await page.locator('value-grid details summary', { hasText: 'Dashboards' }).click();
    const ownPresence = tile(page, 'dashboard/tablette-1/status');
    await expect(ownPresence).toContainText('online');
    await expect(ownPresence).not.toContainText('offline');
    await expect(ownPresence).not.toContainText('stale');
  });
});

test('the dashboard’s own command, sent after a reconnect, is not “received while away”', async ({ page, mosquitto }) => {
  proxy = await startTcpProxy(mosquitto.wsPort);
  const link = kioskLink({ broker: `ws://127.0.0.1:${proxy.port}`, subs: ['moteur/#'], qos: 1, v: '5', clientId: 'tablette-2', clean: false, expiry: 3600 });
  await page.goto(link);
  await expect(status(page)).toContainText('Connected');
  const device = await connectDevice(mosquitto.tcpUrl, { clientId: 'moteur-device' });
  await device.publishAsync('moteur/température', '61', { qos: 1 });
  await expect(tile(page, 'moteur/température')).toContainText('61');

  proxy.cut();
  await expect(status(page)).toContainText('Reconnecting');
  await device.publishAsync('moteur/température', '62', { qos: 1 }); // this one is catch-up
  await typeCommand(page, 'moteur/commande', 'stop', 1);
  proxy.restore();
  await expect(status(page)).toContainText('Connected', { timeout: 30_000 });
  await expect(tile(page, 'moteur/commande')).toContainText('stop');
  await expect(tile(page, 'moteur/température')).toContainText('62');
  await expect(tile(page, 'moteur/température')).toContainText('received while away');
  await expect(tile(page, 'moteur/commande')).not.toContainText('received while away');
});

test('after a reload, “offline since” is when the device went offline', async ({ page, mosquitto }) => {
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['capteur/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  const capteur = await connectDevice(mosquitto.tcpUrl, {
    clientId: 'capteur-device',
    will: { topic: 'capteur/status', payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  await capteur.publishAsync('capteur/status', 'online', { qos: 1, retain: true });
  await expect(presenceOf(page, 'capteur')).toHaveText('online');
  capteur.stream.destroy(); // the Will fires
  await expect(presenceOf(page, 'capteur')).toHaveText('offline');
  const wentOfflineAt = Date.now();
  const since = page.getByRole('region', { name: 'capteur', exact: true }).locator('.since');
  const wentOffline = await since.getAttribute('title');
  expect(wentOffline).toBeTruthy();
  // Wait until the page has written the device down, and until a reload would be in another second.
  await expect.poll(() => page.evaluate(rememberedState, 'capteur'), { timeout: 10_000 }).toBe('offline');
  await expect.poll(() => Date.now() - wentOfflineAt).toBeGreaterThan(1500);
  await page.reload();
  await expect(status(page)).toContainText('Connected');
  await expect(presenceOf(page, 'capteur')).toHaveText('offline');
  await expect(since).toHaveAttribute('title', wentOffline as string);
  await expect(since).toContainText(/^since /);
});

/** The presence state the page wrote to IndexedDB for a device (runs in the page). */
function rememberedState(id: string): Promise<string | null> {
  return new Promise((resolve) => {
    const opening = indexedDB.open('mqtt-dashboard');
    opening.onsuccess = () => {
      const database = opening.result;
      if (!database.objectStoreNames.contains('presence')) return resolve(null);
      const request = database.transaction('presence').objectStore('presence').get('devices');
      request.onsuccess = () => {
        const devices = (request.result ?? []) as Array<{ id: string; state: string }>;
        resolve(devices.find((device) => device.id === id)?.state ?? null);
        database.close();
      };
    };
    opening.onerror = () => resolve(null);
  });
}

test('Use of a profile for the same broker keeps the values and their sparklines', async ({ page, aedes }) => {
  const device = await connectDevice(aedes.tcpUrl);
  await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  for (const rpm of [1200, 1300, 1400]) await device.publishAsync('moteur/vitesse', String(rpm), { qos: 1 });
  const speed = tile(page, 'moteur/vitesse');
  await expect(speed).toContainText('1400');
  await expect(speed.getByRole('img', { name: 'Recent trend' })).toBeVisible();
  await page.locator('connection-panel summary').click();
  const profiles = page.locator('broker-profiles');
  await profiles.getByLabel('Profile name').fill('Atelier');
  await profiles.getByRole('button', { name: 'Save as profile' }).click();
  await profiles.getByLabel('Broker profile').selectOption('Atelier');
  await profiles.getByRole('button', { name: 'Use' }).click();
  await expect(status(page)).toContainText('Connected');
  await expect(speed).toContainText('1400');
  await expect(speed.getByRole('img', { name: 'Recent trend' })).toBeVisible();
  await device.publishAsync('moteur/vitesse', '1500', { qos: 1 });
  await expect(speed).toContainText('1500');
  await expect(speed.getByRole('img', { name: 'Recent trend' })).toBeVisible();
});

test('a quick command the outbox refuses says why on the device card', async ({ page }) => {
  const broker = await startMosquitto({ maxPacketSize: 200 });
  try {
    const moteur = await connectDevice(broker.tcpUrl, { clientId: 'moteur' });
    await moteur.publishAsync('moteur/status', 'online', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'], qos: 1, v: '5' }));
    await expect(presenceOf(page, 'moteur')).toHaveText('online');
    const composer = page.locator('command-composer');
    await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
    await composer.getByLabel('Payload', { exact: true }).fill('x'.repeat(400)); // more than the broker's 200-byte packets
    await composer.getByRole('button', { name: 'Save as quick command' }).click();
    const card = page.getByRole('region', { name: 'moteur', exact: true });
    await card.getByRole('group', { name: 'Quick commands for moteur' }).getByRole('button', { name: /moteur\/commande →/ }).click();
    await card.getByRole('group', { name: 'Confirm the command' }).getByRole('button', { name: 'Send' }).click(); // asks first, as saved
    await expect(card.getByRole('alert')).toContainText('Not sent: The payload is 400 B: the broker accepts packets of at most 200 B (its Maximum Packet Size)');
    await expect(page.locator('outbox-panel').getByRole('listitem')).toHaveCount(0);
  } finally {
    await broker.stop();
  }
});

test('a WebSocket that is not an MQTT broker is reported within 5 s; Retry now is there during every attempt', async ({ page }) => {
  const silent = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'mqtt' });
  await new Promise((resolve) => silent.once('listening', resolve));
  const url = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  try {
    await recordStatusTexts(page);
    await page.goto(kioskLink({ broker: url }));
    await expect(status(page)).toContainText('Connecting');
    await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await expect(status(page)).toContainText(`Cannot reach ${url}: no MQTT answer`, { timeout: 10_000 });
    // Timed in the page's own clock, from the attempt shown to its reason (the test's polling adds its own delay).
    const connecting = await statusSaidAt(page, 'Connecting');
    const reported = await statusSaidAt(page, `Cannot reach ${url}: no MQTT answer`);
    expect((reported ?? Number.POSITIVE_INFINITY) - (connecting ?? 0)).toBeLessThanOrEqual(5000);
    await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect(status(page)).toContainText('Reconnecting…'); // an attempt under way
    await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
  } finally {
    for (const client of silent.clients) client.terminate();
    silent.close();
  }
});

test.describe('where service workers are not allowed', () => {
  test.use({ serviceWorkers: 'block' });
  test('the notice says so in plain words, and the dashboard works', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'] }));
    await expect(status(page)).toContainText('Connected');
    const notice = page.getByText(/Offline support is off in this window/);
    await expect(notice).toBeVisible();
    await expect(page.locator('mqtt-dashboard')).not.toContainText(/Cannot read|undefined|TypeError/);
  });
});

test('Retry now pressed again and again during attempts: the link is back as soon as the broker is reachable', async ({ page, aedes }) => {
  proxy = await startTcpProxy(aedes.wsPort);
  await page.goto(kioskLink({ broker: `ws://127.0.0.1:${proxy.port}`, subs: ['#'], qos: 1, v: '4', clientId: 'tablette-3', clean: false }));
  await expect(status(page)).toContainText('Connected');
  proxy.cut();
  await expect(status(page)).toContainText('Reconnecting');
  const retry = page.locator('connection-status').getByRole('button', { name: 'Retry now' });
  for (let press = 0; press < 5; press++) {
    await retry.click();
    await expect(status(page)).toContainText('Reconnecting');
  }
  proxy.restore();
  await retry.click();
  await expect(status(page)).toContainText('Connected');
  const device = await connectDevice(aedes.tcpUrl);
  await device.publishAsync('moteur/vitesse', '1480', { qos: 1 });
  await expect(tile(page, 'moteur/vitesse')).toContainText('1480');
});
