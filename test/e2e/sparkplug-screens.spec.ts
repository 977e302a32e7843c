/**
 * The Sparkplug B view of `npm start`'s edge node, at every screen size and in both themes: the node and
 * its devices as cards, metrics by name with units, a DataSet as a table, the write form. With
 * UPDATE_DOCS=1 (npm run screenshot) these are the README's Sparkplug screenshots.
 */
import { SCREENS } from '../support/screen-sizes';
import { startSimulatedEdgeNode } from '../../dev/simulated-edge-node';
import { device, expect, kioskLink, presenceOf, status, test, tile } from '../support/fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`the Sparkplug view reads well at every size in the ${scheme} theme`, async ({ page, mosquitto }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize(SCREENS[0].viewport);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['spBv1.0/#'], qos: 1 }));
    await expect(page.getByRole('listitem', { name: 'spBv1.0/#' })).toContainText('granted QoS 1');
    const edge = startSimulatedEdgeNode(mosquitto.tcpUrl);
    try {
      await expect(status(page)).toContainText('Connected');
      for (const id of ['Usine1/Ligne1', 'Usine1/Ligne1/Presse', 'Usine1/Ligne1/Four']) await expect(presenceOf(page, id)).toHaveText('online');
      await expect(tile(page, 'spBv1.0/Usine1/Ligne1/Four/Température')).toContainText('°C');
      for (const screen of SCREENS) {
        await page.setViewportSize(screen.viewport);
        await expect(device(page, 'Usine1/Ligne1')).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
        const shot = await page.screenshot({ path: testInfo.outputPath(`sparkplug-${screen.name}-${scheme}.png`), fullPage: true });
        await testInfo.attach(`sparkplug-${screen.name}-${scheme}.png`, { body: shot, contentType: 'image/png' });
        if (process.env['UPDATE_DOCS'] === '1' && screen.name === 'tablet-landscape') await page.screenshot({ path: `docs/sparkplug-${scheme}.png` });
      }

      // A DataSet as a table, and the write form, on the landscape tablet.
      await page.setViewportSize({ width: 1024, height: 768 });
      const lots = 'spBv1.0/Usine1/Ligne1/Derniers lots';
      await expect(tile(page, lots)).toContainText('3 rows × 3 columns');
      await tile(page, lots).locator('button.open').click();
      const table = page.getByRole('table', { name: 'DataSet' });
      await expect(table).toContainText('L-2293');
      await expect(table.getByRole('columnheader', { name: 'Pièces Int64' })).toBeVisible();
      await page.keyboard.press('Escape');
      const setpoint = 'spBv1.0/Usine1/Ligne1/Four/Consigne';
      await tile(page, setpoint).locator('button.open').click();
      const detail = page.getByRole('dialog', { name: `History of ${setpoint}` });
      await expect(detail.getByLabel('New value (Double)')).toBeVisible();
      await expect(detail.getByRole('figure').getByRole('status')).toContainText(/\d+ points? · min/);
      const dialogShot = await page.screenshot({ path: testInfo.outputPath(`sparkplug-write-${scheme}.png`) });
      await testInfo.attach(`sparkplug-write-${scheme}.png`, { body: dialogShot, contentType: 'image/png' });
      if (process.env['UPDATE_DOCS'] === '1') await page.screenshot({ path: `docs/sparkplug-write-${scheme}.png` });
    } finally {
      await edge.stop();
    }
  });
}
