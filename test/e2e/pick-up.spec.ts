/**
 * The screen a technician picks up: the attention strip says what needs attention and leads to it, the
 * order of cards and tiles means something and stays still, and the smaller things seen on the way (the
 * pending count opens the outbox, the status details close and say why the link dropped, a reply after a
 * reconnect is live, other dashboards' presence is folded away, the traffic counter stays).
 */
import type { Locator } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, presenceOf, status, test, tile, typeCommand, type Page } from '../support/fixtures';

const strip = (page: Page) => page.getByRole('group', { name: 'Needs attention' });

/** The device cards' names, top to bottom. */
const cardOrder = (page: Page) => page.locator('value-grid').locator('device-card').evaluateAll((cards) => cards.map((card) => card.shadowRoot?.querySelector('section')?.getAttribute('aria-label') ?? ''));

const topOf = async (locator: Locator) => (await locator.boundingBox())?.y ?? Number.NaN;

test('a device going offline is counted in the strip, its card comes first, and the count leads to it', async ({ page, mosquitto }) => {
  const devices = await connectDevice(mosquitto.tcpUrl);
  for (const id of ['Usine1', 'capteur', 'moteur', 'pompe']) {
    await devices.publishAsync(`${id}/status`, 'online', { retain: true, qos: 1 });
    await devices.publishAsync(`${id}/valeur`, '1', { retain: true, qos: 1 });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1 }));
  await expect(strip(page)).toContainText('All devices online');
  // By name, whatever the case: capteur before Usine1.
  await expect.poll(() => cardOrder(page)).toEqual(['capteur', 'moteur', 'pompe', 'Usine1']);

  await devices.publishAsync('pompe/status', 'offline', { retain: true, qos: 1 });
  await expect(presenceOf(page, 'pompe')).toHaveText('offline');
  const offline = strip(page).getByRole('button', { name: '1 device offline' });
  await expect(offline).toBeVisible();
  await expect(strip(page)).not.toContainText('All devices online');
  await expect.poll(() => cardOrder(page)).toEqual(['pompe', 'capteur', 'moteur', 'Usine1']);
  await offline.click();
  await expect(page.locator('device-card:focus')).toHaveCount(1);
  expect(await page.locator('device-card:focus').evaluate((card) => card.shadowRoot?.querySelector('section')?.getAttribute('aria-label'))).toBe('pompe');

  await devices.publishAsync('pompe/status', 'online', { retain: true, qos: 1 });
  await expect(strip(page)).toContainText('All devices online');
  await expect.poll(() => cardOrder(page)).toEqual(['capteur', 'moteur', 'pompe', 'Usine1']);
});

test('a burst of new topics and a late device do not move the tiles before them; they go last, and can be sorted in', async ({ page, mosquitto }) => {
  const devices = await connectDevice(mosquitto.tcpUrl);
  await devices.publishAsync('moteur/status', 'online', { retain: true, qos: 1 });
  for (const name of ['température', 'vitesse', 'état']) await devices.publishAsync(`moteur/${name}`, '1', { retain: true, qos: 1 });
  await devices.publishAsync('pompe/status', 'online', { retain: true, qos: 1 });
  await devices.publishAsync('pompe/débit', '12', { retain: true, qos: 1 });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1 }));
  await expect(tile(page, 'pompe/débit')).toBeVisible();
  // Once the screen has filled (the order settles 2 s after the first values), a new topic goes last.
  const sortIn = strip(page).getByRole('button', { name: /^Sort in \d+ new topics? or devices?$/ });
  let tries = 0;
  await expect
    .poll(async () => {
      await devices.publishAsync(`pompe/essai-${++tries}`, '1', { qos: 1 });
      return sortIn.count();
    })
    .toBe(1);
  const watched = ['moteur/température', 'moteur/vitesse', 'moteur/état', 'moteur/status'];
  const before = await Promise.all(watched.map((topic) => topOf(tile(page, topic))));
  // A burst of new topics, some of which sort before the others by name, and a device born late (its name sorts first).
  for (const name of ['arrêt', 'alarme', 'commande', 'dernière-commande']) await devices.publishAsync(`moteur/${name}`, '0', { qos: 1 });
  await devices.publishAsync('Aération/status', 'online', { retain: true, qos: 1 });
  await devices.publishAsync('Aération/vitesse', '3', { retain: true, qos: 1 });
  await expect(tile(page, 'moteur/dernière-commande')).toBeVisible();
  await expect(tile(page, 'Aération/vitesse')).toBeVisible();
  const after = await Promise.all(watched.map((topic) => topOf(tile(page, topic))));
  expect(after).toEqual(before);
  // The new ones are at the end of their group: the tiles of moteur, then the cards.
  const moteurTiles = await page.getByRole('region', { name: 'moteur', exact: true }).getByRole('article').evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('aria-label')));
  // (in the order they came: those of one frame by name)
  expect([...moteurTiles.slice(-4)].sort()).toEqual(['moteur/alarme', 'moteur/arrêt', 'moteur/commande', 'moteur/dernière-commande']);
  expect(await cardOrder(page)).toEqual(['moteur', 'pompe', 'Aération']);
  // One row at every width: on a phone the strip scrolls sideways, the page does not.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect((await strip(page).boundingBox())?.height).toBeLessThan(60);
  await page.setViewportSize({ width: 1024, height: 768 });

  await sortIn.click();
  await expect(sortIn).toHaveCount(0);
  await expect.poll(() => cardOrder(page)).toEqual(['Aération', 'moteur', 'pompe']);
  const moteur = page.getByRole('region', { name: 'moteur', exact: true }).getByRole('article');
  await expect.poll(async () => (await moteur.evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('aria-label')))).slice(0, 2)).toEqual(['moteur/alarme', 'moteur/arrêt']);
});

