import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';

const view = (page: Page, name: 'Values' | 'Message log' | 'Topic tree') =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
const log = (page: Page) => page.getByRole('region', { name: 'Message log' });
const logRows = (page: Page) => log(page).getByRole('list', { name: 'Messages, newest first' }).getByRole('button');
const tree = (page: Page) => page.getByRole('region', { name: 'Topic tree' });

async function openAndPublish(page: Page, brokerWs: string, brokerTcp: string) {
  const device = await connectDevice(brokerTcp, { protocolVersion: 5 });
  await device.publishAsync('usine/ligne-1/pression', '2.5', { qos: 1, retain: true }); // on the broker before the dashboard subscribes
  await page.goto(kioskLink({ broker: brokerWs, subs: ['usine/#'], qos: 1, presence: false }));
  await expect(page.getByRole('listitem', { name: 'usine/#' })).toContainText('granted QoS 1');
  await device.publishAsync('usine/ligne-2/pression', '3.1', { qos: 0 });
  await device.publishAsync('usine/ligne-1/état', '{"marche":true,"vitesse":12}', { qos: 1 });
  await device.publishAsync('usine/image', Buffer.from([0x00, 0x01, 0x02, 0xff]), { qos: 1 });
  await expect(page.getByRole('status', { name: 'Traffic' })).toContainText('4 messages · 4 topics');
  return device;
}

