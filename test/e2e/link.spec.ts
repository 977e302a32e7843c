import type { Page } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { countdownMs, device, expect, kioskLink, status, test, tile } from '../support/fixtures';

const KEEPALIVE = 4;
const DETECTION_MS = KEEPALIVE * 1.5 * 1000;

/** Polls the status every 100 ms (finer than Playwright's default steps) until it no longer says Connected. */
async function expectLinkLossWithin(page: Page, milliseconds: number): Promise<void> {
  await expect
    .poll(async () => (await status(page).textContent()) ?? '', { timeout: milliseconds, intervals: [100] })
    .not.toMatch(/^\s*Connected/);
}


test.describe('keep-alive, reconnect and staleness', () => {
  test('broker stopped: the loss is seen at once and values go stale; restarted: back within the backoff step', async ({
    page,
    mosquitto,
  }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl);
    await moteur.publishAsync('moteur/status', 'online', { qos: 1, retain: true });
    await moteur.publishAsync('moteur/température', '71.5', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, keepalive: KEEPALIVE }));
    const temperature = tile(page, 'moteur/température');
    await expect(temperature).toContainText('71.5');
    await expect(temperature).not.toContainText('stale');
    // A ping went out after one keep-alive: its round trip is in the connection details, opened from the status.
    await page.getByRole('button', { name: 'Status details' }).click();
    const details = page.getByRole('region', { name: 'Connection details' });
    await expect(details).toContainText(/Ping\s*\d+ ms/, { timeout: DETECTION_MS });
    await page.getByRole('button', { name: 'Status details' }).click();
    await expect(details).toHaveCount(0);

    await mosquitto.kill();
    await expectLinkLossWithin(page, DETECTION_MS);
    await expect(status(page)).toContainText('Connection lost');
    await expect(temperature).toContainText(/stale since \d/);
    await expect(device(page, 'moteur')).toContainText(/stale since \d/);
    await expect(status(page)).toContainText(/Reconnecting in \d+ s/);
    // Let a few attempts fail so the backoff grows, then bring the broker back.
    await expect.poll(() => countdownMs(page), { intervals: [100] }).toBeGreaterThanOrEqual(2000);

    await mosquitto.restart();
    const step = (await countdownMs(page)) ?? 0;
    await expect(status(page)).toContainText('Connected', { timeout: step + 2000 });
    await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('granted QoS 1');
    // The retained values come again with the restored subscription: no longer stale.
    await expect(temperature).not.toContainText('stale');
    await expect(device(page, 'moteur')).not.toContainText('stale');
    const fresh = await connectDevice(mosquitto.tcpUrl);
    await fresh.publishAsync('moteur/température', '72.0', { qos: 1 });
    await expect(temperature).toContainText('72');
  });

  test('Retry now reconnects at once instead of waiting for the backoff', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, keepalive: KEEPALIVE }));
    await expect(status(page)).toContainText('Connected');
    await mosquitto.kill();
    await expect.poll(() => countdownMs(page), { intervals: [100] }).toBeGreaterThanOrEqual(4000);
    await mosquitto.restart();
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect(status(page)).toContainText('Connected', { timeout: 2000 });
  });

  test('a frozen broker (SIGSTOP) is detected within 1.5 × keep-alive, and the link recovers after SIGCONT', async ({
    page,
    mosquitto,
  }) => {
    const publisher = await connectDevice(mosquitto.tcpUrl);
    await publisher.publishAsync('pompe/débit', '12', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['pompe/#'], qos: 1, keepalive: KEEPALIVE }));
    await expect(tile(page, 'pompe/débit')).toContainText('12');
    mosquitto.freeze();
    await expectLinkLossWithin(page, DETECTION_MS);
    await expect(status(page)).toContainText('The broker stopped answering');
    await expect(tile(page, 'pompe/débit')).toContainText('stale since');
    mosquitto.thaw();
    await expect(status(page)).toContainText('Connected', { timeout: 30_000 });
    await expect(tile(page, 'pompe/débit')).not.toContainText('stale');
  });

  test('a tablet waking up checks the link at once instead of waiting for the next keep-alive', async ({ page, mosquitto }) => {
    // A long keep-alive: without the check on wake-up, a dead link would go unnoticed for 90 s.
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, keepalive: 60 }));
    await expect(status(page)).toContainText('Connected');
    mosquitto.freeze();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))); // the page is visible again
    await expectLinkLossWithin(page, 5000 + 1000); // one ping answer time (5 s at this keep-alive)
    mosquitto.thaw();
  });

  test('no network: the status says so and nothing is attempted; the network back: reconnects at once', async ({
    page,
    context,
    mosquitto,
  }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, keepalive: KEEPALIVE }));
    await expect(status(page)).toContainText('Connected');
    await context.setOffline(true);
    await expect(status(page)).toContainText('Offline (no network)');
    await expect(page.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
    await context.setOffline(false);
    await expect(status(page)).toContainText('Connected', { timeout: 3000 });
  });
});

test.describe("the dashboard's own presence", () => {
  test('its Will reaches a subscriber when the page is killed', async ({ browser, appUrl, mosquitto }) => {
    const observer = await connectDevice(mosquitto.tcpUrl);
    const received: string[] = [];
    observer.on('message', (topic, payload) => topic === 'dashboard/tablette-1/status' && received.push(payload.toString()));
    await observer.subscribeAsync('dashboard/+/status', { qos: 1 });
    const context = await browser.newContext({ baseURL: appUrl });
    const page = await context.newPage();
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, clientId: 'tablette-1' }));
    await expect(status(page)).toContainText('Connected');
    await expect.poll(() => received).toEqual(['online']);
    await context.close();
    await expect.poll(() => received).toEqual(['online', 'offline']);
  });

  test("a user's Disconnect says offline itself, and the Will is not sent", async ({ page, mosquitto }) => {
    const observer = await connectDevice(mosquitto.tcpUrl);
    const received: string[] = [];
    observer.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
    await observer.subscribeAsync('dashboard/#', { qos: 1 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, clientId: 'tablette-2' }));
    await expect(status(page)).toContainText('Connected');
    await expect.poll(() => received).toEqual(['dashboard/tablette-2/status online']);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(status(page)).toContainText('Disconnected');
    // A marker through the broker after the dashboard left: had the Will been sent, it would be before it.
    await observer.publishAsync('dashboard/marker', 'after', { qos: 1 });
    await expect
      .poll(() => received)
      .toEqual(['dashboard/tablette-2/status online', 'dashboard/tablette-2/status offline', 'dashboard/marker after']);
  });

  test('with the option off, no presence is published', async ({ page, mosquitto }) => {
    const observer = await connectDevice(mosquitto.tcpUrl);
    const received: string[] = [];
    observer.on('message', (topic) => received.push(topic));
    await observer.subscribeAsync('dashboard/#', { qos: 1 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, clientId: 'tablette-3', will: false }));
    await expect(status(page)).toContainText('Connected');
    await observer.publishAsync('dashboard/marker', 'after', { qos: 1 });
    await expect.poll(() => received).toEqual(['dashboard/marker']);
  });
});
