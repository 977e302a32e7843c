/**
 * A calm tablet view: a one-row header, the values given the width, calm tiles that open their detail,
 * details where the user looks, a read-only kiosk, and numbers and charts that read right.
 */
import type { Locator, Page } from '@playwright/test';
import { connectDevice } from '../support/devices';
import { device, expect, kioskLink, openSettings, presenceOf, status, test, tile } from '../support/fixtures';
import { startTcpProxy } from '../support/tcp-proxy';

const headerHeight = (page: Page) => page.getByRole('banner').evaluate((header) => header.getBoundingClientRect().height);

/** Publishes a small plant: a device with a status and three measures, and one topic of no device. */
async function plant(tcpUrl: string) {
  const moteur = await connectDevice(tcpUrl, {
    clientId: 'moteur',
    will: { topic: 'moteur/status', payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  await moteur.publishAsync('moteur/status', 'online', { qos: 1, retain: true });
  await moteur.publishAsync('moteur/température', '{"value": 67.9, "unit": "°C"}', { qos: 1, retain: true });
  await moteur.publishAsync('moteur/vitesse', '1480', { qos: 1, retain: true });
  await moteur.publishAsync('moteur/état', 'en marche', { qos: 1, retain: true });
  await moteur.publishAsync('usine/ligne-2/pression/sortie-compresseur-principal', '6.25', { qos: 1, retain: true });
  return moteur;
}

/** The visible fields whose placeholder is wider than the field. */
function cutPlaceholders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const context = document.createElement('canvas').getContext('2d');
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.shadowRoot) visit(element.shadowRoot);
        if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) || !element.placeholder) continue;
        const box = element.getBoundingClientRect();
        if (box.width === 0 || !context) continue;
        const style = getComputedStyle(element);
        context.font = `${style.fontSize} ${style.fontFamily}`;
        const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (context.measureText(element.placeholder).width > room + 1) found.push(`${element.name}: “${element.placeholder}”`);
      }
    };
    visit(document);
    return found;
  });
}

/** Whether a locator's box lies inside the viewport. */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.x >= 0 && box.y + Math.min(box.height, 80) <= viewport.height && box.x + box.width <= viewport.width + 1;
}

test.describe('the header', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ]) {
    test(`is one row of fixed height at ${viewport.width}×${viewport.height}, also while reconnecting`, async ({ page, mosquitto }) => {
      await page.setViewportSize(viewport);
      const proxy = await startTcpProxy(mosquitto.wsPort);
      try {
        await page.goto(kioskLink({ broker: `ws://127.0.0.1:${proxy.port}`, subs: ['#'] }));
        await expect(status(page)).toContainText('Connected');
        const connected = await headerHeight(page);
        expect(connected).toBeLessThanOrEqual(64);
        proxy.cut();
        await expect(status(page)).toContainText(/Connection lost|Cannot reach/); // the reason, however long
        expect(await headerHeight(page)).toBe(connected);
        // The whole story is one tap away.
        await page.getByRole('button', { name: 'Status details' }).click();
        await expect(page.getByRole('region', { name: 'Connection details' })).toContainText(/Reconnecting[\s\S]*Broker\s*ws:\/\/127.0.0.1/);
      } finally {
        await proxy.close();
      }
    });
  }

  test('takes at most 15 % of a phone’s height', async ({ page, mosquitto }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'] }));
    await expect(status(page)).toContainText('Connected');
    expect(await headerHeight(page)).toBeLessThanOrEqual(844 * 0.15);
  });
});

