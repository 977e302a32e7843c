/** Controls in end-to-end tests: given to the dashboard as a user does (a layout file), and simulated devices that answer them. */
import type { Page } from '@playwright/test';
import type { MqttClient } from 'mqtt';
import { newControl, type ControlDefinition } from '../../src/controls/control-definition';
import { connectDevice } from './devices';
import { expect, openSettings } from './fixtures';

/** A control as its editor would save it, with an id made from its name. */
export const control = (fields: Partial<ControlDefinition> & Pick<ControlDefinition, 'kind' | 'commandTopic' | 'name'>) =>
  newControl(fields, `control-${fields.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);

/** Imports a layout file holding these controls (Settings › Display and layout › Layout file). */
export async function importControls(page: Page, controls: ControlDefinition[]): Promise<void> {
  await openSettings(page);
  const panel = page.locator('layout-panel');
  if ((await panel.locator('details').getAttribute('open')) === null) await panel.getByText('Display and layout').click();
  const file = {
    format: 'mqtt-dashboard-layout',
    version: 1,
    exportedAt: new Date().toISOString(),
    layout: { pinned: [], hidden: [], tileFormats: [], deviceNames: [], theme: 'system', controls },
    profiles: [],
  };
  await panel.getByLabel('Layout file').setInputFiles({ name: 'controls.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.keyboard.press('Escape'); // a drawer closes; elsewhere nothing happens
  for (const { name } of controls) await expect(controlCard(page, name)).toBeAttached();
}

/** A control's card, by the control's name. */
export const controlCard = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
/** What became of its last command (the line that ticks). */
export const controlStatus = (page: Page, name: string) => controlCard(page, name).locator('.status');

export interface SimulatedDevice {
  client: MqttClient;
  /** Every command payload it received, in order. */
  received: string[];
}

/**
 * A device with a presence topic (`<id>/status`, retained, Last Will `offline`) that listens on its command
 * topic and reports on its state topic what `answer` says (null: it stays silent), after `delayMs`.
 */
export async function simulatedDevice(
  brokerUrl: string,
  id: string,
  options: { commandTopic: string; stateTopic: string; initial: string; answer: (payload: string) => string | null; delayMs?: number },
): Promise<SimulatedDevice> {
  const client = await connectDevice(brokerUrl, { clientId: `device-${id}`, will: { topic: `${id}/status`, payload: Buffer.from('offline'), qos: 1, retain: true } });
  const received: string[] = [];
  await client.publishAsync(`${id}/status`, 'online', { qos: 1, retain: true });
  await client.publishAsync(options.stateTopic, options.initial, { qos: 1, retain: true });
  client.on('message', (topic, payload) => {
    if (topic !== options.commandTopic) return;
    const text = payload.toString('utf8');
    received.push(text);
    const answer = options.answer(text);
    if (answer === null) return;
    // A test may end while an answer is on its way: the device is closed then, and the answer with it.
    setTimeout(() => client.connected && client.publish(options.stateTopic, answer, { qos: 1, retain: true }, () => undefined), options.delayMs ?? 0);
  });
  await client.subscribeAsync(options.commandTopic, { qos: 1 });
  return { client, received };
}

/** start → en marche, stop → arrêtée, anything else: nothing. */
export const pumpAnswers = (payload: string) => (payload === 'start' ? 'en marche' : payload === 'stop' ? 'arrêtée' : null);

export const pumpSwitch = (name: string, id: string, extra: Partial<ControlDefinition> = {}) =>
  control({ kind: 'switch', name, commandTopic: `${id}/commande`, stateTopic: `${id}/état`, onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêtée'], ...extra });
