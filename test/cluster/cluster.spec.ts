/**
 * A real three-node RabbitMQ cluster (test/support/rabbitmq.ts), started once for this file: values and a
 * Will cross nodes, Auto reaches it over MQTT 3.1.1 (it closes the socket on an MQTT 5 CONNECT), and QoS 2
 * is shown downgraded to 1. Work in progress for the cluster issue, run by `npm run test:cluster` and not
 * yet by `npm test`: the failover to another node is still to be made to work with RabbitMQ, which
 * accepts the same client id on node B after node A died, then drops the link again and again.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, presenceOf, status, test, tile, typeCommand } from '../support/fixtures';
import { startRabbitCluster, type RabbitCluster } from '../support/rabbitmq';

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
