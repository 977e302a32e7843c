/**
 * Every screen size and both themes on the `npm start` setup (the dev broker and its simulated devices):
 * nothing sideways, the header in its place, the values in view. With UPDATE_DOCS=1 (npm run screenshot)
 * these are the README's screenshots.
 */
import { SCREENS } from '../support/screen-sizes';
import { startSimulatedDevices } from '../../dev/simulated-devices';
import { expect, kioskLink, presenceOf, status, test, tile } from '../support/fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen size reads well in the ${scheme} theme`, async ({ page, aedes }, testInfo) => {
    const devices = startSimulatedDevices(aedes.tcpUrl);
    try {
      await page.emulateMedia({ colorScheme: scheme });
      for (const screen of SCREENS) {
        await page.setViewportSize(screen.viewport);
        await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1 }));
        await expect(status(page)).toContainText('Connected');
        for (const id of ['moteur', 'pompe']) await expect(presenceOf(page, id)).toHaveText('online');
        await expect(tile(page, 'moteur/température')).toContainText('°C');
        await expect(tile(page, 'moteur/température').getByRole('img', { name: 'Recent trend' })).toBeVisible();
        // Right after a reload the persistent session's catch-up shows; live values replace it within a second or two.
        await expect(page.getByText('received while away')).toHaveCount(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
        const header = await page.getByRole('banner').boundingBox();
        expect(header?.height ?? 0).toBeLessThanOrEqual(screen.viewport.height * 0.15);
        const shot = await page.screenshot({ path: testInfo.outputPath(`${screen.name}-${scheme}.png`) });
        await testInfo.attach(`${screen.name}-${scheme}.png`, { body: shot, contentType: 'image/png' });
        if (process.env['UPDATE_DOCS'] === '1') await page.screenshot({ path: `docs/${screen.name}-${scheme}.png` });
      }

      // The chart, as a technician opens it on the landscape tablet.
      await page.setViewportSize({ width: 1024, height: 768 });
      await tile(page, 'moteur/température').click();
      const chart = page.getByRole('figure', { name: 'Chart of moteur/température' });
      await expect(chart.locator('canvas')).toBeVisible();
      await expect(chart.getByRole('status')).toContainText(/min [\d.]+ °C/);
      if (process.env['UPDATE_DOCS'] === '1') {
        // A README picture wants a line with some history to it: the devices publish once a second.
        await expect(chart.getByRole('status')).toContainText(/^\s*\d{2,} points/, { timeout: 20_000 });
        await page.screenshot({ path: `docs/chart-${scheme}.png` });
      }
    } finally {
      await devices.stop();
    }
  });
}

/** The same screens in French (longer words): nothing sideways, the header in its place. */
test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });
  for (const scheme of ['light', 'dark'] as const) {
    test(`every screen size reads well in French, ${scheme}`, async ({ page, aedes }, testInfo) => {
      const devices = startSimulatedDevices(aedes.tcpUrl);
      try {
        await page.emulateMedia({ colorScheme: scheme });
        for (const screen of SCREENS) {
          await page.setViewportSize(screen.viewport);
          await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1 }));
          await expect(status(page)).toContainText('Connecté');
          for (const id of ['moteur', 'pompe']) await expect(presenceOf(page, id)).toHaveText('en ligne');
          await expect(tile(page, 'moteur/température')).toContainText(/\d,\d\s°C/);
          await expect(page.getByText('reçu pendant l’absence')).toHaveCount(0);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
          const header = await page.getByRole('banner').boundingBox();
          expect(header?.height ?? 0).toBeLessThanOrEqual(screen.viewport.height * 0.15);
          const shot = await page.screenshot({ path: testInfo.outputPath(`${screen.name}-${scheme}-fr.png`) });
          await testInfo.attach(`${screen.name}-${scheme}-fr.png`, { body: shot, contentType: 'image/png' });
          if (process.env['UPDATE_DOCS'] === '1') await page.screenshot({ path: `docs/${screen.name}-${scheme}-fr.png` });
        }
      } finally {
        await devices.stop();
      }
    });
  }
});
