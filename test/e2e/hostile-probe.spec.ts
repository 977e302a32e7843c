/**
 * What the attack probe found last (issue 33), against the scripted hostile broker: a valid PUBLISH before a
 * malformed packet in one frame is kept, a DISCONNECT with the socket left open ends the connection, the
 * broker's own reason is shown rather than a client-id clash guess, payload text cannot lie with bidi or
 * invisible characters, an integer keeps all its digits, and a command the broker never acknowledges is
 * said, resent on a new connection, and can be given up.
 */
import mqttPacket from 'mqtt-packet';
import { expect, kioskLink, openSettings, recordStatusTexts, status, statusHasSaid, test, tile, typeCommand } from '../support/fixtures';
import { startScriptedBroker, type ScriptedBroker } from '../support/scripted-broker';

let broker: ScriptedBroker | null = null;
test.afterEach(async () => {
  await broker?.close();
  broker = null;
});

const publish = (topic: string, payload: string) => new Uint8Array(mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false }, { protocolVersion: 5 }));

test('a valid PUBLISH received before a malformed packet in the same frame is shown; what follows the fault is not', async ({ page }) => {
  const scripted = await startScriptedBroker(() => 0);
  broker = scripted;
  await recordStatusTexts(page);
  await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['ok/#'], qos: 1, v: '5' }));
  await expect(status(page)).toContainText('Connected');
  const before = publish('ok/before', 'gardé');
  const after = publish('ok/after', 'jamais');
  const frame = new Uint8Array(before.length + 2 + after.length);
  frame.set(before, 0);
  frame.set([0x00, 0x00], before.length);
  frame.set(after, before.length + 2);
  scripted.sendRaw(frame);
  await expect.poll(() => statusHasSaid(page, 'Connection closed by the dashboard: the broker sent a packet of reserved type 0 (malformed packet)')).toBe(true);
  await expect(tile(page, 'ok/before')).toContainText('gardé');
  await expect(status(page)).toContainText('Connected', { timeout: 20_000 });
  await expect(tile(page, 'ok/after')).toHaveCount(0);
  await expect(tile(page, 'ok/before')).toContainText('gardé');
});

test('a DISCONNECT after which the broker keeps the socket open ends the connection, with the reason, and it reconnects', async ({ page }) => {
  const scripted = await startScriptedBroker(() => 0);
  broker = scripted;
  await recordStatusTexts(page);
  await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['moteur/#'], qos: 1, v: '5' }));
  await expect(status(page)).toContainText('Connected');
  scripted.send({ cmd: 'disconnect', reasonCode: 0x98, properties: { reasonString: 'maintenance du broker' } });
  await expect.poll(() => statusHasSaid(page, 'The broker closed the connection: administrative action (maintenance du broker)'), { timeout: 5000 }).toBe(true);
  await expect.poll(() => scripted.connects.length, { timeout: 20_000 }).toBe(2);
  await expect(status(page)).toContainText('Connected');
});

test('a broker that gives its reason every time is believed: no client-id clash is guessed', async ({ page }) => {
  const scripted = await startScriptedBroker(() => 0);
  broker = scripted;
  await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['moteur/#'], qos: 1, v: '5' }));
  for (let drop = 1; drop <= 4; drop++) {
    await expect.poll(() => scripted.connectedClients(), { timeout: 30_000 }).toBe(1);
    await expect(status(page)).toContainText('Connected');
    scripted.disconnectClients(0x98);
    await expect(status(page)).toContainText('administrative action');
    await expect(status(page)).not.toContainText('Another device is probably using');
  }
});

