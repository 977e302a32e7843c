/**
 * The axe-core sweep on every main screen, at every screen size, in both themes and both languages: no
 * violation at all of the WCAG 2.0/2.1/2.2 A and AA rules. A failure names the screen, the rule and the
 * elements. The screens: the values with a device offline and (after a Disconnect) stale values, a tile's
 * detail with its chart, the log with a message open, the tree, the settings drawer, the outbox with a failed
 * command, the connection panel with an error, and a Sparkplug node's card.
 */
import { SCREENS } from '../support/screen-sizes';
import { startSimulatedEdgeNode } from '../../dev/simulated-edge-node';
import { axeViolations } from '../support/axe';
import { connectDevice } from '../support/devices';
import { startMosquitto } from '../support/mosquitto';
import { expect, kioskLink, presenceOf, status, test, tile, type Page } from '../support/fixtures';

const WORDS = {
  en: { connected: 'Connected', log: 'Message log', tree: 'Topic tree', values: 'Values', close: 'Close', disconnect: 'Disconnect', connect: 'Connect', url: 'Broker URL', failed: 'failed: not authorized', offline: 'offline', settings: 'Settings' },
  fr: { connected: 'Connecté', log: 'Journal des messages', tree: 'Arborescence', values: 'Valeurs', close: 'Fermer', disconnect: 'Se déconnecter', connect: 'Se connecter', url: 'URL du broker', failed: 'échec : non autorisé', offline: 'hors ligne', settings: 'Réglages' },
} as const;

/** The settings, opened from ☰ where they are folded into a drawer. */
async function openSettingsIn(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole('button', { name, exact: true });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(page.locator('command-composer')).toBeVisible();
}

for (const lang of ['en', 'fr'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`no axe violation on any screen, ${lang}, ${scheme}`, async ({ page }) => {
      test.setTimeout(240_000);
      const words = WORDS[lang];
      const broker = await startMosquitto({ denied: ['interdit/#'] });
      const edge = startSimulatedEdgeNode(broker.tcpUrl);
      const violations: string[] = [];
      try {
        const device = await connectDevice(broker.tcpUrl);
        await device.publishAsync('moteur/status', 'online', { retain: true, qos: 1 });
        await device.publishAsync('moteur/température', JSON.stringify({ value: 65.3, unit: '°C' }), { retain: true, qos: 1 });
        await device.publishAsync('moteur/état', 'en marche', { retain: true, qos: 1 });
        await device.publishAsync('capteur/status', 'offline', { retain: true, qos: 1 });
        await device.publishAsync('capteur/humidité', '48.5', { retain: true, qos: 1 });
        const publishing = setInterval(() => void device.publishAsync('moteur/température', JSON.stringify({ value: 60 + Math.random() * 10, unit: '°C' })), 500);
        await page.emulateMedia({ colorScheme: scheme });
        for (const screen of SCREENS) {
          const at = `${screen.name} ${lang} ${scheme}`;
          await page.setViewportSize(screen.viewport);
          await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['#'], qos: 1, lang }));
          await expect(status(page)).toContainText(words.connected);
          await expect(presenceOf(page, 'capteur')).toHaveText(words.offline);
          await expect(presenceOf(page, 'Usine1/Ligne1')).not.toHaveText(/^$/);
          await expect(tile(page, 'spBv1.0/Usine1/Ligne1/Four/Température')).toBeVisible();
          violations.push(...(await axeViolations(page, `values with a device offline and a Sparkplug node, ${at}`)));

          await tile(page, 'moteur/température').locator('button.open').click();
          const detail = page.locator('topic-messages dialog');
          await expect(detail.locator('topic-chart canvas')).toBeVisible();
          violations.push(...(await axeViolations(page, `a tile's detail with its chart, ${at}`)));
          await page.keyboard.press('Escape');
          await expect(detail).toHaveCount(0);

          await page.getByRole('button', { name: words.log }).click();
          await page.locator('log-row').first().getByRole('button').click();
          await expect(page.locator('payload-viewer')).toBeVisible();
          violations.push(...(await axeViolations(page, `the log with a message open, ${at}`)));

          await page.getByRole('button', { name: words.tree }).click();
          await page.locator('topic-tree-view li button.name').first().click();
          violations.push(...(await axeViolations(page, `the topic tree with a topic selected, ${at}`)));
          await page.getByRole('button', { name: words.values, exact: true }).click();

          await openSettingsIn(page, words.settings);
          await page.locator('command-composer').getByRole('textbox').first().fill('interdit/porte');
          await page.locator('command-composer').locator('textarea[name=payload]').fill('ouvrir');
          await page.locator('command-composer').locator('button[type=submit]').click();
          await expect(page.locator('outbox-row', { hasText: 'interdit/porte' }).first()).toContainText(words.failed);
          // Every section open: connection, presence, display and layout, the composer's MQTT 5 options.
          const closed = page.locator('aside details:not([open]) > summary');
          while ((await closed.count()) > 0) await closed.first().click();
          violations.push(...(await axeViolations(page, `the settings with the outbox holding a failed command, ${at}`)));

          await page.keyboard.press('Escape'); // the drawer covers the header on a phone
          await page.locator('connection-status').getByRole('button', { name: words.disconnect }).click();
          await expect(tile(page, 'moteur/température')).toContainText('⚠');
          const connection = page.locator('connection-panel');
          await connection.getByLabel(words.url).fill('http://127.0.0.1:1');
          await connection.locator('button[type=submit].primary').click();
          await expect(connection.getByRole('alert')).not.toBeEmpty();
          // One scan for both: the settings come back beside (or above) the values once disconnected.
          violations.push(...(await axeViolations(page, `stale values and the connection panel with an error, ${at}`)));
        }
        clearInterval(publishing);
      } finally {
        await edge.stop();
        await broker.stop();
      }
      expect(violations, violations.join('\n')).toEqual([]);
    });
  }
}
