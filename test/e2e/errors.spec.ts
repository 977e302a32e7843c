import { startMosquitto } from '../support/mosquitto';
import { freePort } from '../support/ports';
import { expect, kioskLink, status, test } from '../support/fixtures';

test.describe('errors say what happened and what to do', () => {
  test('an invalid topic filter is refused inline and nothing is subscribed', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, presence: false }));
    await expect(status(page)).toContainText('Connected');
    const filter = page.getByLabel('Topic filter');
    for (const [bad, message] of [
      ['moteur/#/x', '“#” must be alone in the last level'],
      ['usine/ligne+/pression', '“+” must fill a whole level'],
      ['', 'The topic filter is empty'],
    ]) {
      await filter.fill(bad as string);
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await expect(page.locator('subscription-panel').getByRole('alert')).toContainText(message as string);
    }
    await expect(filter).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('list', { name: 'Active subscriptions' }).getByRole('listitem')).toHaveCount(0);
    await filter.fill('moteur/#');
    await expect(page.locator('subscription-panel').getByRole('alert')).toHaveText('');
  });

  test('a subscription refused by Mosquitto’s ACL is shown as refused, with the reason', async ({ page }) => {
    const broker = await startMosquitto({ denied: ['secret/#'] });
    try {
      await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['public/#', 'secret/#'], qos: 1 }));
      await expect(page.getByRole('listitem', { name: 'public/#' })).toContainText('granted QoS 1');
      await expect(page.getByRole('listitem', { name: 'secret/#' })).toContainText('refused: not authorized');
    } finally {
      await broker.stop();
    }
  });

  test('a subscription refused over MQTT 3.1.1 says the broker gave no reason', async ({ page }) => {
    const broker = await startMosquitto({ denied: ['secret/#'] });
    try {
      await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['secret/#'], v: '4' }));
      await expect(status(page)).toContainText('MQTT 3.1.1');
      await expect(page.getByRole('listitem', { name: 'secret/#' })).toContainText('refused by the broker');
    } finally {
      await broker.stop();
    }
  });

  test('a broker that cannot be reached says so, and connects once it is there', async ({ page }) => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    await page.goto(kioskLink({ broker: url }));
    await expect(status(page)).toContainText(`Cannot reach ${url}`);
    await expect(status(page)).toContainText(/Reconnecting in \d+ s/);
    await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
    const broker = await startMosquitto({ wsPort: port });
    try {
      await expect(status(page)).toContainText(`Connected to ${url} · MQTT 5`);
    } finally {
      await broker.stop();
    }
  });

  test('a bad broker URL is refused before anything is sent', async ({ page, mosquitto }) => {
    await page.goto('/');
    const url = page.getByLabel('Broker URL');
    await url.fill(`http://127.0.0.1:${mosquitto.wsPort}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(status(page)).toContainText('Bad broker URL');
    await expect(status(page)).toContainText('must start with ws:// or wss://');
    await url.fill('not a url');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(status(page)).toContainText('it is not a URL');
    await url.fill(mosquitto.wsUrl);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(status(page)).toContainText('Connected');
  });

  test('a refused login shows the broker’s reason, and the right password connects', async ({ page }) => {
    const broker = await startMosquitto({ users: { technicien: 'bon-mot-de-passe' } });
    try {
      await page.goto('/');
      await page.getByLabel('Broker URL').fill(broker.wsUrl);
      await page.getByLabel('Username').fill('technicien');
      await page.getByLabel('Password', { exact: true }).fill('mauvais');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(status(page)).toContainText(/Connection refused: (not authorized|bad user name or password)/);
      await page.getByLabel('Password', { exact: true }).fill('bon-mot-de-passe');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(status(page)).toContainText('Connected');
    } finally {
      await broker.stop();
    }
  });
});