test('payload text shows bidi overrides and invisible characters as what they are; an integer keeps all its digits', async ({ page }) => {
  const scripted = await startScriptedBroker(() => 0);
  broker = scripted;
  await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['probe/#'], qos: 1, v: '5' }));
  await expect(status(page)).toContainText('Connected');
  scripted.publish('probe/rtl', 'ok \u202E1.0\u202C');
  scripted.publish('probe/evil', 'payload \u202Eevil\u202C x');
  scripted.publish('probe/zero-width', 'en\u200Bmarche');
  scripted.publish('probe/big', '9007199254740993');
  await expect(tile(page, 'probe/rtl')).toContainText('ok ⟨U+202E⟩1.0⟨U+202C⟩');
  await expect(tile(page, 'probe/evil')).toContainText('payload ⟨U+202E⟩evil⟨U+202C⟩ x');
  await expect(tile(page, 'probe/zero-width')).toContainText('en⟨U+200B⟩marche');
  await expect(tile(page, 'probe/big')).toContainText('9007199254740993');
  await expect(tile(page, 'probe/big')).not.toContainText('e+15');
  // The log and the payload viewer's text view too; the raw bytes stay in its hex view.
  await page.getByRole('button', { name: 'Message log' }).click();
  const row = page.locator('log-row').filter({ hasText: 'probe/evil' });
  await expect(row).toContainText('payload ⟨U+202E⟩evil⟨U+202C⟩ x');
  await row.getByRole('button').click();
  const viewer = page.getByRole('region', { name: 'Payload viewer' });
  await expect(viewer.locator('pre')).toHaveText('payload ⟨U+202E⟩evil⟨U+202C⟩ x');
  await viewer.getByRole('button', { name: 'Hex' }).click();
  await expect(viewer.locator('pre')).toContainText('e2 80 ae');
});

test('a QoS 2 command the broker never acknowledges: said, resent on a new connection, and given up, after which the next ones go in order', async ({ page }) => {
  const scripted = await startScriptedBroker(() => 0, { acknowledges: (topic) => topic !== 'vanne/jamais' });
  broker = scripted;
  await page.goto(kioskLink({ broker: scripted.wsUrl, qos: 1, v: '5', clientId: 'tablette-ack' }));
  await expect(status(page)).toContainText('Connected');
  await openSettings(page);
  const panel = page.locator('connection-panel');
  if ((await panel.locator('details').getAttribute('open')) === null) await panel.locator('summary').click();
  await panel.getByLabel('Acknowledgement timeout (seconds)').fill('5');
  await panel.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect.poll(() => scripted.connects.length).toBeGreaterThanOrEqual(2);
  await expect(status(page)).toContainText('Connected');
  const connectsBefore = scripted.connects.length;
  const published = (topic: string) => scripted.received.filter((packet) => packet.cmd === 'publish' && packet.topic === topic);

  await typeCommand(page, 'vanne/jamais', 'fermer', 2);
  await typeCommand(page, 'vanne/apres', 'ouvrir', 1);
  const outbox = page.getByRole('region', { name: 'Outbox' });
  const stuck = outbox.getByRole('listitem', { name: 'vanne/jamais fermer' });
  await expect(stuck).toContainText('the broker has not acknowledged this command for', { timeout: 15_000 });
  await expect(outbox.getByRole('listitem', { name: 'vanne/apres ouvrir' })).toContainText('queued');
  // The link is made again, so that the PUBLISH is resent (MQTT resends only on a new connection).
  await expect.poll(() => scripted.connects.length, { timeout: 20_000 }).toBeGreaterThan(connectsBefore);
  await expect.poll(() => published('vanne/jamais').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(published('vanne/apres')).toHaveLength(0);
  // The new link works though the resent command is still not acknowledged: it says so.
  await expect(status(page)).toContainText('Connected');

  await stuck.getByRole('button', { name: 'Give up vanne/jamais fermer' }).click();
  await expect(stuck).toContainText('failed: not acknowledged by the broker');
  await expect(outbox.getByRole('listitem', { name: 'vanne/apres ouvrir' })).toContainText('delivered', { timeout: 20_000 });
  expect(published('vanne/apres')).toHaveLength(1);
});

test('the status details say where a message over the largest packet accepted goes', async ({ page }) => {
  const scripted = await startScriptedBroker(() => 0);
  broker = scripted;
  await page.goto(kioskLink({ broker: scripted.wsUrl, qos: 1, v: '5' }));
  await expect(status(page)).toContainText('Connected');
  await page.getByRole('button', { name: 'Status details' }).click();
  await expect(page.getByRole('region', { name: 'Connection details' })).toContainText('messages over 1 MiB are dropped by the broker (Largest packet accepted)');
});
