import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';

test.describe('the embedded Aedes dev broker (MQTT 3.1.1 only)', () => {
  test('Auto falls back to MQTT 3.1.1 and shows live values', async ({ page, aedes }) => {
    await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['moteur/#'], qos: 1 }));
    await expect(status(page)).toContainText(`Connected to ${aedes.wsUrl} · MQTT 3.1.1`);
    await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('granted QoS 1');
    const device = await connectDevice(aedes.tcpUrl);
    await device.publishAsync('moteur/température', '{"value":66.1,"unit":"°C"}', { qos: 1 });
    await expect(tile(page, 'moteur/température')).toContainText('66.1 °C');
  });

  test('MQTT 5 forced against Aedes is refused in words', async ({ page, aedes }) => {
    await page.goto(kioskLink({ broker: aedes.wsUrl, v: '5' }));
    await expect(status(page)).toContainText('Connection refused: the broker does not accept this MQTT protocol version');
    await expect(status(page)).toContainText('Choose Auto');
  });

  test('retained values from the dev broker carry the retained mark', async ({ page, aedes }) => {
    const device = await connectDevice(aedes.tcpUrl);
    await device.publishAsync('pompe/status', 'online', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['+/status'] }));
    await expect(tile(page, 'pompe/status').getByText('retained', { exact: true })).toBeVisible();
  });
});
