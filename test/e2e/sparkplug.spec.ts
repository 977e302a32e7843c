/**
 * Sparkplug B as a host application, against real Mosquitto, with a real edge node speaking Sparkplug
 * through Eclipse Tahu's sparkplug-payload (dev/sparkplug-edge-node.ts).
 */
import type { Page } from '@playwright/test';
import Long from 'long';
import { SparkplugEdgeNode } from '../../dev/sparkplug-edge-node';
import { connectDevice } from '../support/devices';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { device, expect, kioskLink, presenceOf, status, test, tile, type KioskOptions } from '../support/fixtures';

const NODE = 'Usine1/Ligne1';
const metric = (owner: string, name: string) => `spBv1.0/${owner}/${name}`;

const edges: SparkplugEdgeNode[] = [];
let proxy: TcpProxy | null = null;
test.afterEach(async () => {
  await Promise.all(edges.splice(0).map((edge) => edge.stop()));
  await proxy?.close();
  proxy = null;
});

function edgeNode(brokerUrl: string): SparkplugEdgeNode {
  const edge = new SparkplugEdgeNode({ brokerUrl });
  edges.push(edge);
  return edge;
}

/** Opens the dashboard on `spBv1.0/#` and waits until the broker granted it. */
async function openDashboard(page: Page, wsUrl: string, options: Partial<KioskOptions> = {}): Promise<void> {
  await page.goto(kioskLink({ broker: wsUrl, subs: ['spBv1.0/#', 'usine/#'], qos: 1, ...options }));
  await expect(page.getByRole('listitem', { name: 'spBv1.0/#' })).toContainText('granted QoS 1');
}

