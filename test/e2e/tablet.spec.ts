import type { Page } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, status, test, tile } from '../support/fixtures';
import { smallTargets } from '../support/touch-targets';

/** How far the page scrolls sideways (0 when it fits the screen's width). */
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const SCREENS = [
  { name: 'tablet-portrait', viewport: { width: 768, height: 1024 }, touch: true },
  { name: 'tablet-landscape', viewport: { width: 1280, height: 800 }, touch: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, touch: true },
] as const;

for (const screen of SCREENS) {
  test.describe(`on a ${screen.name} screen (${screen.viewport.width}×${screen.viewport.height})`, () => {
    test.use({ viewport: screen.viewport, hasTouch: screen.touch, isMobile: screen.touch });

    test('fits the width, has targets a finger can hit, and works by tap', async ({ page, mosquitto }, testInfo) => {
      const moteur = await connectDevice(mosquitto.tcpUrl, {
        clientId: 'moteur',
        will: { topic: 'moteur/status', payload: Buffer.from('offline'), qos: 1, retain: true },
      });
      await moteur.publishAsync('moteur/status', 'online', { qos: 1, retain: true });
      await moteur.publishAsync('moteur/température', '{"value": 71.5, "unit": "°C"}', { qos: 1, retain: true });
      await moteur.publishAsync('moteur/vitesse', '1480', { qos: 1, retain: true });
      await moteur.publishAsync('usine/ligne-2/pression/sortie-compresseur-principal', '6.25', { qos: 1, retain: true });
      await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'usine/#'], qos: 1 }));
      await expect(status(page)).toContainText('Connected');
      await expect(tile(page, 'moteur/température')).toContainText('71.5 °C');
      await expect(tile(page, 'usine/ligne-2/pression/sortie-compresseur-principal')).toContainText('6.25');

      // Values readable from arm's length.
      const valueSize = await tile(page, 'moteur/vitesse').locator('.value').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(valueSize).toBeGreaterThanOrEqual(28);

      await page.screenshot({ path: testInfo.outputPath(`${screen.name}.png`), fullPage: false });

      const press = (locator: ReturnType<Page['locator']>) => (screen.touch ? locator.tap() : locator.click());
      // The main actions, by tap (touch screens) or click.
      await press(tile(page, 'moteur/vitesse').locator('button.open'));
      const history = page.getByRole('dialog', { name: 'History of moteur/vitesse' });
      await expect(history).toContainText('1480');
      expect(await horizontalOverflow(page)).toBe(0);
      await press(history.getByRole('button', { name: 'Close' }));
      await expect(history).toBeHidden();

      await press(page.getByRole('button', { name: 'Message log' }));
      await expect(page.getByRole('region', { name: 'Message log' })).toContainText('moteur/vitesse');
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await smallTargets(page)).toEqual([]);
      await press(page.getByRole('button', { name: 'Topic tree' }));
      await expect(page.getByRole('region', { name: 'Topic tree' })).toBeVisible();
      expect(await horizontalOverflow(page)).toBe(0);
      await press(page.getByRole('button', { name: 'Values', exact: true }));

      // Every settings panel unfolded (in the drawer, once connected, on the smaller screens): still no
      // sideways scrolling, still 44 px targets.
      await openSettings(page);
      const folded = page.locator('aside details:not([open]) > summary');
      while ((await folded.count()) > 0) await press(folded.first());
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await smallTargets(page)).toEqual([]);

      const commands: string[] = [];
      await moteur.subscribeAsync('moteur/commande', { qos: 1 });
      moteur.on('message', (topic, payload) => commands.push(`${topic} ${payload.toString()}`));
      const composer = page.locator('command-composer');
      await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
      await composer.getByLabel('Payload', { exact: true }).fill('start');
      await press(composer.getByRole('button', { name: 'Send', exact: true }));
      await expect.poll(() => commands).toEqual(['moteur/commande start']);
    });
  });
}
