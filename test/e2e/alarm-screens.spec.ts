/**
 * The alarm screens at every size, in both themes and both languages: the values with alarms raised (the
 * strip, the header, the tiles' marks), the alarm list with its history, the acknowledge dialog and the
 * editor. No axe violation, nothing sideways. With UPDATE_DOCS=1 (npm run screenshot), the README's pictures.
 */
import { SCREENS } from '../support/screen-sizes';
import { axeViolations } from '../support/axe';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openTileSettings, status, test, tile } from '../support/fixtures';

const WORDS = {
  en: { connected: 'Connected', alarms: 'Alarms', acknowledge: 'Acknowledge', dialog: 'Acknowledge 1 alarm', cancel: 'Cancel', toAcknowledge: 'alarms to acknowledge' },
  fr: { connected: 'Connecté', alarms: 'Alarmes', acknowledge: 'Acquitter', dialog: 'Acquitter 1 alarme', cancel: 'Annuler', toAcknowledge: 'alarmes à acquitter' },
} as const;

for (const lang of ['en', 'fr'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the alarm screens read well and pass axe at every size, ${lang}, ${scheme}`, async ({ page, mosquitto }, testInfo) => {
      test.setTimeout(180_000);
      const words = WORDS[lang];
      const moteur = await connectDevice(mosquitto.tcpUrl);
      await moteur.publishAsync('moteur/status', 'online', { qos: 1, retain: true });
      await moteur.publishAsync('moteur/température', JSON.stringify({ value: 68.4, unit: '°C' }), { qos: 1, retain: true });
      await moteur.publishAsync('pompe/état', 'marche', { qos: 1, retain: true });
      // Motion reduced: the frames of unacknowledged alarms stay drawn (they flash otherwise), for steady pictures.
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'pompe/#'], qos: 1, lang: 'en', clientId: 'tablette-atelier' }));
      await expect(status(page)).toContainText('Connected');
      await expect(tile(page, 'pompe/état')).toContainText('marche');
      for (const [topic, kind, limit, priority, message] of [
        ['moteur/température', 'High limit', '75', '◆ Urgent', 'Température moteur trop haute'],
        ['pompe/état', 'Text equals', '', '▲ High', 'Pompe en défaut'],
      ] as const) {
        await (await openTileSettings(page, topic)).getByRole('button', { name: 'Add an alarm' }).click();
        const editor = page.getByRole('dialog', { name: 'Add an alarm' });
        await editor.getByLabel('Kind').selectOption({ label: kind });
        if (limit) await editor.getByLabel('Limit', { exact: true }).fill(limit);
        else await editor.getByLabel('Text', { exact: true }).fill('défaut');
        await editor.getByLabel('Priority').selectOption({ label: priority });
        await editor.getByLabel('Message').fill(message);
        if (scheme === 'light' && lang === 'en' && limit) {
          const violations = await axeViolations(page, 'the alarm editor');
          expect(violations).toEqual([]);
          if (process.env['UPDATE_DOCS'] === '1') await page.screenshot({ path: 'docs/alarm-editor-light.png' });
        }
        await editor.getByRole('button', { name: 'Save the alarm' }).click();
        await expect(editor).toBeHidden();
      }
      await moteur.publishAsync('moteur/température', JSON.stringify({ value: 81.2, unit: '°C' }), { qos: 1, retain: true });
      await moteur.publishAsync('pompe/état', 'défaut', { qos: 1, retain: true });
      await expect(page.locator('header alarm-summary')).toContainText('2 alarms to acknowledge');

      const violations: string[] = [];
      for (const screen of SCREENS) {
        const at = `${screen.name} ${lang} ${scheme}`;
        await page.setViewportSize(screen.viewport);
        await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'pompe/#'], qos: 1, lang, clientId: 'tablette-atelier' }));
        await expect(status(page)).toContainText(words.connected);
        await expect(page.locator('attention-strip alarm-summary')).toContainText(words.toAcknowledge);
        const header = await page.getByRole('banner').boundingBox();
        expect(header?.height ?? 0, at).toBeLessThanOrEqual(screen.viewport.height * 0.15);
        await expect(tile(page, 'moteur/température').locator('alarm-mark span')).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), at).toBe(0);
        violations.push(...(await axeViolations(page, `values with alarms, ${at}`)));
        const values = await page.screenshot({ path: testInfo.outputPath(`alarm-values-${screen.name}-${lang}-${scheme}.png`) });
        await testInfo.attach(`alarm-values-${at}.png`, { body: values, contentType: 'image/png' });
        const forDocs = process.env['UPDATE_DOCS'] === '1' && (screen.name === 'tablet-landscape' || screen.name === 'phone');
        if (forDocs && lang === 'en') await page.screenshot({ path: `docs/alarms-values-${screen.name}-${scheme}.png` });

        await page.locator('attention-strip alarm-summary').getByRole('button').first().click();
        const list = page.locator('alarm-view');
        await expect(list.getByRole('heading', { name: words.alarms, exact: true })).toBeVisible();
        await expect(page.locator('alarm-history tbody tr').first()).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), at).toBe(0);
        violations.push(...(await axeViolations(page, `the alarm list and history, ${at}`)));
        const shot = await page.screenshot({ path: testInfo.outputPath(`alarm-list-${screen.name}-${lang}-${scheme}.png`), fullPage: true });
        await testInfo.attach(`alarm-list-${at}.png`, { body: shot, contentType: 'image/png' });
        if (forDocs) await page.screenshot({ path: `docs/alarms-list-${screen.name}-${lang}-${scheme}.png`, fullPage: true });

        await list.getByRole('button', { name: words.acknowledge, exact: true }).first().click();
        const dialog = page.getByRole('dialog', { name: words.dialog });
        await expect(dialog).toBeVisible();
        violations.push(...(await axeViolations(page, `the acknowledge dialog, ${at}`)));
        await dialog.getByRole('button', { name: words.cancel }).click();
        await expect(dialog).toBeHidden();
      }
      expect(violations).toEqual([]);
    });
  }
}
