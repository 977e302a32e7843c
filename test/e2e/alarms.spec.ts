/**
 * Alarms against a real Mosquitto with real devices: limits with a deadband and delays, states as operators
 * know them (acknowledge, return, shelve), a device offline, silence, what survives a reload, and kiosks.
 */
import type { Locator } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, openTileSettings, status, test, tile, type Page } from '../support/fixtures';

interface AlarmFields {
  kind?: string;
  limit?: string;
  deadband?: string;
  onDelay?: string;
  priority?: string;
  message?: string;
  silence?: string;
  device?: string;
}

/** Fills the alarm editor and saves. */
async function fillAlarm(editor: Locator, fields: AlarmFields): Promise<void> {
  if (fields.kind) await editor.getByLabel('Kind').selectOption({ label: fields.kind });
  if (fields.priority) await editor.getByLabel('Priority').selectOption({ label: fields.priority });
  if (fields.device) await editor.getByLabel('Device', { exact: true }).fill(fields.device);
  if (fields.limit) await editor.getByLabel('Limit', { exact: true }).fill(fields.limit);
  if (fields.deadband) await editor.getByLabel('Deadband').fill(fields.deadband);
  if (fields.silence) await editor.getByLabel('Silence (s)').fill(fields.silence);
  if (fields.onDelay) await editor.getByLabel('On-delay (s)').fill(fields.onDelay);
  if (fields.message) await editor.getByLabel('Message').fill(fields.message);
  await editor.getByRole('button', { name: 'Save the alarm' }).click();
  await expect(editor).toBeHidden();
}

/** Tile settings → Add an alarm, filled and saved. */
async function addAlarm(page: Page, topic: string, fields: AlarmFields): Promise<void> {
  await (await openTileSettings(page, topic)).getByRole('button', { name: 'Add an alarm' }).click();
  await fillAlarm(page.getByRole('dialog', { name: 'Add an alarm' }), fields);
}

const summary = (page: Page) => page.locator('attention-strip alarm-summary').getByRole('button').first();
/** The header's (counts only), seen from every view. */
const headerSummary = (page: Page) => page.locator('header alarm-summary').getByRole('button').first();
const alarmRow = (page: Page, message: string) => page.getByRole('list', { name: 'Alarm list' }).getByRole('listitem').filter({ hasText: message });
const historyRows = (page: Page) => page.locator('alarm-history tbody tr');

async function openAlarms(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Alarms' }).click();
  await expect(page.locator('alarm-view').getByRole('heading', { name: 'Alarms', exact: true })).toBeVisible();
}

