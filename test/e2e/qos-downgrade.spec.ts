/**
 * A broker that gives less than QoS 2 (RabbitMQ grants QoS 1 and answers a QoS 2 PUBLISH with PUBACK):
 * the dashboard never claims exactly-once for it. The subscription shows the QoS granted, the outbox says
 * the command was downgraded, and the connection status says what this broker gives.
 */
import { expect, kioskLink, openSettings, status, test, typeCommand } from '../support/fixtures';
import { startScriptedBroker } from '../support/scripted-broker';

test('QoS 2 downgraded to 1 is shown in the subscription, the outbox and the status', async ({ page }) => {
  const broker = await startScriptedBroker(() => 0, { qos1Only: true });
  try {
    await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'], qos: 2, v: '4' }));
    await expect(status(page)).toContainText('Connected');
    await openSettings(page);
    await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('requested QoS 2 · granted QoS 1');
    await expect(status(page)).toContainText('this broker gives at most QoS 1: QoS 2 is delivered at least once, not exactly once');
    await typeCommand(page, 'moteur/commande', 'arrêt', 2);
    await expect(page.getByRole('region', { name: 'Outbox' }).getByRole('listitem', { name: 'moteur/commande arrêt' })).toContainText(
      'delivered · broker downgraded QoS 2 to 1 (at least once)',
    );
  } finally {
    await broker.close();
  }
});
