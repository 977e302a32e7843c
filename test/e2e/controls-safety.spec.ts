/**
 * Controls used safely: while the broker is down a newer setpoint replaces the queued ones (one sent when
 * it is back), a slider sends once on release, confirm-before-send asks or wants a 1 s hold, a kiosk link
 * without commands=1 and a viewer tab cannot send, and a quick command asks before it goes.
 */
import type { Page } from '@playwright/test';
import { startMosquitto } from '../support/mosquitto';
import { startWitness } from '../support/witness';
import { connectDevice } from '../support/devices';
import { control, controlCard, controlStatus, importControls, pumpAnswers, pumpSwitch, simulatedDevice } from '../support/controls';
import { expect, kioskLink, openSettings, openTileSettings, status, test } from '../support/fixtures';

const outbox = (page: Page) => page.getByRole('region', { name: 'Outbox' });
const consigne = control({ kind: 'setpoint', name: 'Consigne', commandTopic: 'moteur/commande', stateTopic: 'moteur/consigne', min: 0, max: 1800, step: 50, unit: 'rpm', template: '{"consigne": {value}}' });

test.describe('controls, safely', () => {
  test('five setpoints moved while the broker is down: one command when it is back, the others replaced', async ({ page }) => {
    const broker = await startMosquitto();
    const { client, payloads } = await startWitness(broker.tcpUrl, 'moteur/commande', 4);
    try {
      const motor = await connectDevice(broker.tcpUrl, { clientId: 'moteur' });
      await motor.publishAsync('moteur/consigne', '1000', { qos: 1, retain: true });
      await motor.endAsync();
      await page.goto(kioskLink({ broker: broker.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-offline', clean: false }));
      await expect(status(page)).toContainText('Connected');
      await importControls(page, [consigne]);
      const slider = controlCard(page, 'Consigne').getByRole('slider', { name: 'Consigne' });
      await expect(slider).toHaveValue('1000');
      await broker.kill();
      await expect(status(page)).toContainText('Reconnecting');
      // Work goes on while offline: each move is a command, queued with its age.
      await expect(slider).toBeEnabled();
      for (let move = 1; move <= 5; move++) {
        await slider.focus();
        await page.keyboard.press('ArrowRight');
        await expect(controlStatus(page, 'Consigne')).toContainText(`Sent: ${1000 + move * 50} rpm… queued in the outbox`);
      }
      await expect(outbox(page).getByRole('listitem').filter({ hasText: 'replaced by 1250' })).toHaveCount(1);
      await expect(outbox(page).getByRole('listitem').filter({ hasText: /replaced by/ })).toHaveCount(4);
      await broker.restart();
      await expect(status(page)).toContainText('Connected', { timeout: 20_000 });
      await expect.poll(() => payloads, { timeout: 20_000 }).toEqual(['{"consigne": 1250}']);
      await expect(outbox(page).getByRole('listitem', { name: 'moteur/commande {"consigne": 1250}' })).toContainText('delivered');
      // Nothing more comes: the replaced ones stay replaced.
      await expect(outbox(page).getByRole('listitem').filter({ hasText: /replaced by/ })).toHaveCount(4);
      expect(payloads).toEqual(['{"consigne": 1250}']);
    } finally {
      await client.endAsync(true);
      await broker.stop();
    }
  });

  test('a slider sends one command, on release, never while dragged', async ({ page, mosquitto }) => {
    const motor = await connectDevice(mosquitto.tcpUrl, { clientId: 'moteur' });
    await motor.publishAsync('moteur/consigne', '0', { qos: 1, retain: true });
    const received: string[] = [];
    motor.on('message', (_topic, payload) => received.push(payload.toString()));
    await motor.subscribeAsync('moteur/commande', { qos: 1 });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-slider' }));
    await expect(status(page)).toContainText('Connected');
    await importControls(page, [consigne]);
    const slider = controlCard(page, 'Consigne').getByRole('slider');
    const box = await slider.boundingBox();
    if (!box) throw new Error('the slider is not on screen');
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 20; step++) await page.mouse.move(box.x + (box.width * step) / 40, box.y + box.height / 2);
    await expect(controlCard(page, 'Consigne').locator('output')).not.toHaveText('0 rpm');
    expect(received).toEqual([]);
    await page.mouse.up();
    await expect.poll(() => received).toHaveLength(1);
    const sent = JSON.parse(received[0] ?? '{}') as { consigne: number };
    expect(sent.consigne).toBeGreaterThan(600);
    expect(sent.consigne).toBeLessThan(1200);
    expect(sent.consigne % 50).toBe(0);
    await expect(controlStatus(page, 'Consigne')).toContainText(`${sent.consigne} rpm`);
    expect(received).toHaveLength(1);
  });

  test('confirm before sending: a question, or a 1 s hold; a short tap sends nothing', async ({ page, mosquitto }) => {
    const asked = await simulatedDevice(mosquitto.tcpUrl, 'pompe', { commandTopic: 'pompe/commande', stateTopic: 'pompe/état', initial: 'en marche', answer: pumpAnswers });
    const held = await simulatedDevice(mosquitto.tcpUrl, 'vanne', { commandTopic: 'vanne/commande', stateTopic: 'vanne/état', initial: 'en marche', answer: pumpAnswers });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-confirm' }));
    await expect(status(page)).toContainText('Connected');
    await importControls(page, [pumpSwitch('Pompe de relevage', 'pompe', { confirm: 'ask' }), pumpSwitch('Vanne amont', 'vanne', { confirm: 'hold' })]);

    const pump = controlCard(page, 'Pompe de relevage');
    await pump.getByRole('switch').click();
    const question = pump.getByRole('group', { name: 'Confirm the command' });
    await expect(question).toContainText('Pompe de relevage: send stop?');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toHaveCount(0);
    expect(asked.received).toEqual([]);
    await pump.getByRole('switch').click();
    await question.getByRole('button', { name: 'stop' }).click();
    await expect(controlStatus(page, 'Pompe de relevage')).toContainText('Confirmed: stop');
    expect(asked.received).toEqual(['stop']);

    const valve = controlCard(page, 'Vanne amont');
    await expect(valve).toContainText('Press and hold 1 s to send');
    await valve.getByRole('switch').click(); // a tap is not a hold
    await expect(valve.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
    expect(held.received).toEqual([]);
    await valve.getByRole('switch').hover();
    await page.mouse.down();
    await expect(valve).toContainText('Keep holding…');
    await expect.poll(() => held.received, { timeout: 3000 }).toEqual(['stop']);
    await page.mouse.up();
    await expect(controlStatus(page, 'Vanne amont')).toContainText('Confirmed: stop');
    // The keyboard holds too: Space kept down for a second.
    await valve.getByRole('switch').focus();
    await page.keyboard.down(' ');
    await expect.poll(() => held.received, { timeout: 3000 }).toEqual(['stop', 'start']);
    await page.keyboard.up(' ');
    await expect(controlStatus(page, 'Vanne amont')).toContainText('Confirmed: start');
  });

  test('a kiosk link without commands=1 and a viewer tab cannot send; with commands=1 a control asks first', async ({ context, mosquitto }) => {
    const pumpDevice = await simulatedDevice(mosquitto.tcpUrl, 'pompe', { commandTopic: 'pompe/commande', stateTopic: 'pompe/état', initial: 'en marche', answer: pumpAnswers });
    const page = await context.newPage();
    const link = kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-kiosque' });
    await page.goto(link);
    await expect(status(page)).toContainText('Connected');
    await importControls(page, [pumpSwitch('Pompe A', 'pompe')]);

    // Another tab with the same client id views; the owner tab sends.
    const viewer = await context.newPage();
    await viewer.goto(link);
    await expect(status(viewer)).toContainText('viewing: another tab holds this client id');
    await expect(controlCard(viewer, 'Pompe A')).toContainText('Another tab of this dashboard sends the commands: use that one.');
    await expect(controlCard(viewer, 'Pompe A').getByRole('switch')).toBeDisabled();
    await viewer.close();

    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-kiosque', kiosk: true }));
    await expect(status(page)).toContainText('Connected');
    await expect(controlCard(page, 'Pompe A')).toContainText('Read-only screen: its link has no commands=1.');
    await expect(controlCard(page, 'Pompe A').getByRole('switch')).toBeDisabled();
    await expect(controlCard(page, 'Pompe A').getByRole('button', { name: /Edit control/ })).toHaveCount(0);

    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-kiosque', kiosk: true, commands: true }));
    await expect(status(page)).toContainText('Connected');
    const pump = controlCard(page, 'Pompe A');
    await pump.getByRole('switch').click();
    await pump.getByRole('group', { name: 'Confirm the command' }).getByRole('button', { name: 'stop' }).click();
    await expect(controlStatus(page, 'Pompe A')).toContainText('Confirmed: stop');
    expect(pumpDevice.received).toEqual(['stop']);
  });

  test('a control made from a tile: its topic is the state topic, the command topic is proposed', async ({ page, mosquitto }) => {
    const pumpDevice = await simulatedDevice(mosquitto.tcpUrl, 'pompe', { commandTopic: 'pompe/commande', stateTopic: 'pompe/état', initial: 'en marche', answer: pumpAnswers });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-make' }));
    await expect(status(page)).toContainText('Connected');
    // From the tile's detail, or from its settings.
    await page.getByRole('article', { name: 'pompe/état', exact: true }).locator('button.open').click();
    await page.getByRole('dialog', { name: 'History of pompe/état' }).getByRole('button', { name: 'Make a control' }).click();
    const editor = page.getByRole('dialog', { name: 'New control' });
    await expect(editor.getByLabel('State topic (where the device reports)')).toHaveValue('pompe/état');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await expect(editor).toHaveCount(0);
    await (await openTileSettings(page, 'pompe/état')).getByRole('button', { name: 'Make a control' }).click();
    await expect(editor.getByLabel('Command topic')).toHaveValue('pompe/commande');
    await expect(editor.getByLabel('State topic (where the device reports)')).toHaveValue('pompe/état');
    await expect(editor.getByLabel('Kind')).toHaveValue('switch');
    await expect(editor.getByLabel('Payload for on')).toHaveValue('start');
    await editor.getByLabel('Name').fill('');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor.getByRole('alert')).toHaveText('Give the control a name.');
    await expect(editor.getByLabel('Name')).toBeFocused();
    await editor.getByLabel('Name').fill('Pompe B');
    await editor.getByLabel('Command topic').fill('pompe/#');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor.getByRole('alert')).toHaveText('Command topic: it must be an exact topic, without + or #.');
    await editor.getByLabel('Command topic').fill('pompe/commande');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toHaveCount(0);
    const pump = controlCard(page, 'Pompe B');
    await expect(pump.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
    await pump.getByRole('switch').click();
    await expect(controlStatus(page, 'Pompe B')).toContainText('Confirmed: stop');
    expect(pumpDevice.received).toEqual(['stop']);
    // Kept across a reload.
    await page.reload();
    await expect(controlCard(page, 'Pompe B').getByRole('switch')).toHaveAttribute('aria-checked', 'false');
  });

  test('a quick command asks before it goes (one tap on a phone queued it before)', async ({ page, mosquitto }) => {
    const motor = await simulatedDevice(mosquitto.tcpUrl, 'moteur', { commandTopic: 'moteur/commande', stateTopic: 'moteur/état', initial: 'en marche', answer: pumpAnswers });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'telephone-quick' }));
    await expect(status(page)).toContainText('Connected');
    await openSettings(page);
    const composer = page.locator('command-composer');
    await composer.getByLabel('Topic', { exact: true }).fill('moteur/commande');
    await composer.getByLabel('Payload', { exact: true }).fill('stop');
    await composer.getByRole('button', { name: 'Save as quick command' }).click();
    await page.keyboard.press('Escape');
    const quick = page.getByRole('group', { name: 'Quick commands for moteur' }).getByRole('button', { name: 'moteur/commande → stop' });
    await quick.click();
    expect(motor.received).toEqual([]);
    await page.getByRole('group', { name: 'Confirm the command' }).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => motor.received).toEqual(['stop']);
    await expect(page.getByRole('article', { name: 'moteur/état', exact: true })).toContainText('arrêtée');
  });
});
