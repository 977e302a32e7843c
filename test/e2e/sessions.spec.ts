import type { Page } from '@playwright/test';
import type { MqttClient } from 'mqtt';
import { WINDOW_LIMIT_MS } from '../../src/mqtt/catch-up-window';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';

/** The payloads listed in a topic's message dialog, newest first, and how many are marked received while away. */
async function openMessages(page: Page, topic: string) {
  await tile(page, topic).locator('button.open').click();
  const dialog = page.getByRole('dialog', { name: `History of ${topic}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

const payloadsIn = (dialog: ReturnType<Page['getByRole']>) => dialog.locator('li .payload').allTextContents();

/** Waits until the broker has published the dashboard's Will: the broker knows the dashboard is gone. */
async function waitUntilGone(watcher: MqttClient, clientId: string): Promise<void> {
  const topic = `dashboard/${clientId}/status`;
  await new Promise<void>((resolve) => {
    const check = (received: string, payload: Buffer) => received === topic && payload.toString() === 'offline' && resolve();
    watcher.on('message', check);
    void watcher.subscribeAsync(topic, { qos: 1 });
  });
}

async function catchUpFlow(page: Page, brokerWs: string, deviceUrl: string, clientId: string, version: '5' | '4'): Promise<void> {
  const link = kioskLink({ broker: brokerWs, subs: ['atelier/#'], qos: 1, clientId, clean: false, v: version });
  await page.goto(link);
  await expect(status(page)).toContainText('new persistent session');
  await expect(page.getByRole('listitem', { name: 'atelier/#' })).toContainText('granted QoS 1');

  const device = await connectDevice(deviceUrl, { protocolVersion: version === '5' ? 5 : 4 });
  const gone = waitUntilGone(device, clientId);
  const context = page.context();
  await page.close();
  await gone;
  for (let i = 1; i <= 10; i++) await device.publishAsync('atelier/compteur', String(i), { qos: 1 });
  for (let i = 1; i <= 10; i++) await device.publishAsync('atelier/bruit', `b${i}`, { qos: 0 });

  const reopened = await context.newPage();
  await reopened.goto(link);
  await expect(status(reopened)).toContainText('session present');
  const resumedAt = Date.now();
  const counter = tile(reopened, 'atelier/compteur');
  await expect(counter.locator('.value')).toHaveText('10');
  await expect(counter).toContainText('received while away');
  // QoS 0 messages are not kept for an absent subscriber.
  await expect(tile(reopened, 'atelier/bruit')).toHaveCount(0);

  const dialog = await openMessages(reopened, 'atelier/compteur');
  expect(await payloadsIn(dialog)).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1']);
  await expect(dialog.getByText('received while away')).toHaveCount(10);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A message published once the catch-up window is over (it never lasts longer) is live: no catch-up mark.
  await expect.poll(() => Date.now() - resumedAt).toBeGreaterThan(WINDOW_LIMIT_MS);
  await device.publishAsync('atelier/compteur', '11', { qos: 1 });
  await expect(counter.locator('.value')).toHaveText('11');
  await expect(counter).not.toContainText('received while away');
}

test.describe('Persistent sessions', () => {
  test('Mosquitto (MQTT 5): what was queued while the dashboard was closed arrives on reopening, marked, in order, once', async ({ page, mosquitto }) => {
    await catchUpFlow(page, mosquitto.wsUrl, mosquitto.tcpUrl, 'tablette-session', '5');
  });

  test('Aedes (MQTT 3.1.1): the same flow, and the MQTT 5 options are hidden', async ({ page, aedes }) => {
    await catchUpFlow(page, aedes.wsUrl, aedes.tcpUrl, 'tablette-aedes', '4');
    const reopened = page.context().pages().at(-1) as Page;
    await expect(status(reopened)).toContainText('MQTT 3.1.1');
    await expect(reopened.locator('command-composer').getByText('MQTT 5 options')).toHaveCount(0);
  });

  test('after the session expired, the dashboard says so and subscribes again', async ({ page, mosquitto }) => {
    const clientId = 'tablette-expiry';
    const link = kioskLink({ broker: mosquitto.wsUrl, subs: ['atelier/#'], qos: 1, clientId, clean: false, expiry: 2 });
    await page.goto(link);
    await expect(status(page)).toContainText('new persistent session (kept 2 s after leaving)');
    const device = await connectDevice(mosquitto.tcpUrl, { protocolVersion: 5 });
    const gone = waitUntilGone(device, clientId);
    const context = page.context();
    await page.close();
    await gone;
    await device.publishAsync('atelier/perdu', 'pendant', { qos: 1 });
    await expect.poll(() => mosquitto.log(), { timeout: 15_000 }).toContain(`Expiring client ${clientId}`);

    const reopened = await context.newPage();
    await reopened.goto(link);
    await expect(status(reopened)).toContainText('the broker kept no session');
    await expect(reopened.getByRole('listitem', { name: 'atelier/#' })).toContainText('granted QoS 1');
    await device.publishAsync('atelier/après', 'reçu', { qos: 1 });
    await expect(tile(reopened, 'atelier/après')).toContainText('reçu');
    await expect(tile(reopened, 'atelier/perdu')).toHaveCount(0);
  });

  test('inbound QoS 2 across forced reconnects: every message shown exactly once', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['lot/#'], qos: 2, clientId: 'tablette-qos2', clean: false }));
    await expect(page.getByRole('listitem', { name: 'lot/#' })).toContainText('granted QoS 2');
    const device = await connectDevice(mosquitto.tcpUrl, { protocolVersion: 5 });
    const count = 60;
    const publishing = (async () => {
      for (let i = 1; i <= count; i++) {
        await device.publishAsync('lot/pièce', String(i), { qos: 2 });
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    for (let drop = 0; drop < 3; drop++) {
      await expect(status(page)).toContainText('Connected');
      await page.context().setOffline(true);
      await expect(status(page)).toContainText('Offline');
      await page.context().setOffline(false);
    }
    await publishing;
    await expect(tile(page, 'lot/pièce').locator('.value')).toHaveText(String(count));
    const dialog = await openMessages(page, 'lot/pièce');
    const shown = (await payloadsIn(dialog)).map(Number);
    expect(shown).toEqual(Array.from({ length: count }, (_, index) => count - index));
  });
});
