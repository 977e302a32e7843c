import { spawn } from 'node:child_process';
import type { MqttClient } from 'mqtt';
import { connectDevice } from '../support/devices';
import { device, expect, kioskLink, presenceOf, status, test, tile } from '../support/fixtures';

/** A device with a retained Last Will `offline` on `<id>/status`, announcing itself `online`. */
async function deviceWithWill(brokerUrl: string, id: string): Promise<MqttClient> {
  const client = await connectDevice(brokerUrl, {
    clientId: id,
    keepalive: 60,
    will: { topic: `${id}/status`, payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  await client.publishAsync(`${id}/status`, 'online', { qos: 1, retain: true });
  return client;
}

/** Resolves with the next message on `topic` whose payload is `payload`. */
async function nextMessage(brokerUrl: string, topic: string, payload: string): Promise<void> {
  const observer = await connectDevice(brokerUrl);
  const seen = new Promise<void>((resolve) =>
    observer.on('message', (received, body) => received === topic && body.toString() === payload && resolve()),
  );
  await observer.subscribeAsync(topic, { qos: 1 });
  return seen;
}

test.describe('device presence from Last Will', () => {
  test('a device whose socket is destroyed shows offline within 2 s of the broker publishing its Will', async ({ page, mosquitto }) => {
    const moteur = await deviceWithWill(mosquitto.tcpUrl, 'moteur');
    await moteur.publishAsync('moteur/température', '71.5', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'] }));
    await expect(presenceOf(page, 'moteur')).toHaveText('online');
    await expect(device(page, 'moteur')).toContainText(/since \d/);
    await expect(device(page, 'moteur')).toContainText('last heard');
    // The device's tiles are grouped under it.
    await expect(device(page, 'moteur').getByRole('article', { name: 'moteur/température' })).toContainText('71.5');

    const will = nextMessage(mosquitto.tcpUrl, 'moteur/status', 'offline');
    moteur.stream.destroy(); // no DISCONNECT: the broker publishes the Will
    await will;
    await expect(presenceOf(page, 'moteur')).toHaveText('offline', { timeout: 2000 });
  });

  /** A separate process (Mosquitto's own client) with a 5 s keep-alive and a Will, so it can really be frozen. */
  function frozenableDevice(tcpPort: number, id: string) {
    const child = spawn('mosquitto_pub', [
      ...['-h', '127.0.0.1', '-p', String(tcpPort), '-i', id, '-k', '5', '-q', '1', '-r', '-t', `${id}/status`, '-l'],
      ...['--will-topic', `${id}/status`, '--will-payload', 'offline', '--will-retain', '--will-qos', '1'],
    ]);
    child.stdin.write('online\n'); // the birth message, retained
    return {
      freeze: () => child.kill('SIGSTOP'),
      kill: () => (child.kill('SIGCONT'), child.kill('SIGKILL')),
    };
  }

  test('a device whose process freezes goes offline within 1.5 × its keep-alive plus 2 s (Aedes)', async ({ page, aedes }) => {
    const capteur = frozenableDevice(aedes.tcpPort, 'capteur');
    try {
      await page.goto(kioskLink({ broker: aedes.wsUrl }));
      await expect(presenceOf(page, 'capteur')).toHaveText('online');
      capteur.freeze();
      await expect(presenceOf(page, 'capteur')).toHaveText('offline', { timeout: 5 * 1.5 * 1000 + 2000 });
    } finally {
      capteur.kill();
    }
  });

  test('a device whose process freezes goes offline once Mosquitto gives up on it, within 2 s', async ({ page, mosquitto }) => {
    const capteur = frozenableDevice(mosquitto.tcpPort, 'capteur');
    try {
      await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
      await expect(presenceOf(page, 'capteur')).toHaveText('online');
      const will = nextMessage(mosquitto.tcpUrl, 'capteur/status', 'offline');
      capteur.freeze();
      // Debian's Mosquitto 2.0.11 checks keep-alives only every 6 s or so (its "old" keep-alive check), so it
      // publishes the Will 1.5 × keep-alive plus up to 6 s after the last packet; the dashboard's part is
      // the 2 s after that.
      await will;
      await expect(presenceOf(page, 'capteur')).toHaveText('offline', { timeout: 2000 });
    } finally {
      capteur.kill();
    }
  });

  test('a device that shuts down gracefully and says offline itself shows offline', async ({ page, mosquitto }) => {
    const pompe = await deviceWithWill(mosquitto.tcpUrl, 'pompe');
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['pompe/#'] }));
    await expect(presenceOf(page, 'pompe')).toHaveText('online');
    await pompe.publishAsync('pompe/status', 'offline', { qos: 1, retain: true });
    await pompe.endAsync();
    await expect(presenceOf(page, 'pompe')).toHaveText('offline');
  });

  test('a dashboard opened after a device died shows it offline from the retained status', async ({ page, mosquitto }) => {
    const moteur = await deviceWithWill(mosquitto.tcpUrl, 'moteur');
    const will = nextMessage(mosquitto.tcpUrl, 'moteur/status', 'offline');
    moteur.stream.destroy();
    await will;
    await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
    // Presence subscribes to +/status by itself: no subscription needed for it.
    await expect(page.getByRole('listitem', { name: '+/status' })).toContainText('for device presence');
    await expect(presenceOf(page, 'moteur')).toHaveText('offline');
  });

  test('payloads in other forms are understood; an unknown one does not flip the state and is shown', async ({ page, mosquitto }) => {
    const publisher = await connectDevice(mosquitto.tcpUrl);
    await page.goto(kioskLink({ broker: mosquitto.wsUrl }));
    await expect(page.getByRole('listitem', { name: '+/status' })).toContainText('granted QoS 1');
    for (const [payload, state] of [
      ['1', 'online'],
      ['{"online":false}', 'offline'],
      ['{"status":"ONLINE"}', 'online'],
      ['false', 'offline'],
    ]) {
      await publisher.publishAsync('vanne/status', payload as string, { qos: 1, retain: true });
      await expect(presenceOf(page, 'vanne')).toHaveText(state as string);
    }
    await publisher.publishAsync('vanne/status', 'rebooting <b>now</b>', { qos: 1, retain: true });
    await expect(device(page, 'vanne')).toContainText('unrecognised status on vanne/status: “rebooting <b>now</b>”');
    await expect(presenceOf(page, 'vanne')).toHaveText('offline');
  });

  test('a Home Assistant style rule can be added next to the default one', async ({ page, mosquitto }) => {
    const publisher = await connectDevice(mosquitto.tcpUrl);
    await publisher.publishAsync('maison/lampe/availability', 'ON', { qos: 1, retain: true });
    await publisher.publishAsync('maison/lampe/luminosité', '80', { qos: 1, retain: true });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['maison/#'] }));
    await page.getByRole('heading', { name: 'Device presence' }).click();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('group', { name: 'Presence rule 2' });
    await rule.getByLabel('Status topic pattern').fill('maison/+/availability');
    await rule.getByLabel('Online payloads').fill('ON');
    await rule.getByLabel('Offline payloads').fill('OFF');
    await page.getByRole('button', { name: 'Save presence rules' }).click();
    await expect(page.getByRole('listitem', { name: 'maison/+/availability' })).toContainText('for device presence');
    await expect(presenceOf(page, 'lampe')).toHaveText('online');
    await expect(device(page, 'lampe').getByRole('article', { name: 'maison/lampe/luminosité' })).toContainText('80');
    await publisher.publishAsync('maison/lampe/availability', 'OFF', { qos: 1, retain: true });
    await expect(presenceOf(page, 'lampe')).toHaveText('offline');

    // A bad pattern is refused with a message, and the saved rules stay.
    await rule.getByLabel('Status topic pattern').fill('maison/#');
    await page.getByRole('button', { name: 'Save presence rules' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'maison/#' })).toContainText('contains #');
    await page.reload();
    await expect(presenceOf(page, 'lampe')).toHaveText('offline');
    await expect(status(page)).toContainText('Connected');
    await expect(tile(page, 'maison/lampe/availability')).toContainText('OFF');
  });
});
