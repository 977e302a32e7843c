/**
 * Brokers that refuse, scripted on purpose (test/support/scripted-broker.ts): a refusal that means "not
 * now" is tried again with the usual backoff, so a kiosk recovers by itself; one that means "not you" is
 * not hammered, and says what to change.
 */
import { expect, kioskLink, status, test, tile } from '../support/fixtures';
import { startScriptedBroker, type ScriptedBroker } from '../support/scripted-broker';

let broker: ScriptedBroker | null = null;

test.afterEach(async () => {
  await broker?.close();
  broker = null;
});

test.describe('a broker that refuses the connection', () => {
  for (const { name, code, v, words } of [
    { name: 'server busy (MQTT 5, 0x89)', code: 0x89, v: '5' as const, words: 'the server is busy' },
    { name: 'connection rate exceeded (MQTT 5, 0x9F)', code: 0x9f, v: '5' as const, words: 'connection rate exceeded' },
    { name: 'quota exceeded (MQTT 5, 0x97)', code: 0x97, v: '5' as const, words: 'quota exceeded' },
    { name: 'server unavailable (MQTT 3.1.1, code 3)', code: 3, v: '4' as const, words: 'the server is unavailable' },
  ]) {
    test(`${name}, then accepting: the dashboard says so, tries again by itself and connects`, async ({ page }) => {
      const scripted = await startScriptedBroker((attempt) => (attempt <= 2 ? code : 0));
      broker = scripted;
      await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['moteur/#'], qos: 1, v }));
      await expect(status(page)).toContainText(`Connection refused: ${words}. The dashboard tries again by itself.`);
      await expect(status(page)).toContainText('Reconnecting');
      await expect(status(page)).toContainText('Connected', { timeout: 20_000 });
      expect(scripted.connects).toHaveLength(3);
      // The attempts were spaced by the backoff, not fired back to back.
      const [first, , third] = scripted.connects;
      expect((third?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
      scripted.publish('moteur/vitesse', '1480');
      await expect(tile(page, 'moteur/vitesse')).toContainText('1480');
    });
  }

  for (const { name, code, v, words } of [
    { name: 'bad user name or password (MQTT 5, 0x86)', code: 0x86, v: '5' as const, words: 'bad user name or password' },
    { name: 'not authorized (MQTT 3.1.1, code 5)', code: 5, v: '4' as const, words: 'not authorized' },
    { name: 'banned (MQTT 5, 0x8A)', code: 0x8a, v: '5' as const, words: 'banned' },
  ]) {
    test(`${name}: the dashboard stops, says why, and does not try again`, async ({ page }) => {
      const scripted = await startScriptedBroker(() => code);
      broker = scripted;
      await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['moteur/#'], qos: 1, v }));
      await expect(status(page)).toContainText(`Not connected Connection refused: ${words}.`);
      // No attempt is planned: no countdown, and the broker saw one CONNECT only.
      await expect(status(page)).not.toContainText('Reconnecting');
      expect(scripted.connects).toHaveLength(1);
    });
  }
});

test.describe('a remembered password', () => {
  let other: ScriptedBroker | null = null;
  test.afterEach(async () => {
    await other?.close();
    other = null;
  });

  test('goes only to the broker it was typed for: a kiosk link to another broker gets no password', async ({ page }) => {
    const typedFor = await startScriptedBroker(() => 0);
    broker = typedFor;
    await page.goto('/');
    await page.getByLabel('Broker URL').fill(typedFor.wsUrl);
    await page.getByLabel('Username').fill('tech');
    await page.getByLabel('Password', { exact: true }).fill('secret');
    await page.getByLabel('Remember password').check();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(status(page)).toContainText('Connected');
    expect(typedFor.connects[0]?.packet.password?.toString()).toBe('secret');
    await page.locator('connection-panel summary').click(); // it folded away once connected
    await expect(page.getByText(`The remembered password is for ${typedFor.wsUrl} only.`)).toBeVisible();

    // A link naming another broker: it is reached without the remembered password.
    const elsewhere = await startScriptedBroker(() => 0);
    other = elsewhere;
    await page.goto(kioskLink({ broker: elsewhere.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    expect(elsewhere.connects[0]?.packet.password).toBeUndefined();
    await page.locator('connection-panel summary').click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page.getByText(`The password given earlier is for ${typedFor.wsUrl}, not this broker`)).toBeVisible();
  });
});
