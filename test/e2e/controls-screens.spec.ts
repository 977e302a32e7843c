/**
 * The controls of `npm start`'s simulated devices on every screen size, light and dark, in English and
 * French: nothing sideways, every control on its device's card, and no axe violation (the cards, a
 * question before sending, the control's editor). With UPDATE_DOCS=1 (npm run screenshot) these are the
 * README's *Controls* pictures.
 */
import { SCREENS } from '../support/screen-sizes';
import { startSimulatedDevices } from '../../dev/simulated-devices';
import { demoControls } from '../../dev/demo-controls';
import { importControls } from '../support/controls';
import { axeViolations } from '../support/axe';
import { expect, kioskLink, status, test } from '../support/fixtures';

for (const lang of ['en', 'fr'] as const) {
  test.describe(lang === 'en' ? 'in English' : 'in French', () => {
    test.use({ locale: lang === 'en' ? 'en-GB' : 'fr-FR' });
    for (const scheme of ['light', 'dark'] as const) {
      test(`controls read well on every screen, ${scheme}`, async ({ page, aedes }, testInfo) => {
        test.setTimeout(120_000);
        const devices = startSimulatedDevices(aedes.tcpUrl);
        const violations: string[] = [];
        try {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width: 1280, height: 800 });
          await page.goto(`${kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1 })}&lang=en`);
          await expect(status(page)).toContainText('Connected');
          await importControls(page, demoControls());
          for (const screen of SCREENS) {
            await page.setViewportSize(screen.viewport);
            await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1, lang }));
            await expect(status(page)).toContainText(lang === 'en' ? 'Connected' : 'Connecté');
            const pump = page.getByRole('region', { name: 'Pompe', exact: true });
            await expect(pump.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
            await expect(page.getByRole('region', { name: 'Consigne moteur', exact: true }).getByRole('slider')).toBeVisible();
            violations.push(...(await axeViolations(page, `controls, ${screen.name} ${lang} ${scheme}`)));
            // The motor's switch asks first: the question, in place.
            const motor = page.getByRole('region', { name: 'Moteur', exact: true });
            await motor.getByRole('switch').click();
            await expect(motor.getByRole('group')).toBeVisible();
            await motor.scrollIntoViewIfNeeded();
            expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
            const name = `controls-${screen.name}-${scheme}${lang === 'fr' ? '-fr' : ''}.png`;
            const shot = await page.screenshot({ path: testInfo.outputPath(name) });
            await testInfo.attach(name, { body: shot, contentType: 'image/png' });
            if (process.env['UPDATE_DOCS'] === '1' && /tablet-landscape|phone/.test(screen.name)) await page.screenshot({ path: `docs/${name}` });
            violations.push(...(await axeViolations(page, `a control's question before sending, ${screen.name} ${lang} ${scheme}`)));
            await motor.getByRole('group').getByRole('button').last().click(); // Cancel
            await motor.getByRole('button', { name: /Moteur$/ }).click(); // ✎: the control's editor
            await expect(page.getByRole('dialog')).toBeVisible();
            violations.push(...(await axeViolations(page, `a control's editor, ${screen.name} ${lang} ${scheme}`)));
            await page.keyboard.press('Escape');
          }
          expect(violations).toEqual([]);
        } finally {
          await devices.stop();
        }
      });
    }
  });
}
