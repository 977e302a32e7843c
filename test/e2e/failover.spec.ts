/**
 * Several broker URLs (a cluster's nodes, here two independent Mosquitto brokers): the dashboard uses the
 * first that answers, moves to the next when its broker dies, says which URL it is on, and the commands
 * given during the failover reach the other broker in order.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, openSettings, status, test, tile, typeCommand } from '../support/fixtures';
import { startMosquitto } from '../support/mosquitto';
import { startWitness } from '../support/witness';

test('node A killed: the dashboard is on node B within 2 s, values flow, and the commands of the failover arrive in order', async ({ page, mosquitto }) => {
  const nodeB = await startMosquitto();
  const witness = await startWitness(nodeB.tcpUrl, 'moteur/commande', 4);
  try {
    await page.goto(kioskLink({ broker: [mosquitto.wsUrl, nodeB.wsUrl], subs: ['moteur/#'], qos: 1, clientId: 'tablette-cluster' }));
    await expect(status(page)).toContainText(`Connected to ${mosquitto.wsUrl}`);
    await openSettings(page);

    await mosquitto.kill('SIGKILL');
    const killedAt = Date.now();
    await typeCommand(page, 'moteur/commande', 'un', 1); // during the failover
    await expect(status(page)).toContainText(`Connected to ${nodeB.wsUrl}`, { timeout: Math.max(1, 2000 - (Date.now() - killedAt)) });
    await typeCommand(page, 'moteur/commande', 'deux', 1);
    await typeCommand(page, 'moteur/commande', 'trois', 1);

    const device = await connectDevice(nodeB.tcpUrl);
    await device.publishAsync('moteur/vitesse', '1540', { qos: 1 });
    await expect(tile(page, 'moteur/vitesse')).toContainText('1540');
    await expect.poll(() => witness.payloads).toEqual(['un', 'deux', 'trois']);
  } finally {
    await witness.close();
    await nodeB.stop();
  }
});

test('a first URL that does not answer is passed over for the next one', async ({ page, mosquitto }) => {
  const dead = 'ws://127.0.0.1:9/'; // the discard port: nothing listens there
  await page.goto(kioskLink({ broker: [dead, mosquitto.wsUrl], subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText(`Connected to ${mosquitto.wsUrl}`);
});
