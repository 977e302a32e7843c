import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';

test.describe('values from a real Mosquitto', () => {
  test('a kiosk link connects with no click and subscribes', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(status(page)).toContainText('Connected');
    await expect(status(page)).toContainText(`${mosquitto.wsUrl} · MQTT 5`);
    await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('requested QoS 1 · granted QoS 1');
  });

  test('a retained value published before the page opens is shown with its retained mark', async ({ page, mosquitto }) => {
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('moteur/température', '{"value": 71.5, "unit": "°C"}', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'] }));
    const temperature = tile(page, 'moteur/température');
    await expect(temperature).toContainText('71.5 °C');
    await expect(temperature.getByText('retained', { exact: true })).toBeVisible();
  });

  test('live updates replace the value, without the retained mark, with QoS and age', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/vitesse'], qos: 1 }));
    await expect(page.getByRole('listitem', { name: 'moteur/vitesse' })).toContainText('granted QoS 1');
    const device = await connectDevice(mosquitto.tcpUrl);
    for (const rpm of [1200, 1350, 1480]) await device.publishAsync('moteur/vitesse', String(rpm), { qos: 1 });
    const speed = tile(page, 'moteur/vitesse');
    await expect(speed).toContainText('1480');
    await expect(speed).toContainText('QoS 1');
    await expect(speed).toContainText(/just now|\d+ s ago/);
    await expect(speed.getByText('retained', { exact: true })).toHaveCount(0);
    await device.publishAsync('moteur/vitesse', '1500', { qos: 0 });
    await expect(speed).toContainText('1500');
    await expect(speed).toContainText('QoS 0');
  });

  test('wildcards + and # receive what they match and nothing else', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['usine/+/pression', 'moteur/#'], qos: 1 }));
    await expect(page.getByRole('listitem', { name: 'usine/+/pression' })).toContainText('granted QoS 1');
    await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('granted QoS 1');
    const device = await connectDevice(mosquitto.tcpUrl);
    const published: Array<[string, string]> = [
      ['usine/ligne-1/pression', '2.1'],
      ['usine/ligne-2/pression', '2.7'],
      ['usine/ligne-1/température', '40'],
      ['usine/a/b/pression', '9'],
      ['moteur', '0'],
      ['moteur/axe/vibration', '0.02'],
      ['pompe/débit', '12'],
    ];
    for (const [topic, payload] of published) await device.publishAsync(topic, payload, { qos: 1 });
    await device.publishAsync('moteur/fin', 'end', { qos: 1 }); // published last: once it shows, all earlier ones arrived
    await expect(tile(page, 'moteur/fin')).toBeVisible();
    await expect(tile(page, 'usine/ligne-1/pression')).toContainText('2.1');
    await expect(tile(page, 'usine/ligne-2/pression')).toContainText('2.7');
    await expect(tile(page, 'moteur')).toContainText('0'); // "moteur/#" also matches its parent level
    await expect(tile(page, 'moteur/axe/vibration')).toContainText('0.02');
    await expect(page.getByRole('article')).toHaveCount(5);
  });

  test('a non-ASCII topic works end to end, subscribed by typing it', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
    await expect(status(page)).toContainText('Connected');
    await page.getByLabel('Topic filter').fill('moteur/température');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('listitem', { name: 'moteur/température' })).toContainText('granted QoS 1');
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('moteur/température', '{"value":64.2,"unit":"°C"}', { qos: 1 });
    await expect(tile(page, 'moteur/température')).toContainText('64.2 °C');
  });

  test('payloads are shown for what they are: JSON, binary as hex, large ones as a preview, markup as text', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['p/#'], qos: 1 }));
    await expect(page.getByRole('listitem', { name: 'p/#' })).toContainText('granted QoS 1');
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('p/json', '{ "mode": "auto", "alarms": [] }', { qos: 1 });
    await device.publishAsync('p/binary', Buffer.from([0x00, 0xde, 0xad, 0xbe, 0xef]), { qos: 1 });
    await device.publishAsync('p/large', 'x'.repeat(100 * 1024), { qos: 1 });
    await device.publishAsync('p/markup', '<img src=x onerror="document.title=\'pwned\'">', { qos: 1 });
    await expect(tile(page, 'p/json')).toContainText('{ "mode": "auto", "alarms": [] }'); // as sent
    await expect(tile(page, 'p/binary')).toContainText('00 de ad be ef');
    await expect(tile(page, 'p/binary')).toContainText('binary · 5 B');
    await expect(tile(page, 'p/large')).toContainText('preview of 100.0 KiB');
    expect((await tile(page, 'p/large').locator('.value').textContent())?.length).toBeLessThanOrEqual(1025);
    await expect(tile(page, 'p/markup')).toContainText('<img src=x onerror="document.title=\'pwned\'">');
    await expect(page.locator('img')).toHaveCount(0);
    expect(await page.title()).toBe('MQTT Dashboard');
  });
});
