import type { Page } from '@playwright/test';
import type { IPublishPacket } from 'mqtt';
import { startSimulatedDevices } from '../../dev/simulated-devices';
import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';

const outbox = (page: Page) => page.getByRole('region', { name: 'Outbox' });
const composer = (page: Page) => page.locator('command-composer');

interface CommandForm {
  topic: string;
  payload: string;
  qos?: 0 | 1 | 2;
  expiry?: string;
  userProperties?: string;
  replyTimeout?: string;
}

/** Types a command with its MQTT 5 options and sends it to the outbox. */
async function sendCommand(page: Page, form: CommandForm): Promise<void> {
  const panel = composer(page);
  await panel.getByLabel('Topic', { exact: true }).fill(form.topic);
  await panel.getByLabel('Payload', { exact: true }).fill(form.payload);
  await panel.locator('select[name=qos]').selectOption(String(form.qos ?? 1));
  const options = panel.locator('details');
  if (!(await options.evaluate((details) => (details as HTMLDetailsElement).open))) await panel.getByText('MQTT 5 options').click();
  await panel.getByLabel('Message expiry (s)').fill(form.expiry ?? '');
  await panel.getByLabel('User properties (key=value, one per line)').fill(form.userProperties ?? '');
  await panel.getByLabel('Ask for a reply').setChecked(form.replyTimeout !== undefined);
  await panel.getByLabel('Reply timeout (s)').fill(form.replyTimeout ?? '');
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panel.getByText(`Queued in the outbox: ${form.topic} → ${form.payload}`)).toBeVisible();
}

/** An MQTT variable byte integer at `at`: its value and where the next field starts. */
function varint(bytes: Buffer, at: number): [number, number] {
  let value = 0;
  let multiplier = 1;
  for (;;) {
    const digit = bytes[at++] as number;
    value += (digit & 127) * multiplier;
    multiplier *= 128;
    if ((digit & 128) === 0) return [value, at];
  }
}

/** Splits the bytes the page sent over its WebSocket into MQTT packets, and reads each PUBLISH's topic and topic alias. */
function publishesIn(bytes: Buffer): Array<{ topic: string; alias: number | null }> {
  const found: Array<{ topic: string; alias: number | null }> = [];
  let at = 0;
  while (at < bytes.length) {
    const header = bytes[at] as number;
    const [length, body] = varint(bytes, at + 1);
    if (header >> 4 === 3) {
      const topicLength = bytes.readUInt16BE(body);
      const topic = bytes.subarray(body + 2, body + 2 + topicLength).toString('utf8');
      const hasPacketId = ((header >> 1) & 3) > 0;
      const [propertiesLength, properties] = varint(bytes, body + 2 + topicLength + (hasPacketId ? 2 : 0));
      found.push({ topic, alias: topicAliasIn(bytes.subarray(properties, properties + propertiesLength)) });
    }
    at = body + length;
  }
  return found;
}

/** The Topic Alias (0x23) among PUBLISH properties, reading each property by its type. */
function topicAliasIn(properties: Buffer): number | null {
  const sizes: Record<number, 'byte' | 'int32' | 'string' | 'binary' | 'int16' | 'pair' | 'varint'> = {
    0x01: 'byte', 0x02: 'int32', 0x03: 'string', 0x08: 'string', 0x09: 'binary', 0x0b: 'varint', 0x23: 'int16', 0x26: 'pair',
  };
  let at = 0;
  while (at < properties.length) {
    const id = properties[at++] as number;
    const kind = sizes[id];
    if (id === 0x23) return properties.readUInt16BE(at);
    if (kind === 'byte') at += 1;
    else if (kind === 'int32') at += 4;
    else if (kind === 'int16') at += 2;
    else if (kind === 'string' || kind === 'binary') at += 2 + properties.readUInt16BE(at);
    else if (kind === 'pair') {
      at += 2 + properties.readUInt16BE(at);
      at += 2 + properties.readUInt16BE(at);
    } else if (kind === 'varint') at = varint(properties, at)[1];
    else throw new Error(`unexpected PUBLISH property 0x${id.toString(16)}`);
  }
  return null;
}

