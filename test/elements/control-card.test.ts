/**
 * <control-card> alone, each kind with every state: what the device reports, what became of the last
 * command (sent, waiting, confirmed, another value, no answer, never confirmable, not sent), the roles a
 * screen reader hears, and what it asks the engine to send (recorded by the fixture's engine).
 */
import { describe, expect, it } from 'vitest';
import { newControl, type ControlDefinition } from '../../src/controls/control-definition';
import type { ControlConfirmation } from '../../src/controls/control-confirmation';
import type { OutboxCommand } from '../../src/storage/outbox-command';
import type { TopicValue } from '../../src/state/topic-store';
import '../../src/ui/controls/control-card';
import type { ControlCardElement } from '../../src/ui/controls/control-card';
import { mirrorFixture, mount, nextFrame, numberValue, textOf } from './mirror-fixture';

const pump = newControl({ kind: 'switch', name: 'Pompe', commandTopic: 'pompe/commande', stateTopic: 'pompe/état', onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêtée'] }, 'pump');
const speed = newControl({ kind: 'setpoint', name: 'Consigne', commandTopic: 'moteur/commande', stateTopic: 'moteur/consigne', min: 0, max: 1800, step: 50, unit: 'rpm' }, 'speed');
const text = (topic: string, value: string): TopicValue => ({ ...numberValue(topic, '0'), payload: { kind: 'text', text: value, bytes: value.length, truncated: false } });

const sent = (control: ControlDefinition, value: string, state: OutboxCommand['state'], confirmation: ControlConfirmation | null = null): OutboxCommand => ({
  seq: 1,
  id: 'c1',
  topic: control.commandTopic,
  payload: value,
  qos: 1,
  retain: false,
  createdAt: Date.now() - 4000,
  state,
  packetId: null,
  stage: null,
  reason: null,
  updatedAt: Date.now(),
  control: { id: control.id, value, before: null },
  confirmation,
});

async function card(control: ControlDefinition, patch: Partial<ControlCardElement> = {}) {
  const fixture = mirrorFixture();
  const element = document.createElement('control-card');
  element.control = control;
  Object.assign(element, patch);
  await mount(element, fixture.mirror);
  return { element, calls: fixture.calls, root: element.shadowRoot as ShadowRoot };
}

const waiting = (now: number): ControlConfirmation => ({ state: 'waiting', deadline: now + 6000, reported: null, at: null });

describe('<control-card> switch', () => {
  it('shows the reported state as a switch, and sends the opposite on a tap', async () => {
    const { root, calls } = await card(pump, { reported: text('pompe/état', 'en marche') });
    const toggle = root.querySelector('[role=switch]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(textOf(root.host)).toContain('Reported: en marche');
    toggle.click();
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl').map((call) => call.args)).toEqual([['pump', 'off']]);
  });

  it.each([
    ['queued', null, 'Sent: stop… queued in the outbox (4 s ago)', 'true'],
    ['sending', null, 'Sent: stop… on its way to the broker', 'true'],
    ['delivered', 'waiting', 'Sent: stop… waiting for the device (6 s left)', 'true'],
    ['delivered', 'confirmed', 'Confirmed: stop', 'false'],
    ['delivered', 'differs', 'Device reports défaut (asked stop)', 'false'],
    ['delivered', 'no-answer', 'No answer from the device after 10 s (asked stop)', 'false'],
    ['delivered', 'unconfirmable', 'Sent: stop, not confirmed (no state topic)', 'false'],
  ] as const)('%s %s: “%s”', async (state, confirmationState, words, busy) => {
    const now = Date.now();
    const confirmation = confirmationState === null ? null : confirmationState === 'waiting' ? waiting(now) : { state: confirmationState, deadline: null, reported: confirmationState === 'differs' ? 'défaut' : null, at: now };
    const command = { ...sent(pump, 'off', state, confirmation), createdAt: now - 4000 }; // 4 s before the card's clock, exactly
    const { root } = await card(pump, { reported: text('pompe/état', 'en marche'), command, now });
    expect(textOf(root.querySelector('.status') as Element)).toContain(words);
    expect(root.querySelector('section')?.getAttribute('aria-busy')).toBe(busy);
    // Whatever the command, the switch shows what the device reports.
    expect(root.querySelector('[role=switch]')?.getAttribute('aria-checked')).toBe('true');
    expect(root.querySelector('.retry') !== null).toBe(confirmationState === 'differs' || confirmationState === 'no-answer');
  });

  it('says why not sent, with Retry', async () => {
    const command = { ...sent(pump, 'off', 'failed'), reason: { kind: 'publish-refused' as const, refusal: { code: 0x87, protocol: '5' as const, reasonString: null } } };
    const { root } = await card(pump, { command });
    expect(textOf(root.querySelector('.status') as Element)).toMatch(/^Not sent: stop\. not authorized/);
    expect(root.querySelector('.retry')).not.toBeNull();
  });

  it('is disabled, saying why, when it cannot send', async () => {
    const { root, calls } = await card(pump, { reported: text('pompe/état', 'en marche'), blocked: 'pompe is offline: it cannot act on a command.' });
    const toggle = root.querySelector('[role=switch]') as HTMLButtonElement;
    expect(toggle.disabled).toBe(true);
    expect(textOf(root.host)).toContain('⚠ pompe is offline: it cannot act on a command.');
    toggle.click();
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl')).toEqual([]);
  });

  it('asks first when told to, and sends only on yes', async () => {
    const { root, calls } = await card({ ...pump, confirm: 'ask' }, { reported: text('pompe/état', 'arrêtée') });
    (root.querySelector('[role=switch]') as HTMLButtonElement).click();
    await nextFrame();
    expect(textOf(root.querySelector('.confirm') as Element)).toContain('Pompe: send start?');
    expect(calls.filter((call) => call.method === 'sendControl')).toEqual([]);
    (root.querySelector('.confirm button.primary') as HTMLButtonElement).click();
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl').map((call) => call.args)).toEqual([['pump', 'on']]);
  });

  it('says the state is unknown when the device reports something that is neither on nor off', async () => {
    const { root } = await card(pump, { reported: text('pompe/état', 'défaut') });
    expect(textOf(root.querySelector('[role=switch]') as Element)).toContain('state unknown');
    expect(textOf(root.host)).toContain('Reported: défaut');
  });
});

describe('<control-card> other kinds', () => {
  it('a setpoint is a slider with its value, range and unit; it sends on change, not on input', async () => {
    const { root, calls } = await card(speed, { reported: numberValue('moteur/consigne', '1450') });
    const slider = root.querySelector('input[type=range]') as HTMLInputElement;
    expect([slider.min, slider.max, slider.step, slider.value]).toEqual(['0', '1800', '50', '1450']);
    expect(slider.getAttribute('aria-valuetext')).toBe('1450 rpm');
    slider.value = '1200';
    slider.dispatchEvent(new Event('input'));
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl')).toEqual([]);
    expect(textOf(root.querySelector('output') as Element)).toBe('1200 rpm');
    slider.dispatchEvent(new Event('change'));
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl').map((call) => call.args)).toEqual([['speed', '1200']]);
  });

  it('a stepper is a spin button that sends 0.6 s after the last tap', async () => {
    const { root, calls } = await card({ ...speed, slider: false }, { reported: numberValue('moteur/consigne', '1450') });
    const spin = root.querySelector('[role=spinbutton]') as HTMLElement;
    expect(spin.getAttribute('aria-valuenow')).toBe('1450');
    spin.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    spin.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    await nextFrame();
    expect(spin.getAttribute('aria-valuetext')).toBe('1550 rpm');
    expect(calls.filter((call) => call.method === 'sendControl')).toEqual([]);
    await expect.poll(() => calls.filter((call) => call.method === 'sendControl').map((call) => call.args), { timeout: 2000 }).toEqual([['speed', '1550']]);
  });

  it('a choice is a select of its options, showing the reported one', async () => {
    const mode = newControl({ kind: 'choice', name: 'Mode', commandTopic: 'clim/mode/set', stateTopic: 'clim/mode', options: ['auto', 'froid', 'chaud'] }, 'mode');
    const { root, calls } = await card(mode, { reported: text('clim/mode', 'froid') });
    const select = root.querySelector('select') as HTMLSelectElement;
    expect(select.getAttribute('aria-label')).toBe('Mode');
    expect(select.value).toBe('froid');
    select.value = 'chaud';
    select.dispatchEvent(new Event('change'));
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl').map((call) => call.args)).toEqual([['mode', 'chaud']]);
  });

  it('a text is checked against its pattern before it goes', async () => {
    const label = newControl({ kind: 'text', name: 'Étiquette', commandTopic: 'imprimante/texte', pattern: '[A-Z0-9-]{1,8}' }, 'label');
    const { root, calls } = await card(label);
    const input = root.querySelector('input[type=text]') as HTMLInputElement;
    input.value = 'lot 42';
    (root.querySelector('form') as HTMLFormElement).requestSubmit();
    await nextFrame();
    expect(textOf(root.querySelector('[role=alert]') as Element)).toBe('“lot 42” does not match the pattern [A-Z0-9-]{1,8}.');
    input.value = 'LOT-42';
    (root.querySelector('form') as HTMLFormElement).requestSubmit();
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl').map((call) => call.args)).toEqual([['label', 'LOT-42']]);
    expect(textOf(root.host)).toContain('No state topic');
  });

  it('a button sends its one payload on each press, named by the control', async () => {
    const reset = newControl({ kind: 'button', name: 'Réarmer', commandTopic: 'presse/commande', onPayload: 'reset' }, 'reset');
    const { root, calls } = await card(reset);
    const button = root.querySelector('.row button') as HTMLButtonElement;
    expect(textOf(button)).toBe('Réarmer reset');
    button.click();
    button.click();
    await nextFrame();
    expect(calls.filter((call) => call.method === 'sendControl').map((call) => call.args)).toEqual([
      ['reset', 'press'],
      ['reset', 'press'],
    ]);
  });

  it('shows the device’s last answer, and hidden characters in reports as what they are', async () => {
    const { root } = await card({ ...pump, answerTopic: 'pompe/dernière-commande' }, { reported: text('pompe/état', 'ok \u202E1.0'), answer: text('pompe/dernière-commande', 'ok: stop') });
    expect(textOf(root.host)).toContain('Last answer: ok: stop');
    expect(textOf(root.host)).toContain('ok ⟨U+202E⟩1.0');
  });
});