test.describe('History: message log, charts, topic tree', () => {
  test('the log lists messages with their flags, filters them, pauses and resumes, and opens a payload', async ({ page, mosquitto }) => {
    const device = await openAndPublish(page, mosquitto.wsUrl, mosquitto.tcpUrl);
    await view(page, 'Message log');
    await expect(logRows(page)).toHaveCount(4);
    // Newest first, with QoS and flags (R: sent from the broker's retained store).
    await expect(logRows(page).nth(0)).toContainText('usine/image');
    await expect(logRows(page).nth(0)).toContainText('QoS 1');
    await expect(logRows(page).nth(2)).toContainText('usine/ligne-2/pression');
    await expect(logRows(page).nth(2)).toContainText('QoS 0');
    await expect(logRows(page).nth(3)).toContainText('usine/ligne-1/pression');
    await expect(logRows(page).nth(3)).toContainText('QoS 1 R');
    await expect(logRows(page).nth(0)).not.toContainText('R');

    await log(page).getByLabel('Topic filter').fill('usine/+/pression');
    await expect(logRows(page)).toHaveCount(2);
    await log(page).getByLabel('Topic filter').fill('usine/#/pression');
    await expect(log(page).getByRole('alert')).toContainText('#');
    await log(page).getByLabel('Topic filter').fill('');
    await log(page).getByLabel('Text').fill('MARCHE');
    await expect(logRows(page)).toHaveCount(1);
    await log(page).getByLabel('Text').fill('');

    // Pause freezes the view while counting goes on; Resume catches up.
    await log(page).getByRole('button', { name: 'Pause' }).click();
    for (let i = 0; i < 5; i++) await device.publishAsync('usine/compteur', String(i), { qos: 1 });
    await expect(log(page).getByRole('status')).toContainText('Paused: 5 new messages since');
    await expect(logRows(page)).toHaveCount(4);
    await log(page).getByRole('button', { name: 'Resume' }).click();
    await expect(logRows(page)).toHaveCount(9);

    // The payload viewer: pretty JSON, and hex for binary.
    await logRows(page).filter({ hasText: 'usine/ligne-1/état' }).click();
    const viewer = log(page).getByRole('region', { name: 'Payload viewer' });
    await expect(viewer.locator('pre')).toHaveText('{\n  "marche": true,\n  "vitesse": 12\n}');
    await logRows(page).filter({ hasText: 'usine/image' }).click();
    await expect(viewer.getByRole('button', { name: 'Hex' })).toBeVisible();
    await expect(viewer.locator('pre')).toHaveText('00 01 02 ff');
  });

  test('a numeric topic draws a chart of the published points, with min, max, average and a CSV export', async ({ page, mosquitto }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const device = await openAndPublish(page, mosquitto.wsUrl, mosquitto.tcpUrl);
    const values = [12, 15, 11, 18, 14, 16];
    for (const value of values) await device.publishAsync('usine/ligne-1/débit', JSON.stringify({ value, unit: 'L/min' }), { qos: 1 });
    const flow = tile(page, 'usine/ligne-1/débit');
    await expect(flow).toContainText('16');
    await expect(flow.getByRole('img', { name: 'Recent trend' })).toBeVisible();
    await flow.locator('button.open').click();
    const chart = page.getByRole('figure', { name: 'Chart of usine/ligne-1/débit' });
    await expect(chart.getByRole('status')).toHaveText('6 points · min 11 L/min · max 18 L/min · average 14 L/min');
    await expect(chart.locator('canvas')).toBeVisible();
    await testInfo.attach('chart.png', { body: await page.screenshot(), contentType: 'image/png' });

    const download = page.waitForEvent('download');
    await chart.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time,usine/ligne-1/débit');
    expect(lines.slice(1).map((line) => Number(line.split(',')[1]))).toEqual(values);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,12$/);
  });

  test('the topic tree shows nested topics with counts; a branch can be subscribed to or pinned', async ({ page, mosquitto }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const device = await openAndPublish(page, mosquitto.wsUrl, mosquitto.tcpUrl);
    for (let i = 0; i < 3; i++) await device.publishAsync('usine/ligne-1/pression', String(2.5 + i / 10), { qos: 1 });
    await expect(page.getByRole('status', { name: 'Traffic' })).toContainText('7 messages · 4 topics');
    await view(page, 'Topic tree');
    const usine = tree(page).getByRole('listitem', { name: 'usine', exact: true });
    await expect(usine).toContainText('7 msgs · 4 topics');
    await usine.getByRole('button', { name: 'Expand usine' }).click();
    const ligne1 = tree(page).getByRole('listitem', { name: 'usine/ligne-1', exact: true });
    await expect(ligne1).toContainText('5 msgs · 2 topics');
    await ligne1.getByRole('button', { name: 'Expand usine/ligne-1' }).click();
    const pression = tree(page).getByRole('listitem', { name: 'usine/ligne-1/pression', exact: true });
    await expect(pression).toContainText('4 msgs');
    await expect(pression).toContainText('2.7');
    await tree(page).getByLabel('Search').fill('image');
    await expect(tree(page).getByRole('listitem')).toHaveCount(2); // usine, usine/image
    await tree(page).getByLabel('Search').fill('');

    await pression.getByRole('button', { name: /^pression/ }).click();
    await expect(tree(page).getByRole('article', { name: 'usine/ligne-1/pression' })).toContainText('2.7');
    await testInfo.attach('tree.png', { body: await page.screenshot(), contentType: 'image/png' });
    if (process.env['UPDATE_DOCS'] === '1') await page.screenshot({ path: 'docs/tree.png' });

    await ligne1.getByRole('button', { name: /^ligne-1/ }).click();
    await tree(page).getByRole('button', { name: 'Subscribe to usine/ligne-1/#' }).click();
    await expect(page.getByRole('listitem', { name: 'usine/ligne-1/#' })).toContainText('granted QoS 1');
    await tree(page).getByRole('button', { name: 'Pin usine/ligne-1/# to the dashboard' }).click();
    await view(page, 'Values');
    const pinned = page.getByRole('region', { name: 'Pinned values' });
    await expect(pinned.getByRole('article')).toHaveCount(2);
    await expect(pinned.getByRole('article', { name: 'usine/ligne-1/pression' })).toBeVisible();
  });

  test('10,000 messages on 10,000 topics: the log and the tree draw only the rows in view', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['masse/#'], qos: 0, presence: false }));
    await expect(page.getByRole('listitem', { name: 'masse/#' })).toContainText('granted QoS 0');
    const device = await connectDevice(mosquitto.tcpUrl);
    for (let i = 0; i < 10_000; i++) device.publish(`masse/${Math.floor(i / 100)}/${i}`, String(i));
    await expect(page.getByRole('status', { name: 'Traffic' })).toContainText(/^10,000 messages · 10,000 topics/, { timeout: 30_000 });
    await expect(page.getByText('9760 more topics are not drawn here')).toBeVisible();
    await expect(status(page)).toContainText('Connected');

    await view(page, 'Message log');
    await expect(log(page).getByRole('status')).toContainText('10,000 shown');
    expect(await logRows(page).count()).toBeLessThan(60);
    await log(page).locator('.rows').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(logRows(page).last()).toContainText('masse/0/0');
    expect(await logRows(page).count()).toBeLessThan(60);

    await view(page, 'Topic tree');
    const masse = tree(page).getByRole('listitem', { name: 'masse', exact: true });
    await expect(masse).toContainText('10,000 msgs · 10,000 topics');
    await masse.getByRole('button', { name: 'Expand masse' }).click();
    await tree(page).getByRole('listitem', { name: 'masse/0', exact: true }).getByRole('button', { name: 'Expand masse/0' }).click();
    await expect(tree(page).getByRole('listitem', { name: 'masse/0/0', exact: true })).toContainText('1 msg');
    await tree(page).locator('.rows').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(tree(page).getByRole('listitem').last()).toHaveAccessibleName('masse/99');
    expect(await tree(page).getByRole('listitem').count()).toBeLessThan(60);
  });
});
