/**
 * Handshakes that go wrong in ways a user must be told about precisely: the broker's own reason string, a
 * broker that takes neither MQTT version, a password that was not remembered, and a wss:// certificate the
 * browser does not trust.
 */
import { expect, kioskLink, status, test } from '../support/fixtures';
import { startScriptedBroker, type ScriptedBroker } from '../support/scripted-broker';
import { selfSignedCertificate } from '../support/self-signed';

let broker: ScriptedBroker | null = null;

test.afterEach(async () => {
  await broker?.close();
  broker = null;
});

test('a CONNACK refusal shows the reason string the broker gave with it', async ({ page }) => {
  broker = await startScriptedBroker(() => ({ code: 0x87, properties: { reasonString: 'tablette-7 may read ligne3/# only' } }));
  await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'], v: '5' }));
  await expect(status(page)).toContainText(
    'Connection refused: not authorized (the broker says: “tablette-7 may read ligne3/# only”). No username was sent: if this broker needs a login, enter its username and password, then Connect.',
  );
  expect(broker.connects).toHaveLength(1);
});

test('a broker that refuses both MQTT versions while Auto is chosen is not told to choose Auto', async ({ page }) => {
  // MQTT 5 refused with 0x84, then the 3.1.1 attempt refused with an MQTT 5 code as some brokers do.
  broker = await startScriptedBroker(() => 0x84);
  await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'] }));
  await expect(status(page)).toContainText(
    'Connection refused: the broker does not accept this MQTT protocol version. The dashboard tried MQTT 5 and then 3.1.1',
  );
  await expect(status(page)).not.toContainText('Choose Auto');
  expect(broker.connects.map((connect) => connect.packet.protocolVersion)).toEqual([5, 4]);
});

test('a broker that closes the socket on an MQTT 5 CONNECT (as RabbitMQ does) is reached over 3.1.1 with Auto', async ({ page }) => {
  broker = await startScriptedBroker((_attempt, connect) => (connect.protocolVersion === 5 ? 'close' : 0));
  await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'], qos: 1 }));
  await expect(status(page)).toContainText(`Connected to ${broker.wsUrl} · MQTT 3.1.1`);
  expect(broker.connects.map((connect) => connect.packet.protocolVersion)).toEqual([5, 4]);
});

test('after a reload, a password that was not remembered is asked for in words, and typing it connects', async ({ page }) => {
  broker = await startScriptedBroker((_attempt, connect) => (connect.password?.toString() === 'secret' ? 0 : 0x86));
  await page.goto('/');
  await page.getByLabel('Broker URL').fill(broker.wsUrl);
  await page.getByLabel('Username').fill('tech');
  await page.getByLabel('Password', { exact: true }).fill('secret');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(status(page)).toContainText('Connected');

  await page.reload();
  await expect(status(page)).toContainText(
    'Connection refused: bad user name or password. No password was sent (none is remembered on this device for this broker): type the password, then Connect.',
  );
  expect(broker.connects.at(-1)?.packet.username).toBe('tech');
  expect(broker.connects.at(-1)?.packet.password).toBeUndefined();
  await page.getByLabel('Password', { exact: true }).fill('secret');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(status(page)).toContainText('Connected');
});

test.describe('a wss:// broker whose certificate the browser does not trust', () => {
  test('says the certificate may not be trusted and how to trust it on a tablet', async ({ page }) => {
    broker = await startScriptedBroker(() => 0, { tls: selfSignedCertificate() });
    const host = new URL(broker.wsUrl).host;
    await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'] }));
    await expect(status(page)).toContainText(`Cannot reach ${broker.wsUrl}: no MQTT answer over WebSocket.`);
    await expect(status(page)).toContainText(
      `the broker's TLS certificate may not be trusted by this browser (self-signed, or from a private CA): open https://${host}/ once in this browser and accept the certificate, or install the CA certificate on the tablet`,
    );
    expect(broker.connects).toHaveLength(0);
  });

  test.describe('once the certificate is trusted', () => {
    test.use({ ignoreHTTPSErrors: true });
    test('the same broker connects', async ({ page }) => {
      broker = await startScriptedBroker(() => 0, { tls: selfSignedCertificate() });
      await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['moteur/#'] }));
      await expect(status(page)).toContainText(`Connected to ${broker.wsUrl}`);
    });
  });
});
