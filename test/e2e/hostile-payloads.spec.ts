/**
 * Hostile topics and payloads through a real Mosquitto: a payload that would freeze the line breaker, topics
 * that pass for others, numbers no float holds, markup; and CONNECT fields MQTT cannot carry. The page stays
 * responsive, shows what was sent, and runs nothing it was sent.
 */
import { connectDevice } from '../support/devices';
import { clearLongTasks, expect, kioskLink, longestTask, status, test, tile, watchLongTasks } from '../support/fixtures';

test.describe('hostile payloads and topics', () => {
  test('a 60 KiB payload of one repeated character shows a bounded preview at once, and whole in the viewer', async ({ page, mosquitto }) => {
    await watchLongTasks(page);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    await clearLongTasks(page);
    const device = await connectDevice(mosquitto.tcpUrl);
    for (const character of ['A', 'م']) await device.publishAsync(`moteur/bruit-${character}`, character.repeat(60 * 1024), { qos: 1 });
    const latin = tile(page, 'moteur/bruit-A');
    await expect(latin).toContainText('preview of 60.0 KiB');
    await expect(tile(page, 'moteur/bruit-م')).toContainText('preview of 120.0 KiB'); // two bytes a character
    expect(await longestTask(page)).toBeLessThan(200);

    // The whole payload, from the tile's history: still no long task. (What is timed is the payload's
    // drawing: the detail's code, loaded when first opened, is compiled before.)
    await latin.locator('button.open').click();
    const detail = page.getByRole('dialog', { name: 'History of moteur/bruit-A' });
    const whole = detail.getByRole('button', { name: 'Whole payload (60.0 KiB)' });
    await expect(whole).toBeVisible();
    await clearLongTasks(page);
    await whole.click();
    // Waited for with the browser's own queries: Playwright's locators walk the page's 60 KiB text and 2,500
    // line breaks in script of their own, long tasks of the test's that the page would be charged with.
    await page.waitForFunction(
      () => {
        const found: Element[] = [];
        const visit = (root: Document | ShadowRoot) => {
          for (const element of Array.from(root.querySelectorAll('*'))) {
            if (element.localName === 'payload-viewer') found.push(element);
            if (element.shadowRoot) visit(element.shadowRoot);
          }
        };
        visit(document);
        const shown = found[0]?.shadowRoot;
        return shown?.querySelector('.meta')?.textContent?.includes('61440 bytes') && shown.querySelector('pre')?.textContent?.length === 60 * 1024;
      },
      null,
      { polling: 250 },
    );
    expect(await longestTask(page)).toBeLessThan(200);
    const viewer = detail.getByRole('region', { name: 'Payload viewer' });
    await expect(viewer).toContainText('61440 bytes');
    expect(await viewer.locator('pre').evaluate((pre) => pre.textContent?.length)).toBe(60 * 1024);
  });

  test('invisible and bidi control characters in a topic are shown, and a payload cannot reorder what is around it', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['u/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('u/moteur/température', '20', { qos: 1 });
    await device.publishAsync('u/moteur\u200B/température', '99', { qos: 1 });
    await device.publishAsync('u/\u202Eerutarepmet', '\u202Eevil', { qos: 1 });
    await expect(tile(page, 'u/moteur/température')).toContainText('20');
    // The spoof is told apart, on screen and to a screen reader.
    const spoof = tile(page, 'u/moteur⟨U+200B⟩/température');
    await expect(spoof.locator('h3')).toHaveText('u/moteur⟨U+200B⟩/température');
    await expect(spoof).toContainText('99');
    const reversed = tile(page, 'u/⟨U+202E⟩erutarepmet');
    await expect(reversed.locator('h3')).toHaveText('u/⟨U+202E⟩erutarepmet');
    // The payload's own direction is isolated in its element: it cannot reverse the footer after it.
    await expect(reversed.locator('.value')).toHaveAttribute('dir', 'auto');
    // Payload text shows the override as what it is (issue 33): it cannot pass for another text either.
    await expect(reversed.locator('.value')).toHaveText('⟨U+202E⟩evil');
  });

  test('numbers no float holds are shown as sent and kept out of the charts', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['n/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('n/json', '{"value":1e400}', { qos: 1 });
    await device.publishAsync('n/plain', '1e400', { qos: 1 });
    for (const value of ['1e308', '-1e308', '1e308']) await device.publishAsync('n/huge', value, { qos: 1 });
    await expect(tile(page, 'n/json')).toContainText('{"value":1e400}');
    await expect(tile(page, 'n/json')).toContainText('not a finite number · not charted');
    await expect(tile(page, 'n/plain')).toContainText('1e400');
    const huge = tile(page, 'n/huge');
    await expect(huge.locator('.value')).toHaveText('1e+308');
    await expect(huge.locator('polyline')).toHaveAttribute('points', /^[\d., ]+$/); // drawn, no NaN
    await huge.locator('button.open').click();
    const chart = page.getByRole('figure', { name: 'Chart of n/huge' });
    await expect(chart).toContainText('3 points · min -1e+308 · max 1e+308');
  });

  test('markup in a topic or a payload is shown as text and never runs', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['x/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    const device = await connectDevice(mosquitto.tcpUrl);
    const markup = '<img src=x onerror="window.__ran=1">';
    await device.publishAsync(`x/${markup}`, markup, { qos: 1 });
    await expect(tile(page, `x/${markup}`).locator('.value')).toHaveText(markup);
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
    expect(await page.locator('img[src=x]').count()).toBe(0);
  });
});

test.describe('CONNECT fields over MQTT limits', () => {
  for (const { field, value, words } of [
    {
      field: 'Client ID',
      value: 'é'.repeat(32_760),
      words:
        'The dashboard\'s Last Will topic is 65,537 bytes of UTF-8, more than the 65,535 an MQTT packet can carry: it holds the client ID: shorten the client ID, or turn off “Announce this dashboard’s presence”.',
    },
    { field: 'Username', value: 'u'.repeat(70_000), words: 'The username is 70,000 bytes of UTF-8, more than the 65,535 an MQTT packet can carry: shorten the username.' },
  ]) {
    test(`a ${field.toLowerCase()} over MQTT's limit is refused before connecting, naming the field`, async ({ page, mosquitto }) => {
      await page.goto('/');
      await page.getByLabel('Broker URL').fill(mosquitto.wsUrl);
      await page.getByLabel(field, { exact: true }).fill(value);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByText(words).first()).toBeVisible();
      await expect(status(page)).not.toContainText('Reconnecting');
      await expect(status(page)).not.toContainText('Connected');
    });
  }
});
