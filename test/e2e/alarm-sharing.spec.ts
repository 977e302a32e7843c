/**
 * Alarm states shared between two dashboards (two browsers, each its own storage and client id) through a
 * real Mosquitto, hostile states on the shared topics, and states that survive the browser being killed.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, status, test, tile, type Page } from '../support/fixtures';
import { startMosquitto } from '../support/mosquitto';

const hot = { id: 'moteur-chaud', kind: 'high', topic: 'moteur/température', limit: 75, deadband: 2, priority: 'urgent', message: 'Température moteur trop haute' };

/** SIGKILL to every process whose command line holds `marker` (read from /proc: no shutdown, no flush). */
function killProcesses(marker: string): void {
  let killed = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (!command.includes(marker)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      killed++;
    } catch {
      /* gone meanwhile */
    }
  }
  if (killed === 0) throw new Error(`no process to kill with ${marker}`);
}

function layoutWith(alarmSharing: { enabled: boolean; prefix: string } | null): string {
  const layout = { pinned: [], hidden: [], tileFormats: [], deviceNames: [], theme: 'system', alarms: [hot], ...(alarmSharing ? { alarmSharing } : {}) };
  return JSON.stringify({ format: 'mqtt-dashboard-layout', version: 1, exportedAt: new Date().toISOString(), layout, profiles: [] });
}

async function importLayout(page: Page, content: string): Promise<void> {
  const panel = page.locator('layout-panel');
  await openSettings(page);
  if ((await panel.locator('details').getAttribute('open')) === null) await panel.getByText('Display and layout').click();
  await panel.getByLabel('Layout file').setInputFiles({ name: 'usine.json', mimeType: 'application/json', buffer: Buffer.from(content) });
}

/** Settings → Alarms, opened. */
async function alarmSettings(page: Page) {
  await openSettings(page);
  const panel = page.locator('alarm-settings');
  if ((await panel.locator('details').getAttribute('open')) === null) await panel.getByText('Alarms', { exact: true }).click();
  return panel;
}

async function nameDashboard(page: Page, name: string): Promise<void> {
  const field = (await alarmSettings(page)).getByLabel('Name of this dashboard (who acknowledges)');
  await field.fill(name);
  await field.press('Enter');
  await field.blur();
}

const summary = (page: Page) => page.locator('header alarm-summary').getByRole('button').first();
const alarmRow = (page: Page) => page.getByRole('list', { name: 'Alarm list' }).getByRole('listitem').filter({ hasText: hot.message });
const historyRows = (page: Page) => page.locator('alarm-history tbody tr');

async function openAlarms(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Alarms' }).click();
  await expect(page.locator('alarm-view').getByRole('heading', { name: 'Alarms', exact: true })).toBeVisible();
}