test.describe('Sparkplug B host application', () => {
  test('births give metrics by name with their units; data by alias; a 64-bit counter beyond 2^53 exact', async ({ page, mosquitto }) => {
    await openDashboard(page, mosquitto.wsUrl);
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start();

    await expect(presenceOf(page, NODE)).toHaveText('online');
    await expect(presenceOf(page, `${NODE}/Presse`)).toHaveText('online');
    await expect(presenceOf(page, `${NODE}/Four`)).toHaveText('online');
    const pressure = tile(page, metric(`${NODE}/Presse`, 'Pression'));
    await expect(pressure).toContainText('182.4 bar');
    await expect(pressure).toContainText('Double');
    // On its device's card, a metric is named by its name.
    await expect(device(page, `${NODE}/Presse`).getByRole('heading', { name: 'Pression', exact: true })).toBeVisible();
    const pieces = tile(page, metric(NODE, 'Pièces produites'));
    await expect(pieces).toContainText('9007199254740993');

    await edge.data({ Pression: 190.25 }, 'Presse');
    await edge.data({ 'Pièces produites': Long.fromString('18446744073709551615', true) });
    await expect(pressure).toContainText('190.25 bar');
    await expect(pieces).toContainText('18446744073709551615');
    await expect(pieces).toContainText('UInt64');
    await expect(device(page, NODE)).not.toContainText('out of sync');
  });

  test('NDEATH with the birth’s bdSeq: the node and its devices offline, their metrics stale', async ({ page, mosquitto }) => {
    await openDashboard(page, mosquitto.wsUrl);
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start();
    const pressure = tile(page, metric(`${NODE}/Presse`, 'Pression'));
    await expect(pressure).toContainText('182.4 bar');

    edge.die(); // no DISCONNECT: the broker publishes the NDEATH it holds as the node's Will
    await expect(presenceOf(page, NODE)).toHaveText('offline');
    await expect(device(page, NODE)).toContainText('NDEATH, bdSeq 0');
    await expect(presenceOf(page, `${NODE}/Presse`)).toHaveText('offline');
    await expect(device(page, `${NODE}/Presse`)).toContainText('its node died');
    await expect(pressure).toContainText('stale · device offline');
    await expect(tile(page, metric(NODE, 'Recette'))).toContainText('stale · node offline');
  });

  test('a late NDEATH of an earlier session does not mark a live node offline', async ({ page, mosquitto }) => {
    await openDashboard(page, mosquitto.wsUrl);
    const edge = edgeNode(mosquitto.tcpUrl);
    edge.bdSeq = 4;
    await edge.start();
    await expect(presenceOf(page, NODE)).toHaveText('online');

    await edge.publishDeath(3); // an NDEATH of the session before
    await edge.data({ 'Vitesse ligne': 44.5 });
    await expect(tile(page, metric(NODE, 'Vitesse ligne'))).toContainText('44.5');
    await expect(presenceOf(page, NODE)).toHaveText('online');

    await edge.publishDeath(4); // this session's
    await expect(presenceOf(page, NODE)).toHaveText('offline');
  });

  test('a seq gap puts the node out of sync and sends a Rebirth request; the new birth brings it back in sync', async ({ page, mosquitto }) => {
    await openDashboard(page, mosquitto.wsUrl);
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start();
    await expect(tile(page, metric(`${NODE}/Four`, 'Température'))).toContainText('215.3 °C');

    edge.skipSeq(3);
    await edge.data({ Température: 216.5 }, 'Four');
    await expect.poll(() => edge.rebirths).toBe(1);
    expect(edge.writes).toContainEqual({ topic: 'spBv1.0/Usine1/NCMD/Ligne1', name: 'Node Control/Rebirth', type: 'Boolean', value: 'true' });
    // The Rebirth request went through the outbox, as a command.
    await expect(page.locator('outbox-panel')).toContainText('Rebirth request');
    await expect(device(page, NODE)).not.toContainText('out of sync');
    await edge.data({ Température: 217.5 }, 'Four');
    await expect(tile(page, metric(`${NODE}/Four`, 'Température'))).toContainText('217.5 °C');
    await expect(device(page, NODE)).not.toContainText('out of sync');
  });

  test('data from a node born before the dashboard came: a Rebirth request, then its metrics by name', async ({ page, mosquitto }) => {
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start(); // its births went by before the dashboard subscribed
    await openDashboard(page, mosquitto.wsUrl);
    await edge.data({ Pression: 185 }, 'Presse');
    await expect.poll(() => edge.rebirths).toBe(1);
    await expect(presenceOf(page, `${NODE}/Presse`)).toHaveText('online');
    await expect(tile(page, metric(`${NODE}/Presse`, 'Pression'))).toContainText('185 bar');
  });

  test('with Rebirth on request, an out-of-sync node offers the button, and it works', async ({ page, mosquitto }) => {
    await openDashboard(page, mosquitto.wsUrl, { rebirth: 'ask' });
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start();
    await expect(presenceOf(page, NODE)).toHaveText('online');
    edge.skipSeq(1);
    await edge.data({ 'Vitesse ligne': 40 });
    await expect(device(page, NODE)).toContainText('out of sync: a seq gap');
    expect(edge.rebirths).toBe(0);
    await device(page, NODE).getByRole('button', { name: 'Request rebirth' }).click();
    await expect.poll(() => edge.rebirths).toBe(1);
    await expect(device(page, NODE)).not.toContainText('out of sync');
  });

  test('a write reaches the device as a DCMD with the metric’s datatype; a value that does not fit is refused', async ({ page, mosquitto }) => {
    await openDashboard(page, mosquitto.wsUrl);
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start();
    const topic = metric(`${NODE}/Presse`, 'Consigne');
    await expect(tile(page, topic)).toContainText('180 bar');
    await tile(page, topic).locator('button.open').click();
    const detail = page.getByRole('dialog', { name: `History of ${topic}` });
    await expect(detail).toContainText('Int32');

    await detail.getByLabel('New value (Int32)').fill('3000000000');
    await detail.getByRole('button', { name: 'Write' }).click();
    await expect(detail).toContainText('Not queued: Consigne is a metric of datatype Int32, so its value must be a whole number from -2147483648 to 2147483647.');

    await detail.getByLabel('New value (Int32)').fill('195');
    await detail.getByRole('button', { name: 'Write' }).click();
    // The note follows the command through the outbox to the broker (a DCMD goes at QoS 0).
    await expect(detail.locator('sparkplug-metric').getByRole('status')).toHaveText(/^Consigne = 195: (sent|delivered)/);
    await expect.poll(() => edge.writes).toContainEqual({ topic: 'spBv1.0/Usine1/DCMD/Ligne1/Presse', name: 'Consigne', type: 'Int32', value: '195' });
    expect(edge.writes.filter((write) => write.name === 'Consigne')).toHaveLength(1);
    await expect(tile(page, topic)).toContainText('195 bar'); // the device applied it and sent it back as DDATA
  });

  test('outside spBv1.0/ nothing is guessed to be Sparkplug; a malformed payload inside is shown as undecodable, with its size', async ({ page, mosquitto }) => {
    await openDashboard(page, mosquitto.wsUrl);
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start();
    const plain = await connectDevice(mosquitto.tcpUrl);
    await plain.publishAsync('usine/compteur', '5000', { qos: 1 });
    await plain.publishAsync('usine/état', '{"empty": true, "n": 3}', { qos: 1 });
    await expect(tile(page, 'usine/compteur')).toContainText('5000');
    await expect(tile(page, 'usine/état')).toContainText('{"empty": true, "n": 3}');

    await edge.publishRaw('spBv1.0/Usine1/NDATA/Ligne1', new Uint8Array([0x12, 0x10, 0x0a]));
    await expect(tile(page, 'spBv1.0/Usine1/NDATA/Ligne1')).toContainText('Undecodable Sparkplug B payload (3 B)');
    // Nothing else broke: the node is still in sync, and its data still arrives.
    await edge.data({ 'Vitesse ligne': 43.5 });
    await expect(tile(page, metric(NODE, 'Vitesse ligne'))).toContainText('43.5');
    await expect(device(page, NODE)).not.toContainText('out of sync');
    await expect(presenceOf(page, NODE)).toHaveText('online');
  });

  test('as a host application, STATE says online (retained) on connect and offline on Disconnect, with the CONNECT’s timestamp', async ({ page, mosquitto }) => {
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, sphost: 'tableau-1' }));
    await expect(status(page)).toContainText('Connected');
    // The host subscribes to the Sparkplug namespace by itself.
    await expect(page.getByRole('listitem', { name: 'spBv1.0/#' })).toContainText('granted QoS 1');
    const observer = await connectDevice(mosquitto.tcpUrl);
    const states: Array<{ retained: boolean; state: { online: boolean; timestamp: number } }> = [];
    observer.on('message', (_topic, payload, packet) => states.push({ retained: packet.retain, state: JSON.parse(payload.toString()) as { online: boolean; timestamp: number } }));
    await observer.subscribeAsync('spBv1.0/STATE/tableau-1', { qos: 1 });
    await expect.poll(() => states.length).toBe(1);
    const birth = states[0];
    expect(birth?.retained).toBe(true);
    expect(birth?.state.online).toBe(true);
    expect(Math.abs((birth?.state.timestamp ?? 0) - Date.now())).toBeLessThan(60_000);

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => states.length).toBe(2);
    expect(states[1]?.state).toEqual({ online: false, timestamp: birth?.state.timestamp });
  });

  test('the dashboard’s link is cut while the node goes on: stale, then the gap asks for a rebirth and the values are live again', async ({ page, mosquitto }) => {
    proxy = await startTcpProxy(mosquitto.wsPort);
    await openDashboard(page, `ws://127.0.0.1:${proxy.port}`);
    const edge = edgeNode(mosquitto.tcpUrl);
    await edge.start();
    const pressure = tile(page, metric(`${NODE}/Presse`, 'Pression'));
    await expect(pressure).toContainText('182.4 bar');

    proxy.cut();
    await expect(status(page)).toContainText('Reconnecting');
    await expect(pressure).toContainText('stale since');
    await edge.data({ Pression: 185 }, 'Presse'); // lost for the dashboard: Sparkplug data is QoS 0
    proxy.restore();
    await expect(status(page)).toContainText('Connected', { timeout: 20_000 });

    await edge.data({ Pression: 187.5 }, 'Presse');
    await expect.poll(() => edge.rebirths).toBe(1);
    await expect(pressure).toContainText('187.5 bar');
    await expect(pressure).not.toContainText('stale');
    await expect(device(page, NODE)).not.toContainText('out of sync');
    await expect(presenceOf(page, NODE)).toHaveText('online');
  });

  test('on Aedes (MQTT 3.1.1): births, data by alias and a write', async ({ page, aedes }) => {
    await openDashboard(page, aedes.wsUrl);
    const edge = edgeNode(aedes.tcpUrl);
    await edge.start();
    const temperature = tile(page, metric(`${NODE}/Four`, 'Température'));
    await expect(temperature).toContainText('215.3 °C');
    await edge.data({ Température: 216 }, 'Four');
    await expect(temperature).toContainText('216');
    const topic = metric(`${NODE}/Four`, 'Porte ouverte');
    await tile(page, topic).locator('button.open').click();
    const detail = page.getByRole('dialog', { name: `History of ${topic}` });
    await detail.getByLabel('New value (Boolean)').fill('true');
    await detail.getByRole('button', { name: 'Write' }).click();
    await expect.poll(() => edge.writes).toContainEqual({ topic: 'spBv1.0/Usine1/DCMD/Ligne1/Four', name: 'Porte ouverte', type: 'Boolean', value: 'true' });
    await expect(tile(page, topic)).toContainText('true');
  });
});