test('the pending count opens the outbox; the status details close with Escape or a tap outside and say why the link dropped', async ({ page, mosquitto }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  // The traffic counter stays in the header at 1024 px, shortened.
  await expect(page.getByRole('status', { name: 'Traffic' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Traffic' })).toHaveText(/topics · \d+\/s/);

  await mosquitto.kill('SIGKILL');
  await expect(status(page)).toContainText('Reconnecting');
  await openSettings(page);
  await typeCommand(page, 'moteur/commande', 'stop', 1);
  await page.keyboard.press('Escape'); // the drawer closes
  const pending = page.getByRole('status', { name: 'Pending commands' }).getByRole('button', { name: '1 pending' });
  await expect(pending).toBeVisible();
  await expect(strip(page).getByRole('button', { name: '1 command pending' })).toBeVisible();
  await pending.click();
  const outboxTitle = page.locator('outbox-panel').getByRole('heading', { name: 'Outbox' });
  await expect(outboxTitle).toBeFocused();
  await expect(outboxTitle).toBeInViewport();
  await page.keyboard.press('Escape');

  await mosquitto.restart();
  await expect(status(page)).toContainText('Connected', { timeout: 30_000 });
  const details = page.locator('connection-details');
  await page.getByRole('button', { name: 'Status details' }).click();
  await expect(details).toContainText('Last drop');
  await expect(details).toContainText('Connection lost.');
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Status details' })).toBeFocused();
  await page.getByRole('button', { name: 'Status details' }).click();
  await expect(details).toBeVisible();
  await page.mouse.click(700, 600); // anywhere on the page outside the status
  await expect(details).toHaveCount(0);
});

test('a reply to a command sent from the outbox after a reconnect is live; what the broker kept is marked', async ({ page, mosquitto }) => {
  const motor = await connectDevice(mosquitto.tcpUrl);
  await motor.subscribeAsync('moteur/commande', { qos: 1 });
  motor.on('message', (topic, payload) => {
    if (topic === 'moteur/commande') void motor.publishAsync('moteur/dernière-commande', payload.toString(), { qos: 1 });
  });
  const link = kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, clientId: 'tablette-reprise', clean: false });
  await page.goto(link);
  await expect(status(page)).toContainText('Connected');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(status(page)).toContainText('Disconnected');
  await motor.publishAsync('moteur/température', '71', { qos: 1 }); // kept by the broker for the session
  await typeCommand(page, 'moteur/commande', 'start', 1);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(status(page)).toContainText('session present');
  await expect(tile(page, 'moteur/température')).toContainText('received while away');
  const reply = tile(page, 'moteur/dernière-commande');
  await expect(reply).toContainText('start');
  await expect(reply).not.toContainText('received while away');
});

test('this dashboard’s and other dashboards’ presence are folded under Dashboards, not among the topics', async ({ page, mosquitto }) => {
  const other = await connectDevice(mosquitto.tcpUrl);
  await other.publishAsync('dashboard/tablette-atelier/status', 'online', { retain: true, qos: 1 });
  await other.publishAsync('moteur/vitesse', '1200', { retain: true, qos: 1 });
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-bureau' }));
  await expect(tile(page, 'moteur/vitesse')).toBeVisible();
  const dashboards = page.locator('value-grid details', { hasText: 'Dashboards' });
  await expect(dashboards.locator('summary')).toHaveText('Dashboards (2)');
  await expect(tile(page, 'dashboard/tablette-atelier/status')).toBeHidden();
  await dashboards.locator('summary').click();
  await expect(tile(page, 'dashboard/tablette-atelier/status')).toBeVisible();
  await expect(tile(page, 'dashboard/tablette-bureau/status')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Values' }).or(page.locator('section[aria-label="Values"]'))).not.toContainText('dashboard/');
});