test.describe('MQTT 5 commands', () => {
  test('a request is answered by the simulated device; a request nobody answers says no reply; topic aliases are used', async ({ page, mosquitto }) => {
    const devices = startSimulatedDevices(mosquitto.tcpUrl, { protocolVersion: 5, outage: { everyMs: 3_600_000, forMs: 1000 } });
    const sent: Buffer[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(Buffer.from(frame.payload))));
    try {
      await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['moteur/#'], qos: 1, clientId: 'tablette-requetes' }));
      await expect(status(page)).toContainText('MQTT 5');
      await expect(tile(page, 'moteur/état')).toContainText('en marche');

      await sendCommand(page, { topic: 'moteur/commande', payload: 'stop', replyTimeout: '10' });
      const stop = outbox(page).getByRole('listitem', { name: 'moteur/commande stop' });
      await expect(stop).toContainText('acknowledged by moteur: ok');
      await expect(tile(page, 'moteur/état')).toContainText('arrêté');

      await sendCommand(page, { topic: 'moteur/commande', payload: 'tourne', replyTimeout: '10' });
      await expect(outbox(page).getByRole('listitem', { name: 'moteur/commande tourne' })).toContainText('acknowledged by moteur: non comprise');
      await sendCommand(page, { topic: 'moteur/commande', payload: 'start', replyTimeout: '10' });
      await expect(outbox(page).getByRole('listitem', { name: 'moteur/commande start' })).toContainText('acknowledged by moteur: ok');

      await sendCommand(page, { topic: 'silencieux/commande', payload: 'ping', replyTimeout: '1' });
      const silent = outbox(page).getByRole('listitem', { name: 'silencieux/commande ping' });
      await expect(silent).toContainText('delivered');
      await expect(silent).toContainText('no reply within 1 s');

      // The first command to moteur/commande named the topic and set an alias; the next ones sent only the alias.
      const toMoteur = publishesIn(Buffer.concat(sent)).filter((p) => p.topic === 'moteur/commande' || p.topic === '');
      expect(toMoteur.length).toBe(3);
      expect(toMoteur[0]?.topic).toBe('moteur/commande');
      expect(toMoteur[0]?.alias).not.toBeNull();
      expect(toMoteur.slice(1)).toEqual([
        { topic: '', alias: toMoteur[0]?.alias },
        { topic: '', alias: toMoteur[0]?.alias },
      ]);
    } finally {
      await devices.stop();
    }
  });

  test('message expiry and user properties reach the device; a command that expired in the outbox is not sent', async ({ page, mosquitto }) => {
    const device = await connectDevice(mosquitto.tcpUrl, { protocolVersion: 5 });
    const received: IPublishPacket[] = [];
    device.on('message', (_topic, _payload, packet) => received.push(packet));
    await device.subscribeAsync('vanne/commande', { qos: 1 });

    await page.goto(kioskLink({ broker: mosquitto.wsUrl, clientId: 'tablette-options' }));
    await expect(status(page)).toContainText('MQTT 5');
    await sendCommand(page, { topic: 'vanne/commande', payload: 'ouvrir', expiry: '60', userProperties: 'opérateur=anna\nposte=2' });
    await expect.poll(() => received.length).toBe(1);
    const properties = received[0]?.properties;
    expect(properties?.userProperties).toMatchObject({ opérateur: 'anna', poste: '2' });
    expect(properties?.userProperties?.['command-id']).toBeTruthy();
    expect(properties?.messageExpiryInterval).toBeGreaterThan(55);
    expect(properties?.messageExpiryInterval).toBeLessThanOrEqual(60);

    // Bad options are refused with a message; what was typed stays.
    const panel = composer(page);
    await panel.getByLabel('User properties (key=value, one per line)').fill('sans valeur');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(panel.getByRole('alert')).toHaveText('User property on line 1 needs the form key=value.');
    await expect(panel.getByLabel('User properties (key=value, one per line)')).toHaveValue('sans valeur');

    // Typed while disconnected with a 1 s expiry, and still queued after it: never sent.
    await page.locator('connection-status').getByRole('button', { name: 'Disconnect' }).click();
    await expect(status(page)).toContainText('Disconnected');
    await sendCommand(page, { topic: 'vanne/commande', payload: 'fermer', expiry: '1' });
    const queuedAt = Date.now(); // the command was stored (and its expiry started) before "Queued" showed
    await expect.poll(() => Date.now() - queuedAt).toBeGreaterThan(1100);
    await page.locator('connection-panel').getByRole('button', { name: 'Connect' }).click();
    await expect(status(page)).toContainText('Connected');
    await expect(outbox(page).getByRole('listitem', { name: 'vanne/commande fermer' })).toContainText(
      'failed: expired: not sent within its message expiry of 1 s',
    );
    expect(received.map((packet) => packet.payload.toString())).toEqual(['ouvrir']);
  });

  test('message properties are shown on demand', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['capteur/#'], qos: 1 }));
    await expect(status(page)).toContainText('MQTT 5');
    await expect(page.getByRole('listitem', { name: 'capteur/#' })).toContainText('granted QoS 1');
    const device = await connectDevice(mosquitto.tcpUrl, { protocolVersion: 5 });
    await device.publishAsync('capteur/mesure', '{"value": 4.2}', {
      qos: 1,
      properties: {
        contentType: 'application/json',
        payloadFormatIndicator: true,
        userProperties: { source: 'banc-3' },
        responseTopic: 'capteur/réponse',
        correlationData: Buffer.from('demande-7'),
        messageExpiryInterval: 300,
      },
    });
    await tile(page, 'capteur/mesure').locator('button.open').click();
    const dialog = page.getByRole('dialog', { name: 'History of capteur/mesure' });
    await dialog.getByText('MQTT 5 properties (6)').click();
    for (const text of ['User property source', 'banc-3', 'application/json', 'UTF-8 text', 'capteur/réponse', 'demande-7', 's left']) {
      await expect(dialog).toContainText(text);
    }
  });
});
