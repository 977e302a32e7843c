/**
 * On a phone, everything a finger taps is at least 44×44 CSS pixels (a checkbox counts with its label):
 * on the values, the settings with every section open, the log, the tree and a tile's detail.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, status, test, tile } from '../support/fixtures';
import { smallTargets } from '../support/touch-targets';

test('every control on a phone is at least 44×44', async ({ page, mosquitto }) => {
  const device = await connectDevice(mosquitto.tcpUrl);
  await device.publishAsync('moteur/status', 'online', { retain: true, qos: 1 });
  await device.publishAsync('moteur/température', JSON.stringify({ value: 65.3, unit: '°C' }), { retain: true, qos: 1 });
  await device.publishAsync('usine/ligne-1/débit', '12', { retain: true, qos: 1 });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'] }));
  await expect(status(page)).toContainText('Connected');
  await expect(tile(page, 'moteur/température')).toBeVisible();
  const found: string[] = [];
  found.push(...(await smallTargets(page)).map((target) => `values: ${target}`));

  await tile(page, 'moteur/température').locator('button.open').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  found.push(...(await smallTargets(page)).map((target) => `tile detail: ${target}`));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Message log' }).click();
  await expect(page.locator('log-row').first()).toBeVisible();
  found.push(...(await smallTargets(page)).map((target) => `log: ${target}`));
  await page.getByRole('button', { name: 'Topic tree' }).click();
  await page.getByRole('button', { name: 'Expand usine' }).click();
  found.push(...(await smallTargets(page)).map((target) => `tree: ${target}`));
  await page.getByRole('button', { name: 'Values', exact: true }).click();

  await openSettings(page);
  const closed = page.locator('aside details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
  found.push(...(await smallTargets(page)).map((target) => `settings: ${target}`));
  expect(found).toEqual([]);
});
