import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';
import { serveFolder } from '../support/static-server';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openTileSettings, status, test, tile, typeCommand } from '../support/fixtures';

/** Width and height of a PNG, read from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1'), 'a PNG signature').toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until the service worker is active, then reloads so that it controls the page. */
async function underServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated');
}

/** The topics of the values the dashboard has put on disk for an offline start. */
async function rememberedTopics(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('mqtt-dashboard');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const read = request.result.transaction('values').objectStore('values').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            const chunks = read.result as Array<Array<{ topic: string }>>;
            resolve(chunks.flat().map((value) => value.topic));
            request.result.close();
          };
        };
      }),
  );
}

test.describe('the installable app', () => {
  test('serves a valid manifest with real icons, and Chromium finds it installable', async ({ page, request, appUrl }) => {
    await page.goto('/');
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    expect(href).toBeTruthy();
    const response = await request.get(href as string);
    expect(response.ok()).toBe(true);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: Array<{ src: string; sizes: string; purpose: string }> };
    expect(manifest).toMatchObject({
      name: 'MQTT Dashboard',
      short_name: 'MQTT',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#/),
      background_color: expect.stringMatching(/^#/),
      description: expect.stringContaining('MQTT'),
    });
    for (const [size, purpose] of [
      [192, 'any'],
      [512, 'any'],
      [512, 'maskable'],
    ] as const) {
      const icon = manifest.icons.find((entry) => entry.sizes === `${size}x${size}` && entry.purpose === purpose);
      expect(icon, `a ${size} px ${purpose} icon`).toBeDefined();
      const image = await request.get(new URL(icon?.src ?? '', response.url()).href);
      expect(image.headers()['content-type']).toBe('image/png');
      expect(pngSize(await image.body())).toEqual({ width: size, height: size });
    }

    await underServiceWorker(page);
    // Chromium never offers to install from an incognito profile, which a test context is: ask in a real one.
    const profile = mkdtempSync(join(tmpdir(), 'pwa-profile-'));
    const browser = await chromium.launchPersistentContext(profile, chromiumLaunchOptions);
    try {
      const installed = browser.pages()[0] ?? (await browser.newPage());
      await installed.goto(appUrl);
      await underServiceWorker(installed);
      const devtools = await browser.newCDPSession(installed);
      await expect
        .poll(async () => (await devtools.send('Page.getInstallabilityErrors')).installabilityErrors)
        .toEqual([]);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('opens with no network: last values marked stale, and a command typed then is delivered later', async ({ page, context, mosquitto }) => {
    const moteur = await connectDevice(mosquitto.tcpUrl, { clientId: 'moteur' });
    await moteur.publishAsync('moteur/température', '71.5', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, clientId: 'tablette-offline' }));
    await expect(tile(page, 'moteur/température')).toContainText('71.5');
    await underServiceWorker(page);
    await expect(tile(page, 'moteur/température')).toContainText('71.5');
    await expect.poll(() => rememberedTopics(page)).toContain('moteur/température');

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'MQTT Dashboard' })).toBeVisible();
    await expect(status(page)).not.toContainText('Connected');
    const remembered = tile(page, 'moteur/température');
    await expect(remembered).toContainText('71.5');
    await expect(remembered).toContainText('stale since');

    const commands: string[] = [];
    await moteur.subscribeAsync('moteur/commande', { qos: 1 });
    moteur.on('message', (topic, payload) => {
      if (topic === 'moteur/commande') commands.push(payload.toString());
    });
    await typeCommand(page, 'moteur/commande', 'arrêt', 1);
    await expect(page.getByRole('status', { name: 'Pending commands' })).toHaveText('1 pending');

    await context.setOffline(false);
    await expect(status(page)).toContainText('Connected', { timeout: 20_000 });
    await expect.poll(() => commands, { timeout: 20_000 }).toEqual(['arrêt']);
    await expect(page.getByRole('status', { name: 'Pending commands' })).toHaveText('0 pending');
    await moteur.publishAsync('moteur/température', '72', { qos: 1, retain: true });
    await expect(remembered).toContainText('72');
    await expect(remembered).not.toContainText('stale since');
  });

  test('a new version is announced and used only when the user taps Reload', async ({ page }) => {
    const folder = mkdtempSync(join(tmpdir(), 'deployed-'));
    cpSync('dist', folder, { recursive: true });
    const site = await serveFolder(folder);
    try {
      await page.goto(site.url);
      await underServiceWorker(page);
      await page.evaluate(() => sessionStorage.setItem('version', 'first'));

      // Deploy a new version: a changed page, and a service worker that precaches it.
      const page1 = readFileSync(join(folder, 'index.html'), 'utf8');
      writeFileSync(join(folder, 'index.html'), page1.replace('<title>', '<meta name="deployed" content="second" />\n    <title>'));
      const worker = readFileSync(join(folder, 'sw.js'), 'utf8');
      const next = worker.replace(/\{url:"index.html",revision:"[^"]*"\}/, '{url:"index.html",revision:"second"}');
      expect(next).not.toBe(worker);
      writeFileSync(join(folder, 'sw.js'), next);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });

      const banner = page.getByRole('status').filter({ hasText: 'New version available' });
      await expect(banner).toBeVisible();
      // Nothing was swapped under the running page.
      expect(await page.locator('meta[name=deployed]').count()).toBe(0);
      await banner.getByRole('button', { name: 'Reload' }).click();
      await expect(page.locator('meta[name=deployed]')).toHaveAttribute('content', 'second');
      await expect(page.getByRole('heading', { name: 'MQTT Dashboard' })).toBeVisible();
      await expect(banner).toHaveCount(0);
      expect(await page.evaluate(() => sessionStorage.getItem('version'))).toBe('first');
    } finally {
      await site.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('runs under a strict Content-Security-Policy with no violation and no third-party request', async ({ page, mosquitto }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (socket) => requested.push(socket.url()));

    const moteur = await connectDevice(mosquitto.tcpUrl, { clientId: 'moteur' });
    for (const reading of ['20', '21', '23']) await moteur.publishAsync('moteur/température', reading, { qos: 1 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    for (const reading of ['24', '22']) await moteur.publishAsync('moteur/température', reading, { qos: 1 });
    await expect(tile(page, 'moteur/température')).toContainText('22');

    const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("worker-src 'self' blob:"); // mqtt.js keeps its keep-alive timer in a blob: worker

    // Every part of the app, each of which styles itself: the chart, the dialogs, the log, the tree, the layout panel.
    await tile(page, 'moteur/température').locator('button.open').click();
    await expect(page.getByRole('dialog', { name: 'History of moteur/température' }).getByRole('status')).toContainText('points');
    await page.getByRole('dialog', { name: 'History of moteur/température' }).getByRole('button', { name: 'Close' }).click();
    await (await openTileSettings(page, 'moteur/température')).getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Message log' }).click();
    await expect(page.getByRole('region', { name: 'Message log' })).toContainText('moteur/température');
    await page.getByRole('button', { name: 'Topic tree' }).click();
    await expect(page.getByRole('region', { name: 'Topic tree' })).toBeVisible();
    await page.locator('layout-panel').getByText('Display and layout').click();

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    const elsewhere = requested.filter((url) => !/^(https?|wss?):\/\/127\.0\.0\.1:\d+\//.test(url) && !url.startsWith('blob:') && !url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
  });
});
