import { startSimulatedDevices } from '../../dev/simulated-devices';
import { connectDevice } from '../support/devices';
import { device, expect, kioskLink, presenceOf, status, test, tile } from '../support/fixtures';

test.describe('npm start: the dev broker with its simulated devices', () => {
  test('shows live simulated data, presence and the effect of a command', async ({ page, aedes }, testInfo) => {
    const devices = startSimulatedDevices(aedes.tcpUrl, { outage: { everyMs: 4000, forMs: 2500 } });
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1 }));
      await expect(status(page)).toContainText('Connected');
      const temperature = tile(page, 'moteur/température');
      await expect(temperature).toContainText(/\d+(\.\d)? °C/);
      await expect(tile(page, 'moteur/status')).toContainText('online');
      for (const id of ['moteur', 'pompe']) await expect(presenceOf(page, id)).toHaveText('online');
      await expect(device(page, 'moteur').getByRole('article', { name: 'moteur/température' })).toBeVisible();
      // capteur drops off now and then (here every 4 s, for 2.5 s): its Will shows, then it is back.
      await expect(presenceOf(page, 'capteur')).toHaveText('offline');
      await expect(presenceOf(page, 'capteur')).toHaveText('online');
      await expect(tile(page, 'pompe/débit')).toContainText('L/min');
      await expect(tile(page, 'moteur/état')).toContainText('en marche');

      // Values keep moving: the temperature's arrival time changes every second.
      const first = await temperature.locator('.age').getAttribute('title');
      await expect(async () => expect(await temperature.locator('.age').getAttribute('title')).not.toBe(first)).toPass();

      const technician = await connectDevice(aedes.tcpUrl);
      await technician.publishAsync('moteur/commande', 'stop', { qos: 1 });
      await expect(tile(page, 'moteur/état')).toContainText('arrêté');
      await expect(tile(page, 'moteur/dernière-commande')).toContainText('ok: stop');
      await technician.publishAsync('moteur/commande', 'start', { qos: 1 });
      await expect(tile(page, 'moteur/état')).toContainText('en marche');

      // A quick command saved in the composer shows on its device's card; a tap asks, Send sends it (MQTT 3.1.1 here).
      const composer = page.locator('command-composer');
      await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
      await composer.getByLabel('Payload', { exact: true }).fill('stop');
      await composer.getByRole('button', { name: 'Save as quick command' }).click();
      await device(page, 'moteur').getByRole('group', { name: 'Quick commands for moteur' }).getByRole('button', { name: 'moteur/commande → stop' }).click();
      await device(page, 'moteur').getByRole('group', { name: 'Confirm the command' }).getByRole('button', { name: 'Send' }).click();
      await expect(tile(page, 'moteur/état')).toContainText('arrêté');
      await expect(tile(page, 'moteur/dernière-commande')).toContainText('ok: stop');
      await composer.getByLabel('Payload', { exact: true }).fill('start');
      await composer.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(tile(page, 'moteur/état')).toContainText('en marche');

      const shot = await page.screenshot();
      await testInfo.attach('dashboard.png', { body: shot, contentType: 'image/png' });
    } finally {
      await devices.stop();
    }
  });
});
