import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { MqttClient } from 'mqtt';
import { startMosquitto } from '../support/mosquitto';
import { startWitness } from '../support/witness';
import { countdownMs, expect, kioskLink, status, test, typeCommand } from '../support/fixtures';

/** The independent subscriber (persistent QoS 2 session; deliveries in wire order, see support/witness). */
async function witness(brokerUrl: string, filter: string): Promise<{ client: MqttClient; received: string[] }> {
  const { client, payloads } = await startWitness(brokerUrl, filter, 4);
  return { client, received: payloads };
}

const outbox = (page: Page) => page.getByRole('region', { name: 'Outbox' });
const pending = (page: Page) => page.getByRole('status', { name: 'Pending commands' });
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);

test.describe('the command outbox', () => {
  test('commands typed while the broker is down, across a reload, arrive once each and in order', async ({ page }) => {
    const broker = await startMosquitto({ queueQos0: true });
    const { client, received } = await witness(broker.tcpUrl, 'atelier/commande');
    try {
      await broker.kill();
      await page.goto(kioskLink({ broker: broker.wsUrl, clientId: 'tablette-outbox', clean: false }));
      await expect(status(page)).toContainText('Reconnecting');
      const payloads = numbered('c', 20);
      for (const [index, payload] of payloads.entries()) {
        if (index === 10) {
          await page.reload();
          await expect(pending(page)).toHaveText('10 pending');
        }
        await typeCommand(page, 'atelier/commande', payload, (index % 3) as 0 | 1 | 2);
      }
      await expect(pending(page)).toHaveText('20 pending');
      await expect(outbox(page).getByRole('listitem').first()).toContainText('queued');

      // The witness must be back before the dashboard, or Mosquitto would queue the commands for it while it
      // is away, and it replays such a queue with the QoS 2 messages last: wait for a long enough backoff step.
      // (2 s was not always enough on a loaded machine: Mosquitto's restart took most of it, and the dashboard
      // came back first once in a CI run.)
      await expect.poll(() => countdownMs(page), { intervals: [100], timeout: 30_000 }).toBeGreaterThanOrEqual(5000);
      await broker.restart();
      await expect.poll(() => client.connected).toBe(true);
      await expect(status(page)).not.toContainText('Connected');
      await expect.poll(() => received, { timeout: 30_000 }).toEqual(payloads);
      await expect(pending(page)).toHaveText('0 pending');
      // QoS 1 and 2 are confirmed by the broker's acknowledgement; QoS 0 has none, and says so.
      await expect(outbox(page).getByRole('listitem').filter({ hasText: 'delivered' })).toHaveCount(13);
      await expect(outbox(page).getByRole('listitem').filter({ hasText: 'sent (this broker does not confirm delivery) · QoS 0' })).toHaveCount(7);
      await expect(outbox(page).getByRole('listitem', { name: 'atelier/commande c20' })).toContainText('delivered (at least once) · QoS 1');
    } finally {
      await client.endAsync(true);
      await broker.stop();
    }
  });

  test('a reload and a browser kill in the middle of a flush of 200 QoS 2 commands: exactly once, in order', async ({
    playwright,
    appUrl,
  }, testInfo) => {
    const broker = await startMosquitto();
    const { client, received } = await witness(broker.tcpUrl, 'ligne/commande');
    const profile = mkdtempSync(join(tmpdir(), 'dashboard-profile-'));
    const launch = () => playwright.chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL: appUrl });
    const link = kioskLink({ broker: broker.wsUrl, clientId: 'tablette-flush', clean: false });
    let context: BrowserContext = await launch();
    try {
      let page = await context.newPage();
      await page.goto(link);
      await expect(status(page)).toContainText('Connected');
      await broker.kill();
      await expect(status(page)).toContainText('Reconnecting');
      const payloads = numbered('q', 200);
      const problems = await page.evaluate(async (all) => {
        // The same entry point as the composer's Send button; typing 200 commands would only slow the test.
        type Dashboard = { service?: { sendCommand(command: object): Promise<string | null> } };
        const service = (document.querySelector('mqtt-dashboard') as unknown as Dashboard | null)?.service;
        const refused: Array<string | null | undefined> = [];
        for (const payload of all) refused.push(await service?.sendCommand({ topic: 'ligne/commande', payload, qos: 2, retain: false }));
        return refused.filter((problem) => problem !== null);
      }, payloads);
      expect(problems).toEqual([]);
      await expect(pending(page)).toHaveText('200 pending');

      const interrupted: string[] = [];
      await broker.restart();
      await expect.poll(() => received.length, { intervals: [10], timeout: 30_000 }).toBeGreaterThanOrEqual(30);
      interrupted.push(`reload at ${received.length}`);
      await page.reload();
      await expect.poll(() => received.length, { intervals: [10], timeout: 30_000 }).toBeGreaterThanOrEqual(90);
      interrupted.push(`browser killed at ${received.length}`);
      await context.close();
      context = await launch();
      page = await context.newPage();
      await page.goto(link);
      await expect.poll(() => received.length, { intervals: [10], timeout: 30_000 }).toBeGreaterThanOrEqual(150);
      interrupted.push(`reload at ${received.length}`);
      await page.reload();

      await expect.poll(() => received, { timeout: 30_000 }).toEqual(payloads);
      await expect(pending(page)).toHaveText('0 pending');
      testInfo.annotations.push({ type: 'interruptions', description: interrupted.join(', ') });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await client.endAsync(true);
      await broker.stop();
    }
  });

  test('two tabs send while the broker flaps: one connection owner, no duplicate, no loss', async ({ context, mosquitto }) => {
    const { client, received } = await witness(mosquitto.tcpUrl, 'atelier/#');
    const link = kioskLink({ broker: mosquitto.wsUrl, clientId: 'tablette-double', clean: false });
    const first = await context.newPage();
    await first.goto(link);
    await expect(status(first)).toContainText('Connected');
    const second = await context.newPage();
    await second.goto(link);
    await expect(status(second)).toContainText('viewing: another tab holds this client id');
    try {
      for (let index = 1; index <= 10; index++) {
        if (index === 4 || index === 8) await mosquitto.restart();
        // QoS 2 end to end (the witness subscribes at 2), so any duplicate would be a real one.
        await typeCommand(first, 'atelier/a', `a${index}`, 2);
        await typeCommand(second, 'atelier/b', `b${index}`, 2);
      }
      await expect.poll(() => received.filter((payload) => payload.startsWith('a')), { timeout: 30_000 }).toEqual(numbered('a', 10));
      await expect.poll(() => received.filter((payload) => payload.startsWith('b')), { timeout: 30_000 }).toEqual(numbered('b', 10));
      expect(received).toHaveLength(20);
      await expect(pending(second)).toHaveText('0 pending');
      await expect(outbox(second).getByRole('listitem', { name: 'atelier/a a10' })).toContainText('delivered');
      expect(mosquitto.log()).not.toContain('already connected, closing old connection');
    } finally {
      await client.endAsync(true);
    }
  });

  test('a publish refused by the ACL is failed with the reason, and the commands after it still go', async ({ page }) => {
    const broker = await startMosquitto({ denied: ['interdit/#'] });
    const { client, received } = await witness(broker.tcpUrl, 'atelier/#');
    try {
      await page.goto(kioskLink({ broker: broker.wsUrl, clientId: 'tablette-acl', clean: false }));
      await expect(status(page)).toContainText('Connected');
      await typeCommand(page, 'interdit/porte', 'ouvrir', 1);
      await typeCommand(page, 'atelier/commande', 'après', 1);
      await expect(outbox(page).getByRole('listitem', { name: 'interdit/porte ouvrir' })).toContainText('failed: not authorized');
      await expect(outbox(page).getByRole('listitem', { name: 'atelier/commande après' })).toContainText('delivered');
      await expect.poll(() => received).toEqual(['après']);
      await outbox(page).getByRole('button', { name: 'Retry interdit/porte ouvrir' }).click();
      await expect(outbox(page).getByRole('listitem', { name: 'interdit/porte ouvrir' })).toContainText('failed: not authorized');
    } finally {
      await client.endAsync(true);
      await broker.stop();
    }
  });

  test('where the protocol gives no refusal (QoS 0, or MQTT 3.1.1), a command dropped by the ACL is not called delivered', async ({ page }) => {
    const broker = await startMosquitto({ denied: ['interdit/#'] });
    try {
      await page.goto(kioskLink({ broker: broker.wsUrl, clientId: 'tablette-acl-311', v: '4' }));
      await expect(status(page)).toContainText('Connected');
      await typeCommand(page, 'interdit/porte', 'ouvrir', 1);
      await typeCommand(page, 'interdit/porte', 'fermer', 0);
      for (const [name, words] of [
        ['interdit/porte ouvrir', 'acknowledged (at least once; MQTT 3.1.1 does not say whether the broker let it through) · QoS 1'],
        ['interdit/porte fermer', 'sent (this broker does not confirm delivery) · QoS 0'],
      ] as const) {
        await expect(outbox(page).getByRole('listitem', { name })).toContainText(words);
        await expect(outbox(page).getByRole('listitem', { name })).not.toContainText('delivered');
      }
    } finally {
      await broker.stop();
    }
  });

  test('bad commands are refused before anything is stored, and what was typed stays', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
    await expect(status(page)).toContainText('Connected');
    const composer = page.locator('command-composer');
    await composer.getByLabel('Topic', { exact: true }).fill('moteur/+/commande');
    await composer.getByLabel('Payload', { exact: true }).fill('start');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer.getByRole('alert')).toContainText('cannot contain the wildcards');
    await expect(composer.getByLabel('Payload', { exact: true })).toHaveValue('start');
    await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
    await composer.getByLabel('Payload', { exact: true }).fill('x'.repeat(300 * 1024));
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer.getByRole('alert')).toContainText('The payload is 300.0 KiB, more than the limit for commands: 256.0 KiB. Shorten it.');
    await expect(pending(page)).toHaveText('0 pending');
    await expect(outbox(page)).toContainText('No commands yet');
  });

  test('a queued command can be cancelled; a saved quick command is sent with one tap', async ({ page, mosquitto }) => {
    const { client, received } = await witness(mosquitto.tcpUrl, 'moteur/commande');
    try {
      await page.goto(kioskLink({ broker: mosquitto.wsUrl, clientId: 'tablette-quick' }));
      await expect(status(page)).toContainText('Connected');
      await page.getByRole('button', { name: 'Disconnect' }).click();
      await typeCommand(page, 'moteur/commande', 'stop', 1);
      await outbox(page).getByRole('button', { name: 'Cancel moteur/commande stop' }).click();
      await expect(outbox(page).getByRole('listitem', { name: 'moteur/commande stop' })).toContainText('cancelled');
      await page.locator('command-composer').getByLabel('Payload', { exact: true }).fill('start');
      await page.getByRole('button', { name: 'Save as quick command' }).click();
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(status(page)).toContainText('Connected');
      await page.locator('command-composer').getByRole('button', { name: 'moteur/commande → start' }).click();
      await expect.poll(() => received).toEqual(['start']);
      await expect(outbox(page).getByRole('listitem', { name: 'moteur/commande stop' })).toContainText('cancelled');
    } finally {
      await client.endAsync(true);
    }
  });
});