test.describe('alarms shared between dashboards', () => {
  test('an acknowledgement and a shelf on one tablet apply on the other within a second; the alarm is not doubled; hostile states are ignored with a log entry', async ({ browser, mosquitto, appUrl }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl);
    await moteur.publishAsync('moteur/température', '60', { qos: 1, retain: true });
    const contexts = [await browser.newContext({ baseURL: appUrl }), await browser.newContext({ baseURL: appUrl })];
    try {
      const [a, b] = await Promise.all(contexts.map((context) => context.newPage())) as [Page, Page];
      for (const [page, clientId] of [[a, 'tablette-a'], [b, 'tablette-b']] as const) {
        await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, clientId }));
        await expect(status(page)).toContainText('Connected');
        await expect(tile(page, 'moteur/température')).toContainText('60');
      }
      // A from its settings, B from the layout file A's team exported.
      await importLayout(a, layoutWith(null));
      const settingsA = await alarmSettings(a);
      await settingsA.getByLabel('Topic prefix').fill('usine/#');
      await settingsA.getByLabel('Topic prefix').press('Enter');
      await expect(settingsA.getByRole('alert')).toHaveText('The prefix must be a topic without + or #.');
      await settingsA.getByLabel('Topic prefix').fill('usine');
      await settingsA.getByLabel('Topic prefix').press('Enter');
      await settingsA.getByRole('checkbox', { name: 'Share alarm states through the broker' }).check();
      await expect(settingsA).toContainText('published, retained, on usine/alarms/<alarm id>');
      await nameDashboard(a, 'Tablette A');
      await importLayout(b, layoutWith({ enabled: true, prefix: 'usine' }));
      await nameDashboard(b, 'Tablette B');
      await expect(b.locator('subscription-panel')).toContainText('usine/alarms/+');
      await expect(b.locator('subscription-panel')).toContainText('for shared alarms');

      await moteur.publishAsync('moteur/température', '80', { qos: 1, retain: true });
      for (const page of [a, b]) {
        await expect(summary(page)).toContainText('1 alarm to acknowledge');
        await openAlarms(page);
        await expect(alarmRow(page)).toContainText('Active, not acknowledged');
      }

      await alarmRow(a).getByRole('button', { name: 'Acknowledge' }).click();
      const dialog = a.getByRole('dialog', { name: 'Acknowledge 1 alarm' });
      await dialog.getByLabel('Comment (optional)').fill('vanne ouverte');
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      const acknowledgedAt = Date.now();
      await expect(alarmRow(b)).toContainText('Active, acknowledged', { timeout: Math.max(1, 1000 - (Date.now() - acknowledgedAt)) });
      const tookMs = Date.now() - acknowledgedAt;
      test.info().annotations.push({ type: 'acknowledged on the other tablet after', description: `${tookMs} ms` });
      await expect(alarmRow(b)).toContainText('Acknowledged by Tablette A');
      await expect(alarmRow(b)).toContainText('vanne ouverte');
      await expect(b.locator('header alarm-summary')).toBeHidden();
      // One alarm, raised once on each, acknowledged once.
      for (const page of [a, b]) {
        await expect(page.getByRole('list', { name: 'Alarm list' }).getByRole('listitem')).toHaveCount(1);
        await expect(historyRows(page).filter({ hasText: 'Raised' })).toHaveCount(1);
        await expect(historyRows(page).filter({ hasText: 'Acknowledged' })).toHaveCount(1);
      }
      // What the broker keeps for a tablet that comes later.
      const reader = await connectDevice(mosquitto.tcpUrl);
      const retained = new Promise<unknown>((resolve) => reader.once('message', (_topic, payload) => resolve(JSON.parse(payload.toString()))));
      await reader.subscribeAsync('usine/alarms/moteur-chaud', { qos: 1 });
      expect(await retained).toMatchObject({ state: 'acknowledged', value: '80', acknowledgedBy: 'Tablette A', comment: 'vanne ouverte' });

      // Shelved on B: shelved on A too.
      await alarmRow(b).getByRole('button', { name: 'Shelve…' }).click();
      const shelf = b.getByRole('dialog', { name: 'Shelve this alarm' });
      await shelf.getByLabel(/For how many minutes/).fill('30');
      await shelf.getByRole('button', { name: 'Shelve' }).click();
      await expect(alarmRow(a)).toContainText('Shelved until', { timeout: 2000 });
      // Off the shelf while still active, it calls again on both; acknowledged on B, it is on A.
      await alarmRow(a).getByRole('button', { name: 'Unshelve' }).click();
      await expect(alarmRow(b)).toContainText('Active, not acknowledged', { timeout: 2000 });
      await alarmRow(b).getByRole('button', { name: 'Acknowledge' }).click();
      await b.getByRole('dialog', { name: 'Acknowledge 1 alarm' }).getByRole('button', { name: 'Acknowledge' }).click();
      await expect(alarmRow(a)).toContainText('Acknowledged by Tablette B', { timeout: 2000 });

      // Hostile states: not JSON, an alarm no layout has, an acknowledgement of an alarm that is normal.
      await moteur.publishAsync('moteur/température', '70', { qos: 1, retain: true });
      for (const page of [a, b]) await expect(page.getByText('No alarm is raised, unacknowledged or shelved.')).toBeVisible();
      const intruder = await connectDevice(mosquitto.tcpUrl);
      await intruder.publishAsync('usine/alarms/moteur-chaud', '{"state": acknowledged', { qos: 1 });
      await intruder.publishAsync('usine/alarms/inconnue', JSON.stringify({ state: 'active-unacknowledged' }), { qos: 1 });
      await intruder.publishAsync('usine/alarms/moteur-chaud', JSON.stringify({ state: 'acknowledged', acknowledgedBy: 'intrus', acknowledgedAt: new Date().toISOString() }), { qos: 1 });
      const ignored = historyRows(b).filter({ hasText: 'Shared state ignored' });
      await expect(ignored).toHaveCount(3);
      await expect(ignored.filter({ hasText: 'not JSON' })).toHaveCount(1);
      await expect(ignored.filter({ hasText: 'no alarm has this id in this layout' })).toContainText('inconnue');
      await expect(ignored.filter({ hasText: 'it acknowledges an alarm that is normal here' })).toHaveCount(1);
      await expect(b.getByText('No alarm is raised, unacknowledged or shelved.')).toBeVisible();
      // Only the log entry names the intruder: nothing was acknowledged by it.
      await expect(historyRows(b).filter({ hasText: 'intrus' }).filter({ hasNotText: 'Shared state ignored' })).toHaveCount(0);
      // The message log says the states were ignored too.
      await b.getByRole('button', { name: 'Message log' }).click();
      await expect(b.locator('log-row').filter({ hasText: 'usine/alarms/inconnue' })).toContainText('ignored');
      // Raised again: unacknowledged on both (nothing acknowledged it in advance).
      await moteur.publishAsync('moteur/température', '81', { qos: 1, retain: true });
      for (const page of [a, b]) await expect(summary(page)).toContainText('1 alarm to acknowledge');
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  });

  test('states and history survive the browser being killed: nothing raised twice, nothing forgotten', async ({ playwright, appUrl }, testInfo) => {
    const broker = await startMosquitto();
    const profile = mkdtempSync(join(tmpdir(), 'dashboard-alarms-'));
    const launch = () => playwright.chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL: appUrl });
    const link = kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'], qos: 1, clientId: 'tablette-tuee', clean: false });
    /** SIGKILL to every process of this browser (no shutdown, no flush), as when a tablet's browser is killed. */
    const kill = async (context: BrowserContext) => {
      killProcesses(`--user-data-dir=${profile}`);
      await context.close().catch(() => undefined);
    };
    const moteur = await connectDevice(broker.tcpUrl);
    let context = await launch();
    /** The browser started again on the same profile, connected, on the Alarms view. */
    const reopen = async () => {
      context = await launch();
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(link);
      await expect(status(page)).toContainText('Connected');
      await openAlarms(page);
      return page;
    };
    try {
      await moteur.publishAsync('moteur/température', '60', { qos: 1, retain: true });
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto(link);
      await expect(tile(page, 'moteur/température')).toContainText('60');
      await importLayout(page, layoutWith(null));
      await moteur.publishAsync('moteur/température', '80', { qos: 1, retain: true });
      await expect(summary(page)).toContainText('1 alarm to acknowledge');
      await kill(context);

      page = await reopen();
      await expect(alarmRow(page)).toContainText('Active, not acknowledged');
      await expect(historyRows(page).filter({ hasText: 'Raised' })).toHaveCount(1);
      await alarmRow(page).getByRole('button', { name: 'Acknowledge' }).click();
      const dialog = page.getByRole('dialog', { name: 'Acknowledge 1 alarm' });
      await dialog.getByLabel('Comment (optional)').fill('avant la coupure');
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(alarmRow(page)).toContainText('Active, acknowledged');
      await kill(context);

      // Back: acknowledged with its comment; the retained 80 raised nothing again.
      page = await reopen();
      await expect(alarmRow(page)).toContainText('Active, acknowledged');
      await expect(alarmRow(page)).toContainText('avant la coupure');
      await expect(historyRows(page)).toHaveCount(2);
      await expect(page.locator('header alarm-summary')).toBeHidden();
    } finally {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      await broker.stop();
    }
  });
});
