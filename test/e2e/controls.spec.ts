/**
 * Controls confirmed by what the device reports, against real brokers and real devices (mqtt.js in Node):
 * an echo (confirmed), a late one (waiting, then confirmed), a silent one (no answer, Retry sends again),
 * one that reports another value, one whose Will fires (disabled, saying why), a JSON state with a path,
 * and a reload while a command waits.
 */
import { connectDevice } from '../support/devices';
import { control, controlCard, controlStatus, importControls, pumpAnswers, pumpSwitch, simulatedDevice } from '../support/controls';
import { expect, kioskLink, status, test, tile } from '../support/fixtures';

test.describe('a control that follows its device', () => {
  test('a switch is confirmed by the device, says when it is late, when it is silent, and when it reports otherwise', async ({ page, mosquitto }) => {
    const echo = await simulatedDevice(mosquitto.tcpUrl, 'pompe', { commandTopic: 'pompe/commande', stateTopic: 'pompe/état', initial: 'en marche', answer: pumpAnswers });
    await simulatedDevice(mosquitto.tcpUrl, 'lente', { commandTopic: 'lente/commande', stateTopic: 'lente/état', initial: 'en marche', answer: pumpAnswers, delayMs: 3000 });
    const silent = await simulatedDevice(mosquitto.tcpUrl, 'muette', { commandTopic: 'muette/commande', stateTopic: 'muette/état', initial: 'en marche', answer: () => null });
    await simulatedDevice(mosquitto.tcpUrl, 'rebelle', { commandTopic: 'rebelle/commande', stateTopic: 'rebelle/état', initial: 'en marche', answer: () => 'défaut' });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-controls' }));
    await expect(status(page)).toContainText('Connected');
    await importControls(page, [
      pumpSwitch('Pompe principale', 'pompe', { answerTopic: 'pompe/dernière-commande' }),
      pumpSwitch('Pompe lente', 'lente'),
      pumpSwitch('Pompe muette', 'muette', { timeoutSeconds: 3 }),
      pumpSwitch('Pompe rebelle', 'rebelle'),
    ]);

    // The switch shows what the device reports, as a switch, on its device's card; the raw topics are folded in.
    const pump = controlCard(page, 'Pompe principale');
    const pumpSwitchRole = pump.getByRole('switch');
    await expect(pumpSwitchRole).toHaveAttribute('aria-checked', 'true');
    await expect(pump).toContainText('Reported: en marche');
    await expect(page.getByRole('region', { name: 'pompe', exact: true }).getByRole('region', { name: 'Pompe principale' })).toBeVisible();
    await expect(tile(page, 'pompe/état')).toHaveCount(0);
    await expect(tile(page, 'pompe/commande')).toHaveCount(0);

    await pumpSwitchRole.click();
    await expect(controlStatus(page, 'Pompe principale')).toContainText('Confirmed: stop');
    await expect(pumpSwitchRole).toHaveAttribute('aria-checked', 'false');
    await expect(pump).toContainText('Reported: arrêtée');
    expect(echo.received).toEqual(['stop']);

    // A late device: waiting (the switch still shows what the device says), then confirmed.
    const late = controlCard(page, 'Pompe lente');
    await late.getByRole('switch').click();
    await expect(controlStatus(page, 'Pompe lente')).toContainText('Sent: stop… waiting for the device');
    await expect(late.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
    await expect(late).toHaveAttribute('aria-busy', 'true');
    await expect(controlStatus(page, 'Pompe lente')).toContainText('Confirmed: stop', { timeout: 8000 });
    await expect(late.getByRole('switch')).toHaveAttribute('aria-checked', 'false');

    // A silent device: no answer after its timeout; Retry sends the same command again.
    const mute = controlCard(page, 'Pompe muette');
    await mute.getByRole('switch').click();
    await expect(controlStatus(page, 'Pompe muette')).toContainText('No answer from the device after 3 s (asked stop)', { timeout: 8000 });
    await expect(mute.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
    await mute.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => silent.received).toEqual(['stop', 'stop']);
    await expect(controlStatus(page, 'Pompe muette')).toContainText('waiting for the device');

    // A device that reports something else: said at once, never a pretended success.
    await controlCard(page, 'Pompe rebelle').getByRole('switch').click();
    await expect(controlStatus(page, 'Pompe rebelle')).toContainText('Device reports défaut (asked stop)');
  });

  test('a setpoint on a JSON state topic with a path; a reload while waiting keeps it waiting, then confirms', async ({ page, mosquitto }) => {
    const plug = await connectDevice(mosquitto.tcpUrl, { clientId: 'prise' });
    await plug.publishAsync('zigbee2mqtt/prise_1', JSON.stringify({ state: 'ON', mesures: { vitesse: 1450 }, power: 12.5 }), { qos: 1, retain: true });
    const received: string[] = [];
    plug.on('message', (_topic, payload) => received.push(payload.toString()));
    await plug.subscribeAsync('zigbee2mqtt/prise_1/set', { qos: 1 });
    await page.goto(kioskLink({ broker: mosquitto.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-json' }));
    await expect(status(page)).toContainText('Connected');
    await importControls(page, [
      control({ kind: 'setpoint', name: 'Vitesse', commandTopic: 'zigbee2mqtt/prise_1/set', stateTopic: 'zigbee2mqtt/prise_1', statePath: 'mesures.vitesse', min: 0, max: 1800, step: 50, unit: 'rpm', template: '{"vitesse": {value}}', slider: false, timeoutSeconds: 60 }),
    ]);
    const speed = controlCard(page, 'Vitesse');
    await expect(speed).toContainText('Reported: 1450 rpm');
    // The JSON topic carries other values too: its tile stays.
    await expect(tile(page, 'zigbee2mqtt/prise_1')).toBeVisible();
    const spin = speed.getByRole('spinbutton', { name: 'Vitesse' });
    await expect(spin).toHaveAttribute('aria-valuenow', '1450');
    await speed.getByRole('button', { name: 'Decrease Vitesse' }).click();
    await speed.getByRole('button', { name: 'Decrease Vitesse' }).click();
    await speed.getByRole('button', { name: 'Decrease Vitesse' }).click();
    await expect(spin).toHaveAttribute('aria-valuetext', '1300 rpm');
    // A stepper waits for the last tap: one command, not three.
    await expect.poll(() => received).toEqual(['{"vitesse": 1300}']);
    await expect(controlStatus(page, 'Vitesse')).toContainText('Sent: 1300 rpm… waiting for the device');

    await page.reload();
    await expect(status(page)).toContainText('Connected');
    await expect(controlStatus(page, 'Vitesse')).toContainText('Sent: 1300 rpm… waiting for the device');
    await plug.publishAsync('zigbee2mqtt/prise_1', JSON.stringify({ state: 'ON', mesures: { vitesse: 1310 }, power: 12.5 }), { qos: 1, retain: true });
    await expect(controlStatus(page, 'Vitesse')).toContainText('Confirmed: 1300 rpm');
    await expect(speed).toContainText('Reported: 1310 rpm');
    expect(received).toEqual(['{"vitesse": 1300}']);
  });

  test('a device whose Will fires disables its control, saying why; a control with no state topic never pretends', async ({ page, aedes }) => {
    const motor = await simulatedDevice(aedes.tcpUrl, 'moteur', { commandTopic: 'moteur/commande', stateTopic: 'moteur/état', initial: 'en marche', answer: pumpAnswers });
    const horn = await connectDevice(aedes.tcpUrl, { clientId: 'klaxon' });
    await page.goto(kioskLink({ broker: aedes.wsUrl, subs: ['#'], qos: 1, clientId: 'tablette-will' }));
    await expect(status(page)).toContainText('Connected');
    await importControls(page, [pumpSwitch('Moteur A', 'moteur'), control({ kind: 'button', name: 'Klaxon', commandTopic: 'klaxon/sonne', onPayload: 'bip' })]);
    const hornReceived: string[] = [];
    horn.on('message', (_topic, payload) => hornReceived.push(payload.toString()));
    await horn.subscribeAsync('klaxon/sonne', { qos: 1 });
    await controlCard(page, 'Klaxon').getByRole('button', { name: /bip/ }).click();
    await expect(controlStatus(page, 'Klaxon')).toContainText('Sent: bip, not confirmed (no state topic)');
    await expect.poll(() => hornReceived).toEqual(['bip']);

    const motorSwitch = controlCard(page, 'Moteur A').getByRole('switch');
    await expect(motorSwitch).toBeEnabled();
    motor.client.stream.destroy(); // the socket dies without DISCONNECT: the broker publishes the Will
    await expect(controlCard(page, 'Moteur A')).toContainText('moteur is offline: it cannot act on a command.', { timeout: 15_000 });
    await expect(motorSwitch).toBeDisabled();
  });
});
