/**
 * Another site showing the dashboard in a frame could lay a decoy over it and make a technician press
 * Send (clickjacking). Served with the deployment headers (frame-ancestors 'self'), the browser refuses to
 * frame it; a <meta> CSP cannot say that, so, served without them, the page checks: framed by another
 * origin, it says so and refuses to send commands; values still show.
 */
import { createServer, type Server } from 'node:http';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, status, test } from '../support/fixtures';
import type { Page } from '@playwright/test';
import { serveBuiltApp } from '../support/app-server';
import type { Mosquitto } from '../support/mosquitto';
import { freePort } from '../support/ports';

let site: Server | null = null;

test.afterEach(async () => {
  await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
  site = null;
});

/** A page of another origin (localhost, not 127.0.0.1) that frames the dashboard. */
async function framingSite(dashboardUrl: string): Promise<string> {
  const port = await freePort();
  site = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><title>Another site</title><iframe title="dashboard" src="${dashboardUrl}" width="1200" height="760"></iframe>`);
  });
  await new Promise<void>((resolve) => site?.listen(port, '127.0.0.1', resolve));
  return `http://localhost:${port}/`;
}

test('served with the deployment headers, the dashboard is not shown in another site’s frame at all', async ({ page, mosquitto, appUrl, pageProblems }) => {
  const siteUrl = await framingSite(new URL(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'] }), appUrl).href);
  await page.goto(siteUrl);
  await expect.poll(() => pageProblems.some((problem) => problem.includes(`violates the following Content Security Policy directive: "frame-ancestors 'self'"`))).toBe(true);
  await expect(page.frameLocator('iframe[title=dashboard]').locator('mqtt-dashboard')).toHaveCount(0);
  // The browser's report of the blocked frame is the defence working, not a problem of the page.
  pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((problem) => !problem.includes('frame-ancestors')));
});

test('served without them, framed by another site, the dashboard says so and refuses to send commands; values still show', async ({ page, mosquitto }) => {
  const careless = await serveBuiltApp({ deploymentHeaders: false });
  try {
    await framedWithoutHeaders(page, mosquitto, careless.url);
  } finally {
    await careless.close();
  }
});

async function framedWithoutHeaders(page: Page, mosquitto: Mosquitto, appUrl: string): Promise<void> {
  const witness = await connectDevice(mosquitto.tcpUrl);
  const received: string[] = [];
  await witness.subscribeAsync('moteur/#', { qos: 1 });
  witness.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));

  const siteUrl = await framingSite(new URL(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }), appUrl).href);
  await page.goto(siteUrl);
  const dashboard = page.frameLocator('iframe[title=dashboard]');
  await expect(dashboard.getByRole('alert').filter({ hasText: 'This dashboard is shown inside another site' })).toContainText(
    `This dashboard is shown inside another site (${new URL(siteUrl).origin}): sending commands is turned off here, so that a page laid over it cannot trick you into sending one. Open the dashboard directly, in its own tab, to send commands.`,
  );
  await expect(dashboard.locator('connection-status').getByRole('status')).toContainText('Connected');
  await witness.publishAsync('moteur/vitesse', '1520', { qos: 1 });
  await expect(dashboard.getByRole('article', { name: 'moteur/vitesse', exact: true })).toContainText('1520');

  await dashboard.getByRole('button', { name: 'Settings', exact: true }).click(); // the composer is in the drawer once connected
  const composer = dashboard.locator('command-composer');
  await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
  await composer.getByLabel('Payload', { exact: true }).fill('stop');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByRole('alert')).toContainText('sending commands is turned off here');
  await expect(dashboard.getByRole('region', { name: 'Outbox' })).toContainText('No commands yet');
  // The witness got what the device published, and nothing from the dashboard.
  expect(received).toEqual(['moteur/vitesse 1520']);
}

test('opened directly, the same dashboard sends commands', async ({ page, mosquitto }) => {
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  await expect(page.getByText('This dashboard is shown inside another site')).toHaveCount(0);
  await openSettings(page);
  const composer = page.locator('command-composer');
  await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
  await composer.getByLabel('Payload', { exact: true }).fill('stop');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByText('Queued in the outbox: moteur/commande → stop')).toBeVisible();
});
