/**
 * French for a French browser, English otherwise; `lang=` in a link and the Language setting override it and
 * are kept; numbers, times and refusals in the screen's language; a switch keeps the connection and values.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, presenceOf, status, test, tile } from '../support/fixtures';

test.describe('a French browser', () => {
  test.use({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });

  test('gets French words, 65,3 °C and 24-hour times', async ({ page, mosquitto }) => {
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('moteur/status', 'online', { retain: true, qos: 1 });
    await device.publishAsync('moteur/température', JSON.stringify({ value: 65.3, unit: '°C' }), { retain: true, qos: 1 });
    await device.publishAsync('moteur/vitesse', '1200', { retain: true, qos: 1 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1 }));
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr-FR');
    await expect(status(page)).toContainText('Connecté');
    await expect(page.locator('connection-status')).toContainText(`à ${mosquitto.wsUrl}`);
    await expect(page.getByRole('button', { name: 'Valeurs', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Journal des messages' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Arborescence' })).toBeVisible();
    await expect(presenceOf(page, 'moteur')).toHaveText('en ligne');
    const temperature = tile(page, 'moteur/température');
    // A decimal comma and a narrow no-break space before the unit; an integer as sent.
    await expect(temperature.locator('.value')).toHaveText('65,3\u202f°C');
    await expect(tile(page, 'moteur/vitesse').locator('.value')).toHaveText('1200');
    await expect(temperature).toContainText('conservé');
    // (An accessible name's spaces are all plain spaces.)
    await expect(temperature.locator('button.open')).toHaveAccessibleName(/^température, 65,3 °C, conservé, (à l’instant|il y a \d+ s)$/);
    await expect(page.locator('device-card').first()).toContainText(/depuis \d{2}:\d{2}:\d{2}/);
    await expect(page.getByText(/\d (AM|PM)\b/)).toHaveCount(0);
  });

  test('refuses a bad topic filter and a bad broker in French', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
    await expect(status(page)).toContainText('Connecté');
    await openSettings(page);
    const subscriptions = page.locator('subscription-panel');
    await subscriptions.getByLabel('Filtre de topic').fill('a/#/b');
    await subscriptions.getByRole('button', { name: 'S’abonner' }).click();
    await expect(subscriptions.getByRole('alert')).toHaveText('« # » doit être seul dans le dernier niveau du filtre (par exemple moteur/#).');

    const connection = page.locator('connection-panel');
    await page.locator('connection-status').getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(status(page)).toContainText('Déconnecté');
    await connection.getByLabel('URL du broker').fill('http://127.0.0.1:1');
    await connection.getByRole('button', { name: 'Se connecter' }).click();
    await expect(connection.getByRole('alert')).toContainText('URL du broker incorrecte « http://127.0.0.1:1 » : un navigateur ne joint un broker MQTT que par WebSocket');
    await expect(status(page)).toContainText('Non connecté');
  });
});

test('an English browser gets English; lang=fr in a link gives French, kept after a reload', async ({ page, mosquitto }) => {
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'] }));
  await expect(status(page)).toContainText('Connected');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], lang: 'fr' }));
  await expect(status(page)).toContainText('Connecté');
  await page.goto('/');
  await expect(status(page)).toContainText('Connecté');
  await expect(page.getByRole('button', { name: 'Valeurs', exact: true })).toBeVisible();
});

test.describe('a French browser with lang=en', () => {
  test.use({ locale: 'fr-FR' });

  test('gets English, and the Language setting switches to French without a reload, keeping the connection and the values', async ({ page, mosquitto }) => {
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('pompe/pression', '2.5', { retain: true, qos: 1 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], lang: 'en' }));
    await expect(status(page)).toContainText('Connected');
    await expect(tile(page, 'pompe/pression').locator('.value')).toHaveText('2.5');
    // No reload: the page keeps a mark that a reload would lose.
    await page.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));
    await openSettings(page);
    const language = page.locator('layout-panel');
    await language.getByText('Display and layout').click();
    await language.getByLabel('Language').selectOption('fr');
    await expect(status(page)).toContainText('Connecté');
    await expect(tile(page, 'pompe/pression').locator('.value')).toHaveText('2,5');
    await device.publishAsync('pompe/pression', '2.75', { qos: 1 });
    await expect(tile(page, 'pompe/pression').locator('.value')).toHaveText('2,75');
    expect(await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
    await expect(language.getByLabel('Langue')).toHaveValue('fr');
    // Automatic follows this French browser, and stays French when the dashboard is opened again (without lang=).
    await language.getByLabel('Langue').selectOption('auto');
    await page.goto('/');
    await expect(status(page)).toContainText('Connecté');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr-FR');
  });
});