test('on a 1024×768 tablet the settings fold into a drawer once connected, and at least 3 tiles fit per row', async ({ page, mosquitto }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await plant(mosquitto.tcpUrl);
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'usine/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  await expect(page.locator('command-composer')).toBeHidden();
  const tops = await device(page, 'moteur').getByRole('article').evaluateAll((tiles) => tiles.map((element) => Math.round(element.getBoundingClientRect().top)));
  expect(tops.filter((top) => top === tops[0]).length).toBeGreaterThanOrEqual(3);
  await openSettings(page);
  await expect(page.getByRole('complementary', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('command-composer')).toBeHidden();
});

test.describe('calm tiles', () => {
  test('name, value with unit, sparkline, age; tapping opens the detail; named under their device; topics wrap at /', async ({ page, mosquitto }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const moteur = await plant(mosquitto.tcpUrl);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'usine/#'], qos: 1 }));
    const temperature = tile(page, 'moteur/température');
    await expect(temperature.locator('.value')).toHaveText('67.9 °C');
    await moteur.publishAsync('moteur/température', '{"value": 68, "unit": "°C"}', { qos: 1 });
    // Numbers keep their precision: JSON writes 68.0 as 68.
    await expect(temperature.locator('.value')).toHaveText('68.0 °C');
    await expect(temperature.locator('h3')).toHaveText('température');
    await expect(temperature.locator('.topic')).toHaveText('moteur/température');
    await expect(temperature.getByRole('img', { name: 'Recent trend' })).toBeVisible();
    await expect(temperature.locator('.age')).toBeVisible();
    // No per-tile buttons besides the tile itself.
    await expect(temperature.getByRole('button')).toHaveCount(1);
    for (const selector of ['.value', '.age']) {
      expect(await temperature.locator(selector).evaluate((element) => getComputedStyle(element).fontVariantNumeric)).toContain('tabular-nums');
    }

    // Tiles in a row keep their own height.
    const heights = await device(page, 'moteur').getByRole('article').evaluateAll((tiles) => tiles.map((element) => element.getBoundingClientRect().height));
    expect(new Set(heights.map(Math.round)).size).toBeGreaterThan(1);

    // A long topic wraps between levels (or at a hyphen inside a long level), never inside a word.
    const long = tile(page, 'usine/ligne-2/pression/sortie-compresseur-principal').locator('h3');
    const lines = await long.evaluate((heading) => {
      const text = heading.textContent ?? '';
      const range = document.createRange();
      const node = heading.ownerDocument.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      const starts: string[] = [];
      let lastTop = -1;
      for (let current = node.nextNode(); current; current = node.nextNode()) {
        const content = current.textContent ?? '';
        for (let index = 0; index < content.length; index++) {
          range.setStart(current, index);
          range.setEnd(current, index + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          if (top > lastTop + 2) {
            starts.push(content.slice(index));
            lastTop = top;
          }
        }
      }
      return { text, starts };
    });
    expect(lines.text).toBe('usine/ligne-2/pression/sortie-compresseur-principal');
    for (const start of lines.starts.slice(1)) expect(lines.text.endsWith(`/${start}`) || lines.text.endsWith(`-${start}`), start).toBe(true);

    await temperature.click();
    const detail = page.getByRole('dialog', { name: 'History of moteur/température' });
    await expect(detail.getByRole('figure', { name: 'Chart of moteur/température' })).toBeVisible();
    await expect(detail.getByRole('list', { name: 'Recent messages, newest first' })).toContainText('68.0 °C');
    await detail.getByRole('button', { name: 'Tile settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Tile settings: moteur/température' })).toBeVisible();
  });

  test('an offline device’s values are dimmed (a muted colour that still reads, not a faint one) and marked', async ({ page, mosquitto }) => {
    const moteur = await plant(mosquitto.tcpUrl);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
    const speed = tile(page, 'moteur/vitesse');
    await expect(speed).toContainText('1480');
    await expect(speed).not.toContainText('device offline');
    const live = await speed.locator('.value').evaluate((element) => getComputedStyle(element).color);
    moteur.stream.destroy();
    await expect(presenceOf(page, 'moteur')).toHaveText('offline');
    await expect(speed).toContainText('device offline');
    const dimmed = await speed.locator('.value').evaluate((element) => [getComputedStyle(element).color, getComputedStyle(element).opacity]);
    expect(dimmed[0]).not.toBe(live);
    expect(dimmed[1]).toBe('1');
  });
});

