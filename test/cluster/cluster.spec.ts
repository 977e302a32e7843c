/**
 * A real three-node RabbitMQ cluster (test/support/rabbitmq.ts), started once for this file: values and a
 * Will cross nodes, Auto reaches it over MQTT 3.1.1 (it closes the socket on an MQTT 5 CONNECT), QoS 2 is
 * shown downgraded to 1, and a node killed with the dashboards' sessions on it: the other nodes accept the
 * same client id and drop it at once, which the dashboard ends with a fresh session, by itself or offered.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, presenceOf, status, test, tile, typeCommand } from '../support/fixtures';
import { startRabbitCluster, type RabbitCluster } from '../support/rabbitmq';
import { startWitness } from '../support/witness';

let cluster: RabbitCluster | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  cluster = await startRabbitCluster(3); // three: the MQTT client id registry keeps its quorum when one node dies
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await cluster?.stop();
  cluster = null;
});

const nodes = () => {
  const [a, b] = cluster?.nodes ?? [];
  if (!a || !b) throw new Error('The RabbitMQ cluster did not start.');
  return { a, b };
};

test('values and a Will published through node B reach a dashboard on node A, over MQTT 3.1.1 chosen by Auto', async ({ page }) => {
  const { a, b } = nodes();
  await page.goto(kioskLink({ broker: [a.wsUrl, b.wsUrl], subs: ['capteur/#'], qos: 1, clean: true }));
  await expect(status(page)).toContainText(`Connected to ${a.wsUrl} · MQTT 3.1.1`);
  const capteur = await connectDevice(b.tcpUrl, {
    clientId: 'capteur-rabbit',
    protocolVersion: 4,
    will: { topic: 'capteur/status', payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  await capteur.publishAsync('capteur/status', 'online', { qos: 1, retain: true });
  await capteur.publishAsync('capteur/humidité', '48.5', { qos: 1 });
  await expect(tile(page, 'capteur/humidité')).toContainText('48.5');
  await expect(presenceOf(page, 'capteur')).toHaveText('online');
  capteur.stream.destroy(); // no DISCONNECT: node B publishes the Will
  await expect(presenceOf(page, 'capteur')).toHaveText('offline', { timeout: 5000 });
});

test('QoS 2 is shown granted as 1, and a QoS 2 command as downgraded to at least once', async ({ page }) => {
  const { a, b } = nodes();
  await page.goto(kioskLink({ broker: [a.wsUrl, b.wsUrl], subs: ['moteur/#'], qos: 2, clean: true }));
  await expect(status(page)).toContainText('Connected');
  await openSettings(page);
  await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('requested QoS 2 · granted QoS 1');
  await typeCommand(page, 'moteur/commande', 'marche', 2);
  await expect(page.getByRole('region', { name: 'Outbox' }).getByRole('listitem', { name: 'moteur/commande marche' })).toContainText(
    'delivered · broker downgraded QoS 2 to 1 (at least once)',
  );
  await expect(status(page)).toContainText('this broker gives at most QoS 1');
});

/** Each payload once, in the order of its first delivery: QoS 1 may deliver a command twice, never out of order. */
const firstDeliveries = (payloads: string[]) => payloads.filter((payload, index) => payloads.indexOf(payload) === index);

// Last: node A stays dead afterwards.
test('node A killed with the sessions on it: tablets are on node B within 2 s, or wait and offer a fresh session', async ({ page, browser }) => {
  const { a, b } = nodes();
  const c = cluster?.nodes[2];
  if (!c) throw new Error('The RabbitMQ cluster has no third node.');
  const witness = await startWitness(c.tcpUrl, 'moteur/commande', 4);
  const waiting = await (await browser.newContext()).newPage();
  try {
    // Persistent sessions, on node A: RabbitMQ keeps each one there, and cannot move it when A dies.
    await page.goto(kioskLink({ broker: [a.wsUrl, b.wsUrl], subs: ['moteur/#'], qos: 1, clientId: 'tablette-rabbit', clean: false }));
    await waiting.goto(kioskLink({ broker: [a.wsUrl, b.wsUrl], subs: ['moteur/#'], qos: 1, clientId: 'tablette-patiente', clean: false, fresh: false }));
    await expect(status(page)).toContainText(`Connected to ${a.wsUrl}`);
    await expect(status(waiting)).toContainText(`Connected to ${a.wsUrl}`);
    const capteur = await connectDevice(a.tcpUrl, { clientId: 'moteur-rabbit', protocolVersion: 4 });
    await capteur.publishAsync('moteur/vitesse', '1500', { qos: 1, retain: true }); // retained on node A only
    await expect(tile(page, 'moteur/vitesse')).toContainText('1500');
    await expect(tile(waiting, 'moteur/vitesse')).toContainText('1500');

    a.kill();
    const killedAt = Date.now();
    await typeCommand(page, 'moteur/commande', 'un', 1); // during the failover
    await expect(status(page)).toContainText(`Connected to ${b.wsUrl}`, { timeout: Math.max(1, 2000 - (Date.now() - killedAt)) });
    await expect(page.getByRole('alert').filter({ hasText: 'Started a fresh session as' })).toContainText('Commands in the outbox are resent');
    await expect(tile(page, 'moteur/vitesse')).toContainText('1500'); // node B has no retained copy: the tile keeps its value
    await typeCommand(page, 'moteur/commande', 'deux', 1);
    await typeCommand(page, 'moteur/commande', 'trois', 1);
    const device = await connectDevice(b.tcpUrl, { clientId: 'moteur-rabbit-b', protocolVersion: 4 });
    await device.publishAsync('moteur/vitesse', '1540', { qos: 1 });
    await expect(tile(page, 'moteur/vitesse')).toContainText('1540');
    await expect.poll(() => firstDeliveries(witness.payloads)).toEqual(['un', 'deux', 'trois']);
    const outbox = page.getByRole('region', { name: 'Outbox' });
    for (const payload of ['un', 'deux', 'trois']) {
      await expect(outbox.getByRole('listitem', { name: `moteur/commande ${payload}` })).toContainText('acknowledged (at least once');
    }

    // The other tablet waits for node A, says why, and offers the fresh session.
    await expect(status(waiting)).toContainText('The cluster keeps dropping this dashboard');
    await expect(status(waiting)).toContainText('messages queued for this dashboard on the lost node arrive when it returns');
    if (process.env.SHOTS) {
      await page.screenshot({ path: 'scratch/fresh-notice.png' });
      await waiting.screenshot({ path: 'scratch/pinned-offer.png' });
      await waiting.setViewportSize({ width: 390, height: 844 });
      await waiting.screenshot({ path: 'scratch/pinned-offer-phone.png' });
    }
    await expect(tile(waiting, 'moteur/vitesse')).toContainText('1500');
    await waiting.getByRole('button', { name: 'Start a fresh session' }).click();
    await expect(status(waiting)).toContainText(`Connected to ${b.wsUrl}`);
    await device.publishAsync('moteur/vitesse', '1550', { qos: 1 });
    await expect(tile(waiting, 'moteur/vitesse')).toContainText('1550');
  } finally {
    await waiting.context().close();
    await witness.close();
  }
});
