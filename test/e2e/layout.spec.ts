import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openTileSettings, status, test, tile } from '../support/fixtures';

const layoutPanel = (page: Page) => page.locator('layout-panel');

async function openLayoutPanel(page: Page): Promise<void> {
  const details = layoutPanel(page).locator('details');
  if ((await details.getAttribute('open')) === null) await layoutPanel(page).getByText('Display and layout').click();
}

/** Exports the layout and returns the file's content, parsed. */
async function exportLayout(page: Page): Promise<{ layout: unknown; profiles: unknown; exportedAt: string }> {
  await openLayoutPanel(page);
  const [download] = await Promise.all([page.waitForEvent('download'), layoutPanel(page).getByRole('button', { name: 'Export layout' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mqtt-dashboard-layout-\d{4}-\d\d-\d\d\.json$/);
  return JSON.parse(await readFile(await download.path(), 'utf8')) as { layout: unknown; profiles: unknown; exportedAt: string };
}

async function importLayout(page: Page, name: string, content: string): Promise<void> {
  await openLayoutPanel(page);
  await layoutPanel(page).getByLabel('Layout file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

async function customize(page: Page, topic: string): Promise<ReturnType<Page['getByRole']>> {
  const dialog = await openTileSettings(page, topic);
  await expect(dialog).toBeVisible();
  return dialog;
}

const pinnedTopics = (page: Page) => page.getByRole('region', { name: 'Pinned values' }).getByRole('article').evaluateAll((tiles) => tiles.map((element) => element.getAttribute('aria-label')));

test.describe('the layout', () => {
  test('is arranged on the tiles, kept across a reload, exported and imported exactly; a bad file changes nothing', async ({ page, mosquitto }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl, { clientId: 'moteur' });
    await moteur.publishAsync('moteur/status', 'online', { qos: 1, retain: true });
    await moteur.publishAsync('moteur/température', '71.456', { qos: 1, retain: true });
    await moteur.publishAsync('moteur/vitesse', '1480', { qos: 1, retain: true });
    await moteur.publishAsync('usine/a', '1', { qos: 1, retain: true });
    await moteur.publishAsync('usine/b', '2', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'usine/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    await expect(tile(page, 'usine/b')).toContainText('2');

    // Unit and decimals.
    let dialog = await customize(page, 'moteur/température');
    await dialog.getByLabel('Unit').fill('°C');
    await dialog.getByLabel('Decimals').selectOption('1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(tile(page, 'moteur/température').locator('.value')).toHaveText('71.5 °C');

    // Pin two tiles, then put the second first.
    dialog = await customize(page, 'moteur/vitesse');
    await dialog.getByRole('button', { name: 'Pin to the dashboard' }).click();
    dialog = await customize(page, 'usine/a');
    await dialog.getByRole('button', { name: 'Pin to the dashboard' }).click();
    await expect.poll(() => pinnedTopics(page)).toEqual(['moteur/vitesse', 'usine/a']);
    await page.getByRole('button', { name: 'Move usine/a earlier' }).click();
    await expect.poll(() => pinnedTopics(page)).toEqual(['usine/a', 'moteur/vitesse']);

    // Hide a tile: gone from the grid, listed under the hidden tiles.
    dialog = await customize(page, 'usine/b');
    await dialog.getByRole('button', { name: 'Hide this tile' }).click();
    await expect(tile(page, 'usine/b')).toHaveCount(0);
    await expect(page.getByText('1 hidden tile')).toBeVisible();

    // Rename the device.
    await page.getByRole('button', { name: 'Rename moteur' }).click();
    await page.getByLabel('Name for moteur').fill('Moteur principal');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Moteur principal' })).toBeVisible();

    // Theme, and a broker profile.
    await openLayoutPanel(page);
    await layoutPanel(page).getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const profiles = page.locator('broker-profiles');
    await page.locator('connection-panel summary').click();
    await profiles.getByLabel('Profile name').fill('Atelier');
    await profiles.getByRole('button', { name: 'Save as profile' }).click();
    await expect(profiles.getByLabel('Broker profile')).toContainText('Atelier');

    const arranged = await exportLayout(page);
    expect(arranged.layout).toEqual({
      pinned: ['usine/a', 'moteur/vitesse'],
      hidden: ['usine/b'],
      tileFormats: [{ topic: 'moteur/température', unit: '°C', decimals: 1 }],
      deviceNames: [{ device: 'moteur', name: 'Moteur principal' }],
      theme: 'dark',
    });
    expect(arranged.profiles).toEqual([
      expect.objectContaining({ name: 'Atelier', brokerUrl: mosquitto.wsUrl, subscriptions: [{ filter: 'moteur/#', qos: 1 }, { filter: 'usine/#', qos: 1 }] }),
    ]);
    expect(JSON.stringify(arranged)).not.toContain('password');

    // Kept across a reload (IndexedDB).
    await page.reload();
    await expect(tile(page, 'moteur/température').locator('.value')).toHaveText('71.5 °C');
    await expect.poll(() => pinnedTopics(page)).toEqual(['usine/a', 'moteur/vitesse']);

    // Undo it all by hand, then import the file: everything comes back exactly.
    await page.getByRole('button', { name: 'Unpin usine/a' }).click();
    await page.getByRole('button', { name: 'Unpin moteur/vitesse' }).click();
    await page.getByText('1 hidden tile').click();
    await page.getByRole('button', { name: 'Show usine/b' }).click();
    await openLayoutPanel(page);
    await layoutPanel(page).getByLabel('Theme').selectOption('light');
    await page.locator('connection-panel summary').click();
    await profiles.getByRole('button', { name: 'Delete' }).click();
    dialog = await customize(page, 'moteur/température');
    await dialog.getByLabel('Unit').fill('');
    await dialog.getByLabel('Decimals').selectOption('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(tile(page, 'moteur/température').locator('.value')).toHaveText('71.456');
    const undone = await exportLayout(page);
    expect(undone.layout).toEqual({ pinned: [], hidden: [], tileFormats: [], deviceNames: [{ device: 'moteur', name: 'Moteur principal' }], theme: 'light' });

    await importLayout(page, 'layout.json', JSON.stringify(arranged));
    await expect(layoutPanel(page).getByRole('status')).toContainText('Layout imported from layout.json: 2 pinned, 1 hidden, 1 broker profiles.');
    const restored = await exportLayout(page);
    expect({ layout: restored.layout, profiles: restored.profiles }).toEqual({ layout: arranged.layout, profiles: arranged.profiles });
    await expect(tile(page, 'moteur/température').locator('.value')).toHaveText('71.5 °C');
    await expect.poll(() => pinnedTopics(page)).toEqual(['usine/a', 'moteur/vitesse']);
    await expect(tile(page, 'usine/b')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    // Bad files: refused in words, nothing changed.
    await importLayout(page, 'notes.txt', 'pinned: moteur/#');
    await expect(layoutPanel(page).getByRole('alert')).toContainText('notes.txt: This file is not JSON');
    const wrongDecimals = structuredClone(arranged) as { layout: { tileFormats: Array<{ decimals: unknown }> } };
    (wrongDecimals.layout.tileFormats[0] as { decimals: unknown }).decimals = 42;
    await importLayout(page, 'broken.json', JSON.stringify(wrongDecimals));
    await expect(layoutPanel(page).getByRole('alert')).toHaveText(
      'broken.json: layout.tileFormats[0].decimals must be null or a whole number from 0 to 10. Nothing was changed.',
    );
    const badFilter = structuredClone(arranged) as { layout: { pinned: string[] } };
    badFilter.layout.pinned = ['usine/#/a'];
    await importLayout(page, 'filter.json', JSON.stringify(badFilter));
    await expect(layoutPanel(page).getByRole('alert')).toContainText('filter.json: layout.pinned[0] (usine/#/a):');
    await importLayout(page, 'other.json', JSON.stringify({ hello: 'world' }));
    await expect(layoutPanel(page).getByRole('alert')).toContainText('This is not a layout exported by MQTT Dashboard');
    const after = await exportLayout(page);
    expect({ layout: after.layout, profiles: after.profiles }).toEqual({ layout: arranged.layout, profiles: arranged.profiles });
  });
});
