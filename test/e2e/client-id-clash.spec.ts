/**
 * Two devices with the same client id push each other off the broker for ever. The dashboard recognises
 * it (MQTT 5: the broker says "session taken over"; MQTT 3.1.1: links closed right after being accepted,
 * again and again, which a flapping network can also do), stops fighting (MQTT 5) or lets the backoff
 * space its attempts out (3.1.1), says so, and offers a client id of its own.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';
import { startScriptedBroker } from '../support/scripted-broker';

const CLIENT_ID = 'tablette-atelier';

test('MQTT 5: a broker saying "session taken over" stops the dashboard, which says so; a new client id connects it again', async ({ page }) => {
  const broker = await startScriptedBroker(() => 0);
  try {
    await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'], qos: 1, v: '5', clientId: CLIENT_ID }));
    await expect(status(page)).toContainText('Connected');
    broker.disconnectClients(0x8e);
    await expect(status(page)).toContainText(
      `Not connected Stopped: another device is using client id “${CLIENT_ID}”: it connected with the same id and the broker closed this connection (session taken over).`,
    );
    await expect(page.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
    expect(broker.connects).toHaveLength(1);

    await page.getByRole('button', { name: 'Use a new client id' }).click();
    await expect(status(page)).toContainText('Connected');
    expect(broker.connects.at(-1)?.packet.clientId).toMatch(/^dashboard-[0-9a-f]{8}$/);
    await page.locator('connection-panel summary').click();
    await expect(page.getByLabel('Client ID')).toHaveValue(broker.connects.at(-1)?.packet.clientId ?? '');
  } finally {
    await broker.close();
  }
});

for (const version of [4, 5] as const) {
  test(`MQTT ${version === 4 ? '3.1.1' : '5'} on Mosquitto, which closes the link without a reason: links closed right after being accepted, again and again, are recognised as a clash and the fight stops`, async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, v: version === 4 ? '4' : '5', clientId: CLIENT_ID }));
    await expect(status(page)).toContainText('Connected');
    // A device that reconnects at once whenever it is pushed off, as many devices do.
    let deviceConnects = 0;
    const device = await connectDevice(mosquitto.tcpUrl, { clientId: CLIENT_ID, protocolVersion: version, reconnectPeriod: 200 });
    device.on('connect', () => deviceConnects++);
    await expect(status(page)).toContainText(
      `Another device is probably using client id “${CLIENT_ID}”: the broker closed the connection right after accepting it, 3 times in a row`,
      { timeout: 20_000 },
    );
    await expect(status(page)).toContainText(
      'The dashboard keeps trying, less and less often (a flapping network does the same). Use a new client id for this dashboard, or stop the other device.',
    );
    // The fix: a client id of the dashboard's own; the device then keeps its connection.
    await page.getByRole('button', { name: 'Use a new client id' }).click();
    await expect(status(page)).toContainText('Connected');
    await expect.poll(() => device.connected, { timeout: 5000 }).toBe(true);
    const settled = deviceConnects;
    await device.publishAsync('moteur/vitesse', '1510', { qos: 1 });
    await expect(tile(page, 'moteur/vitesse')).toContainText('1510');
    expect(deviceConnects).toBe(settled);
  });
}
