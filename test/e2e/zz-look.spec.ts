import { SCREENS } from '../support/screen-sizes';
import { startSimulatedDevices } from '../../dev/simulated-devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';
test.use({ locale: 'fr-FR' });
test('look', async ({ page, aedes }) => {
  const devices = startSimulatedDevices(aedes.tcpUrl);
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const screen of SCREENS) {
        await page.setViewportSize(screen.viewport);
        await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1 }));
        await expect(status(page)).toContainText('Connecté');
        await expect(tile(page, 'moteur/température')).toContainText('°C');
        await page.waitForTimeout(1500);
        await page.screenshot({ path: `/tmp/look/${screen.name}-${scheme}.png` });
      }
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await tile(page, 'moteur/température').locator('button.open').click();
    await page.waitForTimeout(4000);
    await page.screenshot({ path: `/tmp/look/chart.png` });
  } finally { await devices.stop(); }
});
