/**
 * A broker that sends what MQTT forbids (test/support/scripted-broker.ts): each fault closes the link at
 * once with its reason in words, the dashboard says so (MQTT 5: a DISCONNECT with the reason code), reconnects
 * by itself, and values flow again; no single hostile packet holds the page up.
 */
import mqttPacket, { type Packet } from 'mqtt-packet';
import {
  clearLongTasks,
  expect,
  kioskLink,
  longestTask,
  openSettings,
  recordStatusTexts,
  status,
  statusHasSaid,
  test,
  tile,
  typeCommand,
  watchLongTasks,
} from '../support/fixtures';
import { startScriptedBroker, type ScriptedBroker } from '../support/scripted-broker';

let broker: ScriptedBroker | null = null;
test.afterEach(async () => {
  await broker?.close();
  broker = null;
});

const bytes = (...values: number[]) => new Uint8Array(values);
const generated = (packet: Packet, protocolVersion: 4 | 5 = 5) => new Uint8Array(mqttPacket.generate(packet, { protocolVersion }));

interface Attack {
  name: string;
  /** The packet, as bytes (or as a packet for mqtt-packet to write). */
  packet: Uint8Array;
  /** What the status says, after “the broker sent ”. */
  words: string;
  /** The reason code the dashboard's DISCONNECT carries. */
  code: number;
}

const attacks: Attack[] = [
  { name: 'a PUBLISH with QoS 3', packet: bytes(0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01), words: 'a PUBLISH with QoS 3 (malformed packet)', code: 0x81 },
  { name: 'a packet of reserved type 0', packet: bytes(0x00, 0x00), words: 'a packet of reserved type 0 (malformed packet)', code: 0x81 },
  { name: 'a length of 5 bytes', packet: bytes(0x30, 0xff, 0xff, 0xff, 0xff, 0x01), words: 'a PUBLISH whose length takes more than 4 bytes (malformed packet)', code: 0x81 },
  {
    name: 'a declared length of 256 MB',
    packet: bytes(0x30, 0xff, 0xff, 0xff, 0x7f, 0x00),
    words: 'a PUBLISH of 268,435,460 bytes, over the 1,048,576 bytes the dashboard accepts (packet too large)',
    code: 0x95,
  },
  { name: 'a topic longer than its packet', packet: bytes(0x30, 0x05, 0x00, 0x40, 0x61, 0x62, 0x00), words: 'a packet the dashboard cannot read', code: 0x81 },
  { name: 'a SUBSCRIBE, which only clients send', packet: bytes(0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00), words: 'a SUBSCRIBE, which only a client sends (protocol error)', code: 0x82 },
  {
    name: 'a PUBLISH to a topic with a wildcard',
    packet: generated({ cmd: 'publish', topic: 'moteur/+', payload: '1', qos: 0, retain: false, dup: false }),
    words: 'a PUBLISH to a topic with a wildcard (“+” or “#”), which no message can have (topic name invalid)',
    code: 0x90,
  },
  {
    name: 'a PUBLISH with a topic alias it never defined',
    packet: generated({ cmd: 'publish', topic: '', payload: '1', qos: 0, retain: false, dup: false, properties: { topicAlias: 7 } }),
    words: 'a PUBLISH with a topic alias it never defined (protocol error)',
    code: 0x82,
  },
  {
    name: 'a topic alias above the maximum',
    packet: generated({ cmd: 'publish', topic: 'moteur/vitesse', payload: '1', qos: 0, retain: false, dup: false, properties: { topicAlias: 500 } }),
    words: 'a PUBLISH with a topic alias outside what the dashboard accepts (topic alias invalid)',
    code: 0x94,
  },
];

test.describe('a broker that breaks the protocol', () => {
  for (const attack of attacks) {
    test(`${attack.name}: the link is closed at once with the reason, and the dashboard reconnects`, async ({ page }) => {
      const scripted = await startScriptedBroker(() => 0);
      broker = scripted;
      await watchLongTasks(page);
      await recordStatusTexts(page);
      await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['moteur/#'], qos: 1, v: '5' }));
      await expect(status(page)).toContainText('Connected');
      await openSettings(page);
      await clearLongTasks(page);
      scripted.sendRaw(attack.packet);
      // The reconnection may follow within a fraction of a second on a loaded machine: every text the status
      // showed is recorded, and the reason stays in the connection details as the last drop.
      const words = `Connection closed by the dashboard: the broker sent ${attack.words}`;
      await expect.poll(() => statusHasSaid(page, words)).toBe(true);
      await expect.poll(() => statusHasSaid(page, 'It connects again by itself.')).toBe(true);
      await expect.poll(() => scripted.received.find((packet) => packet.cmd === 'disconnect')).toMatchObject({ reasonCode: attack.code });
      // What the hostile packet cost the page, before the typing below adds tasks of its own.
      const costOfPacket = await longestTask(page);
      // A command given meanwhile is kept, and sent once the link is back.
      await typeCommand(page, 'moteur/commande', 'arrêt', 1);
      // It comes back by itself, with the usual backoff, and values flow again.
      await expect(status(page)).toContainText('Connected', { timeout: 20_000 });
      await expect.poll(() => scripted.connects.length).toBe(2);
      await expect
        .poll(() => scripted.received.some((packet) => packet.cmd === 'publish' && packet.topic === 'moteur/commande' && String(packet.payload) === 'arrêt'))
        .toBe(true);
      scripted.publish('moteur/vitesse', '1480');
      await expect(tile(page, 'moteur/vitesse')).toContainText('1480');
      expect(costOfPacket).toBeLessThan(200);
    });
  }

  test('a CONNACK with a Receive Maximum of 0 is refused as a protocol error, not left with commands queued', async ({ page }) => {
    const scripted = await startScriptedBroker((attempt) => (attempt === 1 ? { code: 0, properties: { receiveMaximum: 0 } } : 0));
    broker = scripted;
    await recordStatusTexts(page);
    await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['moteur/#'], qos: 1, v: '5' }));
    await expect.poll(() => statusHasSaid(page, 'the broker sent a CONNACK with a Receive Maximum of 0 (protocol error)')).toBe(true);
    await expect(status(page)).toContainText('Connected', { timeout: 20_000 });
    // Once connected again, the reason is still on screen in the connection details.
    await page.getByRole('button', { name: 'Status details' }).click();
    await expect(page.locator('connection-details')).toContainText(
      /Last failed attempt[\s\S]*the broker sent a CONNACK with a Receive Maximum of 0 \(protocol error\)/,
    );
  });

  test('QoS 2 messages held without their release beyond the bound close the link instead of filling memory', async ({ page }) => {
    const scripted = await startScriptedBroker(() => 0);
    broker = scripted;
    await recordStatusTexts(page);
    await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['moteur/#'], qos: 2, v: '4' }));
    await expect(status(page)).toContainText('Connected');
    const payload = 'x'.repeat(100);
    for (let id = 1; id <= 1001; id++) {
      scripted.send({ cmd: 'publish', topic: `moteur/m${id}`, payload, qos: 2, messageId: id, retain: false, dup: false });
    }
    await expect
      .poll(() => statusHasSaid(page, 'the broker sent more QoS 2 messages held without their release (PUBREL) than the dashboard keeps (1,000 messages or 16 MiB)'))
      .toBe(true);
    await expect(status(page)).toContainText('Connected', { timeout: 20_000 });
  });
});
