/**
 * The keyboard alone, from the top of the page: subscribe, open a tile's detail and close it, send a command,
 * reach every view. The focus is always on something visible, with a ring; the detail dialog takes it, keeps
 * it inside, closes with Escape and gives it back to the tile.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';
import { focused, tabUntil } from '../support/keyboard';

test('Tab, Shift+Tab, Enter and Escape do everything a tap does', async ({ page, mosquitto }) => {
  const device = await connectDevice(mosquitto.tcpUrl);
  await device.publishAsync('moteur/température', JSON.stringify({ value: 65.3, unit: '°C' }), { retain: true, qos: 1 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
  await expect(status(page)).toContainText('Connected');

  // Subscribe.
  await tabUntil(page, /^input\[name=filter\]/);
  await page.keyboard.type('moteur/#');
  await tabUntil(page, /^button “Subscribe”/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('granted QoS 1');
  await expect(tile(page, 'moteur/température')).toContainText('65.3');

  // A tile's detail: opened with Enter, the focus inside it, kept inside, back on the tile after Escape.
  await tabUntil(page, /^button “moteur\/température, 65\.3 °C, retained/);
  await page.keyboard.press('Enter');
  const detail = page.getByRole('dialog', { name: 'History of moteur/température' });
  await expect(detail).toBeVisible();
  await expect.poll(async () => (await focused(page))?.inDialog).toBe(true);
  for (let count = 0; count < 12; count++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    // Tab past the dialog's last control goes to the browser's own UI (nothing in the page) or back to its first.
    if (now) expect(now.inDialog, `focus left the open dialog for ${now.description}`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect.poll(async () => (await focused(page))?.description).toMatch(/^button “moteur\/température, 65\.3 °C/);

  // Send a command: back up to the composer with Shift+Tab.
  await tabUntil(page, /^input\[name=topic\]/, 'Shift+Tab');
  await page.keyboard.type('moteur/commande');
  await tabUntil(page, /^textarea\[name=payload\]/);
  await page.keyboard.type('start');
  await tabUntil(page, /^button “Send”/);
  await page.keyboard.press('Enter');
  await expect(page.locator('command-composer').getByRole('status')).toHaveText('Queued in the outbox: moteur/commande → start');

  // Every view.
  await tabUntil(page, /^button “Message log”/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Message log' })).toBeVisible();
  await tabUntil(page, /^button “Topic tree”/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Topic tree' })).toBeVisible();
  await tabUntil(page, /^button “Values”/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(tile(page, 'moteur/température')).toBeVisible();
});

test('on a tablet, the settings drawer takes the focus and gives it back to ☰ with Escape', async ({ page, mosquitto }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
  await expect(status(page)).toContainText('Connected');
  await tabUntil(page, /^button “Settings”/);
  await page.keyboard.press('Enter');
  await expect(page.locator('command-composer')).toBeVisible();
  await expect.poll(async () => (await focused(page))?.description).toBe('button “Close”');
  await tabUntil(page, /^input\[name=filter\]/);
  await page.keyboard.press('Escape');
  await expect(page.locator('command-composer')).toBeHidden();
  await expect.poll(async () => (await focused(page))?.description).toBe('button “Settings”');
});