test.describe('alarms', () => {
  test('a limit crossed raises the alarm (strip, header, tile, list); oscillating within the deadband raises it once; acknowledged, it returns to normal', async ({ page, mosquitto }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl);
    await moteur.publishAsync('moteur/température', '60', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, clientId: 'tablette-alarmes' }));
    await expect(status(page)).toContainText('Connected');
    await expect(tile(page, 'moteur/température')).toContainText('60');
    await addAlarm(page, 'moteur/température', { limit: '75', deadband: '2', priority: '◆ Urgent', message: 'Température moteur trop haute' });

    await moteur.publishAsync('moteur/température', '76', { qos: 1 });
    await expect(summary(page)).toHaveText('1 alarm to acknowledge: ◆ 1 urgent — Température moteur trop haute');
    await expect(page.locator('header alarm-summary')).toContainText('1 alarm to acknowledge');
    await expect(tile(page, 'moteur/température')).toContainText('◆ Urgent · alarm');
    // Unacknowledged, its frame flashes: hidden half of each second, all marks together.
    await expect(tile(page, 'moteur/température').locator('alarm-mark[dim]')).toHaveCount(1);
    await expect(tile(page, 'moteur/température').locator('alarm-mark:not([dim])')).toHaveCount(1);
    // Sound needs a first tap (the browser's rule): said until one comes, then it can be muted.
    const strip = page.locator('attention-strip alarm-summary');
    await strip.getByRole('button', { name: 'Tap to enable alarm sounds' }).click();
    await strip.getByRole('button', { name: 'Mute for 5 min' }).click();
    await expect(strip.getByRole('button', { name: /^Sounds muted until .*: sound again$/ })).toBeVisible();
    // Back within the deadband, then over the limit again: still the one alarm.
    await moteur.publishAsync('moteur/température', '74', { qos: 1 });
    await expect(tile(page, 'moteur/température')).toContainText('74');
    await moteur.publishAsync('moteur/température', '77', { qos: 1 });
    await expect(tile(page, 'moteur/température')).toContainText('77');

    await summary(page).click();
    const row = alarmRow(page, 'Température moteur trop haute');
    await expect(row).toContainText('Active, not acknowledged');
    await expect(row).toContainText('Value: 77');
    await expect(row).toContainText('Condition: above 75');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Acknowledge 1 alarm' });
    await dialog.getByLabel('Comment (optional)').fill('vanne de refroidissement ouverte');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(row).toContainText('Active, acknowledged');
    await expect(row).toContainText('Acknowledged by tablette-alarmes');
    await expect(row).toContainText('vanne de refroidissement ouverte');
    await expect(page.locator('attention-strip alarm-summary')).toBeHidden();

    await moteur.publishAsync('moteur/température', '70', { qos: 1 });
    await expect(page.getByText('No alarm is raised, unacknowledged or shelved.')).toBeVisible();
    await expect(historyRows(page)).toHaveCount(3);
    await expect(historyRows(page).nth(0)).toContainText('Back to normal');
    await expect(historyRows(page).nth(1)).toContainText('vanne de refroidissement ouverte');
    await expect(historyRows(page).nth(2)).toContainText('Raised');
    await expect(historyRows(page).nth(2)).toContainText('76');

    // A reload keeps the history, and raises nothing again.
    await page.reload();
    await expect(status(page)).toContainText('Connected');
    await openAlarms(page);
    await expect(historyRows(page)).toHaveCount(3);
    await expect(page.getByText('No alarm is raised, unacknowledged or shelved.')).toBeVisible();
  });

  test('a spike shorter than the on-delay raises nothing; one that returns before anyone saw it stays to acknowledge, through a reload', async ({ page, mosquitto }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl);
    await moteur.publishAsync('moteur/pression', '2', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(tile(page, 'moteur/pression')).toContainText('2');
    await addAlarm(page, 'moteur/pression', { limit: '5', onDelay: '2', priority: '▲ High', message: 'Pression trop haute' });

    await moteur.publishAsync('moteur/pression', '8', { qos: 1 });
    await expect(tile(page, 'moteur/pression')).toContainText('8');
    await moteur.publishAsync('moteur/pression', '3', { qos: 1 });
    await expect(tile(page, 'moteur/pression')).toContainText('3');
    // Held past the delay: raised, with the value that held.
    await moteur.publishAsync('moteur/pression', '9', { qos: 1 });
    await expect(summary(page)).toContainText('▲ 1 high', { timeout: 10_000 });
    await moteur.publishAsync('moteur/pression', '4', { qos: 1 });
    await openAlarms(page);
    const row = alarmRow(page, 'Pression trop haute');
    await expect(row).toContainText('Returned, not acknowledged');
    await expect(historyRows(page).filter({ hasText: 'Raised' })).toHaveCount(1);
    await expect(historyRows(page).filter({ hasText: 'Raised' })).toContainText('9');

    await page.reload();
    await openAlarms(page);
    await expect(alarmRow(page, 'Pression trop haute')).toContainText('Returned, not acknowledged');
    await expect(headerSummary(page)).toContainText('1 alarm to acknowledge');
    await alarmRow(page, 'Pression trop haute').getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('dialog', { name: 'Acknowledge 1 alarm' }).getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByText('No alarm is raised, unacknowledged or shelved.')).toBeVisible();
  });

  test('a shelved alarm is out of the counts until its time, then calls again', async ({ page, mosquitto }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl);
    await moteur.publishAsync('moteur/vitesse', '1000', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(tile(page, 'moteur/vitesse')).toContainText('1000');
    await addAlarm(page, 'moteur/vitesse', { limit: '1500', priority: '■ Medium', message: 'Survitesse' });
    await moteur.publishAsync('moteur/vitesse', '1600', { qos: 1 });
    await expect(summary(page)).toContainText('■ 1 medium');
    await openAlarms(page);
    await alarmRow(page, 'Survitesse').getByRole('button', { name: 'Shelve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Shelve this alarm' });
    await dialog.getByLabel(/For how many minutes/).fill('900');
    await dialog.getByRole('button', { name: 'Shelve' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Write a number of minutes above 0 and at most 480 (8 h).');
    await dialog.getByLabel(/For how many minutes/).fill('0,1'); // 6 s
    await dialog.getByRole('button', { name: 'Shelve' }).click();
    await expect(alarmRow(page, 'Survitesse')).toContainText('Shelved until');
    await expect(page.locator('header alarm-summary')).toBeHidden();
    // The shelf ends by itself: still over the limit, the alarm calls again.
    await expect(alarmRow(page, 'Survitesse')).toContainText('Active, not acknowledged', { timeout: 15_000 });
    await expect(headerSummary(page)).toContainText('■ 1 medium');
    await expect(historyRows(page).filter({ hasText: 'Unshelved' })).toHaveCount(1);
  });

  test('a device offline raises its alarm and suppresses the alarms on its values; silence raises no-data', async ({ page, mosquitto }) => {
    const will = { topic: 'capteur/status', payload: Buffer.from('offline'), qos: 1 as const, retain: true };
    const capteur = await connectDevice(mosquitto.tcpUrl, { will });
    await capteur.publishAsync('capteur/status', 'online', { qos: 1, retain: true });
    await capteur.publishAsync('capteur/débit', '0.5', { qos: 1, retain: true });
    const pompe = await connectDevice(mosquitto.tcpUrl);
    await pompe.publishAsync('pompe/débit', '12', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['capteur/#', 'pompe/#'], qos: 1 }));
    await expect(tile(page, 'capteur/débit')).toContainText('0.5');
    await addAlarm(page, 'capteur/débit', { kind: 'Low limit', limit: '1', priority: '● Low', message: 'Débit capteur bas' });
    await expect(summary(page)).toContainText('● 1 low');
    await addAlarm(page, 'pompe/débit', { kind: 'No data', silence: '3', priority: '▲ High', message: 'Pompe muette' });
    await openSettings(page);
    await page.locator('alarm-settings').getByText('Alarms', { exact: true }).click();
    await page.locator('alarm-settings').getByRole('button', { name: 'Add an alarm' }).click();
    await fillAlarm(page.getByRole('dialog', { name: 'Add an alarm' }), { kind: 'Device offline', device: 'capteur', message: 'Capteur hors ligne' });

    capteur.stream.destroy(); // no DISCONNECT: the broker publishes the Will
    await openAlarms(page);
    await expect(alarmRow(page, 'Capteur hors ligne')).toContainText('Active, not acknowledged');
    await expect(alarmRow(page, 'Capteur hors ligne')).toContainText('Value: offline');
    await expect(alarmRow(page, 'Débit capteur bas')).toContainText('Suppressed (device offline)');
    // The pump said nothing for 3 s.
    await expect(alarmRow(page, 'Pompe muette')).toContainText('Active, not acknowledged', { timeout: 10_000 });
    await pompe.publishAsync('pompe/débit', '11', { qos: 1 });
    await expect(alarmRow(page, 'Pompe muette')).toContainText('Returned, not acknowledged');
    // The low flow is suppressed while its sensor is offline: not counted.
    await expect(headerSummary(page)).toContainText('2 alarms to acknowledge: ◆ 1 urgent · ▲ 1 high');
  });

  test('a kiosk shows the alarms; it acknowledges only with ack=1 in its link', async ({ page, mosquitto }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl);
    await moteur.publishAsync('moteur/température', '60', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(tile(page, 'moteur/température')).toContainText('60');
    await addAlarm(page, 'moteur/température', { limit: '75', message: 'Température moteur trop haute' });
    await moteur.publishAsync('moteur/température', '80', { qos: 1, retain: true });
    await expect(summary(page)).toContainText('1 alarm to acknowledge');

    await page.goto(`${kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, kiosk: true })}`);
    await expect(summary(page)).toContainText('1 alarm to acknowledge');
    await summary(page).click();
    const row = alarmRow(page, 'Température moteur trop haute');
    await expect(row).toContainText('Active, not acknowledged');
    await expect(row.getByRole('button')).toHaveCount(0);

    await page.goto(`${kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, kiosk: true })}&ack=1`);
    await summary(page).click();
    await alarmRow(page, 'Température moteur trop haute').getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('dialog', { name: 'Acknowledge 1 alarm' }).getByRole('button', { name: 'Acknowledge' }).click();
    await expect(alarmRow(page, 'Température moteur trop haute')).toContainText('Active, acknowledged');
  });

  test('a raised alarm is a system notification with its tag and an Acknowledge action, which acknowledges', async ({ page, mosquitto }) => {
    await page.context().grantPermissions(['notifications']);
    // What the dashboard asks the system to show, recorded as it asks (headless Chromium sometimes loses a
    // shown notification from getNotifications(): what is checked is what the dashboard asked for).
    await page.addInitScript(() => {
      const asked: Array<{ title: string; options: NotificationOptions & { actions?: Array<{ action: string }> } }> = [];
      (window as unknown as { __asked: typeof asked }).__asked = asked;
      const show = ServiceWorkerRegistration.prototype.showNotification;
      ServiceWorkerRegistration.prototype.showNotification = function (this: ServiceWorkerRegistration, title: string, options?: NotificationOptions) {
        asked.push({ title, options: options ?? {} });
        return show.call(this, title, options);
      };
    });
    const moteur = await connectDevice(mosquitto.tcpUrl);
    await moteur.publishAsync('moteur/température', '60', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, clientId: 'tablette-notif' }));
    await expect(tile(page, 'moteur/température')).toContainText('60');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await addAlarm(page, 'moteur/température', { limit: '75', priority: '◆ Urgent', message: 'Température moteur trop haute' });
    await openSettings(page);
    await page.locator('alarm-settings').getByText('Alarms', { exact: true }).click();
    await expect(page.locator('alarm-settings')).toContainText('Notifications: allowed');

    await moteur.publishAsync('moteur/température', '82', { qos: 1 });
    await expect(summary(page)).toContainText('1 alarm to acknowledge');
    const asked = () =>
      page.evaluate(() =>
        (window as unknown as { __asked: Array<{ title: string; options: NotificationOptions & { actions?: Array<{ action: string }> } }> }).__asked.map(({ title, options }) => ({
          title,
          tag: options.tag ?? '',
          body: options.body ?? '',
          requireInteraction: options.requireInteraction ?? false,
          actions: options.actions?.map((action) => action.action) ?? [],
          alarmId: (options.data as { alarmId?: string } | undefined)?.alarmId ?? '',
        })),
      );
    await expect.poll(asked).toHaveLength(1);
    const [notification] = await asked();
    expect(notification).toMatchObject({ title: 'Température moteur trop haute', requireInteraction: true, actions: ['acknowledge'] });
    expect(notification?.tag).toMatch(/^alarm-/);
    expect(notification?.body).toContain('Value: 82');

    // The Acknowledge action, as the browser delivers it to the service worker.
    const worker = page.context().serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    await worker.evaluate((alarmId) => {
      const click = new Event('notificationclick');
      Object.defineProperties(click, {
        notification: { value: { data: { alarmId }, close: () => undefined } },
        action: { value: 'acknowledge' },
        waitUntil: { value: (work: Promise<unknown>) => void work },
      });
      self.dispatchEvent(click);
    }, notification?.alarmId ?? '');
    await openAlarms(page);
    await expect(alarmRow(page, 'Température moteur trop haute')).toContainText('Active, acknowledged');
    await expect(alarmRow(page, 'Température moteur trop haute')).toContainText('Acknowledged by tablette-notif');
    const shown = () => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).length);
    await expect.poll(shown).toBe(0);
  });
});