test.describe('numbers', () => {
  test('the chart’s figures and the history list use the tile’s unit and decimals', async ({ page, mosquitto }) => {
    const pompe = await connectDevice(mosquitto.tcpUrl);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['pompe/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    for (const value of ['0', '12.5', '3']) await pompe.publishAsync('pompe/vitesse', value, { qos: 1 });
    const speed = tile(page, 'pompe/vitesse');
    await expect(speed.locator('.value')).toHaveText('3.0');
    await speed.click();
    const detail = page.getByRole('dialog', { name: 'History of pompe/vitesse' });
    await detail.getByRole('button', { name: 'Tile settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Tile settings: pompe/vitesse' });
    await settings.getByLabel('Unit').fill('tr/min');
    await settings.getByLabel('Decimals').selectOption('1');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(speed.locator('.value')).toHaveText('3.0 tr/min');
    await speed.click();
    await expect(detail.getByRole('figure').getByRole('status')).toHaveText('3 points · min 0.0 tr/min · max 12.5 tr/min · average 5.2 tr/min');
    await expect(detail.getByRole('listitem', { name: 'Message 1' })).toContainText('0.0 tr/min');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the chart is drawn in the theme’s accent, with time labels (${scheme})`, async ({ page, mosquitto }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const pompe = await connectDevice(mosquitto.tcpUrl);
      await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['pompe/#'], qos: 1 }));
      await expect(status(page)).toContainText('Connected');
      for (const value of [10, 14, 12, 18, 11, 16, 13]) await pompe.publishAsync('pompe/débit', String(value), { qos: 1 });
      const flow = tile(page, 'pompe/débit');
      await expect(flow).toContainText('13');
      const accent = await flow.locator('.sparkline').evaluate((element) => getComputedStyle(element).color);
      await flow.click();
      const canvas = page.getByRole('figure', { name: 'Chart of pompe/débit' }).locator('canvas');
      await expect(canvas).toBeVisible();
      const found = await canvas.evaluate((element, colour) => {
        const [r, g, b] = (colour.match(/\d+/g) ?? []).map(Number) as [number, number, number];
        const canvas = element as HTMLCanvasElement;
        const context = canvas.getContext('2d');
        if (!context) return { line: 0, bottomInk: 0 };
        const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
        let line = 0;
        let bottomInk = 0;
        const background = [data[0], data[1], data[2]];
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const at = (y * width + x) * 4;
            const alpha = data[at + 3] ?? 0;
            if (alpha < 200) continue;
            const [pr, pg, pb] = [data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0];
            if (Math.abs(pr - r) < 12 && Math.abs(pg - g) < 12 && Math.abs(pb - b) < 12) line++;
            // Ink in the bottom band, where the time labels are written.
            if (y > height - 30 && (Math.abs(pr - (background[0] ?? 0)) > 60 || Math.abs(pg - (background[1] ?? 0)) > 60)) bottomInk++;
          }
        }
        return { line, bottomInk };
      }, accent);
      expect(found.line, `pixels of the accent ${accent}`).toBeGreaterThan(100);
      expect(found.bottomInk, 'ink of the time labels').toBeGreaterThan(50);
    });
  }
});

test('a selected log message and a selected tree topic show their detail in view, at every size', async ({ page, mosquitto }) => {
  await plant(mosquitto.tcpUrl);
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'usine/#'], qos: 1 }));
    await expect(tile(page, 'moteur/vitesse')).toContainText('1480');
    await page.getByRole('button', { name: 'Message log' }).click();
    const log = page.getByRole('region', { name: 'Message log' });
    await log.getByRole('button', { name: /on moteur\/vitesse$/ }).click();
    const viewer = log.getByRole('region', { name: 'Payload viewer' });
    await expect(viewer).toContainText('1480');
    expect(await inViewport(page, viewer)).toBe(true);
    await log.getByRole('button', { name: /on moteur\/état$/ }).click(); // the next one, at once
    await expect(viewer).toContainText('en marche');

    await page.getByRole('button', { name: 'Topic tree' }).click();
    const tree = page.getByRole('region', { name: 'Topic tree' });
    await tree.getByRole('button', { name: 'Expand moteur' }).click();
    await tree.getByRole('listitem', { name: 'moteur/vitesse', exact: true }).getByRole('button', { name: /^vitesse/ }).click();
    const selected = tree.getByRole('region', { name: 'Selected topic' });
    await expect(selected).toContainText('1480');
    expect(await inViewport(page, selected)).toBe(true);
  }
});

test.describe('the connection panel', () => {
  test('stays open with the error next to the field when connecting fails', async ({ page }) => {
    await page.goto('/');
    const panel = page.locator('connection-panel');
    await panel.getByLabel('Broker URL').fill('ws://127.0.0.1:9');
    await panel.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(status(page)).toContainText('Cannot reach ws://127.0.0.1:9');
    const error = panel.getByRole('alert');
    await expect(error).toContainText('Cannot reach ws://127.0.0.1:9');
    await expect(panel.getByLabel('Broker URL')).toBeVisible();
    const [field, note] = await Promise.all([panel.getByLabel('Broker URL').boundingBox(), error.boundingBox()]);
    expect(note && field && note.y - (field.y + field.height)).toBeLessThan(40);
  });

  test('after Disconnect, Connect is in the header', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'] }));
    await expect(status(page)).toContainText('Connected');
    const header = page.getByRole('banner');
    await header.getByRole('button', { name: 'Disconnect' }).click();
    await expect(status(page)).toContainText('Disconnected');
    await header.getByRole('button', { name: 'Connect again' }).click();
    await expect(status(page)).toContainText('Connected');
  });
});

test.describe('kiosk', () => {
  async function saveQuickCommand(page: Page, brokerUrl: string) {
    await page.goto(kioskLink({ broker: brokerUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(presenceOf(page, 'moteur')).toHaveText('online');
    const composer = page.locator('command-composer');
    await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
    await composer.getByLabel('Payload', { exact: true }).fill('1200');
    await composer.getByRole('button', { name: 'Save as quick command' }).click();
  }

  test('is read-only, and offers no quick command without commands=1', async ({ page, mosquitto }) => {
    await plant(mosquitto.tcpUrl);
    await saveQuickCommand(page, mosquitto.wsUrl);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, kiosk: true }));
    await expect(tile(page, 'moteur/vitesse')).toContainText('1480');
    await expect(page.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Rename/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '✕' })).toHaveCount(0);
    await expect(device(page, 'moteur').getByRole('group', { name: 'Quick commands for moteur' })).toHaveCount(0);
    await tile(page, 'moteur/vitesse').click();
    const detail = page.getByRole('dialog', { name: 'History of moteur/vitesse' });
    await expect(detail).toContainText('1480');
    await expect(detail.getByRole('button', { name: 'Tile settings' })).toHaveCount(0);
  });

  test('with commands=1, a quick command shows its target and asks before sending', async ({ page, mosquitto }) => {
    const moteur = await plant(mosquitto.tcpUrl);
    const received: string[] = [];
    await moteur.subscribeAsync('moteur/commande', { qos: 1 });
    moteur.on('message', (_topic, payload) => received.push(payload.toString()));
    await saveQuickCommand(page, mosquitto.wsUrl);
    await page.goto(`${kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, kiosk: true })}&commands=1`);
    const quick = device(page, 'moteur').getByRole('group', { name: 'Quick commands for moteur' }).getByRole('button');
    await expect(quick).toHaveText('moteur/commande → 1200');
    await quick.click();
    const confirm = device(page, 'moteur').getByRole('group', { name: 'Confirm the command' });
    await expect(confirm).toContainText('Send 1200 to moteur/commande?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    await quick.click();
    await confirm.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => received).toEqual(['1200']);
    // The note follows the command past "Queued" to what the broker said.
    await expect(device(page, 'moteur').getByRole('status').filter({ hasText: 'moteur/commande → 1200' })).toContainText(/moteur\/commande → 1200: delivered/);
  });
});

test('an empty payload asks first; hints suggest only valid values', async ({ page, mosquitto }) => {
  const witness = await connectDevice(mosquitto.tcpUrl);
  const received: string[] = [];
  await witness.subscribeAsync('moteur/commande', { qos: 1 });
  witness.on('message', (_topic, payload) => received.push(`[${payload.toString()}]`));
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText('Connected');
  const composer = page.locator('command-composer');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByRole('alert')).toContainText('for example moteur/commande');
  await expect(composer.getByRole('alert')).not.toContainText('#');
  await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = composer.getByRole('group', { name: 'Confirm the empty payload' });
  await expect(confirm).toContainText('Send an empty payload to moteur/commande?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('outbox-panel').getByRole('listitem')).toHaveCount(0);
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await confirm.getByRole('button', { name: 'Send empty' }).click();
  await expect.poll(() => received).toEqual(['[]']);
  // The outbox row comes in above the presence panel: opening the panel waits for it, so the tap is not moved by it.
  await expect(page.locator('outbox-panel').getByRole('listitem')).toContainText('delivered');

  const presence = page.locator('presence-panel');
  await presence.locator('summary').click();
  await presence.getByLabel('Status topic pattern').first().fill('a+/status');
  await presence.getByRole('button', { name: 'Save' }).click();
  const hint = presence.getByRole('alert');
  await expect(hint).toContainText('for example +/status');
  const examples = ((await hint.textContent()) ?? '').match(/for example (.*)\./)?.[1] ?? '';
  for (const example of examples.split(' or ')) {
    expect(example.split('/').filter((level) => level === '+')).toHaveLength(1);
    expect(example).not.toContain('#');
  }
});

test('“Other topics” counts its own tiles; ✎ puts the cursor in the name; placeholders fit their fields', async ({ page, mosquitto }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await plant(mosquitto.tcpUrl);
  await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#', 'usine/#'], qos: 1 }));
  await expect(tile(page, 'usine/ligne-2/pression/sortie-compresseur-principal')).toContainText('6.25');
  await expect(page.getByRole('heading', { name: /^Other topics/ })).toHaveText('Other topics (1 topic)');

  await page.getByRole('button', { name: 'Rename moteur' }).click();
  await expect(page.getByLabel('Name for moteur')).toBeFocused();
  await page.keyboard.press('Escape');

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await openSettings(page);
    const folded = page.locator('aside details:not([open]) > summary');
    while ((await folded.count()) > 0) await folded.first().click();
    const cut = await cutPlaceholders(page);
    await page.keyboard.press('Escape'); // the drawer, where there is one
    await page.getByRole('button', { name: 'Message log' }).click();
    cut.push(...(await cutPlaceholders(page)));
    await page.getByRole('button', { name: 'Topic tree' }).click();
    cut.push(...(await cutPlaceholders(page)));
    await page.getByRole('button', { name: 'Values', exact: true }).click();
    expect(cut, `at ${viewport.width}×${viewport.height}`).toEqual([]);
  }
});
