/**
 * A control: what a technician taps to act on a device (a switch, a button, a setpoint, a choice, a free
 * text), tied to the topic where the device reports its state, so that the screen says whether the device
 * did it. Plain data, kept with the layout. No DOM, no mqtt.js, no words here.
 */
import type { QoS } from '../shared/types';

export type ControlKind = 'switch' | 'button' | 'setpoint' | 'choice' | 'text';
export const CONTROL_KINDS: readonly ControlKind[] = ['switch', 'button', 'setpoint', 'choice', 'text'];

/** Before a command goes: at once, after a question (`Stop the pump?`), or after holding the control 1 s. */
export type ConfirmMode = 'never' | 'ask' | 'hold';
export const CONFIRM_MODES: readonly ConfirmMode[] = ['never', 'ask', 'hold'];

export interface ControlDefinition {
  /** Stable, made when the control is made: links the outbox's commands to it. */
  id: string;
  name: string;
  kind: ControlKind;
  /** Where commands go: an exact topic. */
  commandTopic: string;
  /** Where the device reports its state; empty: none (a command can then never be confirmed). */
  stateTopic: string;
  /** Inside a JSON state payload, the value to read (`state`, `mesures.vitesse`); empty: the whole payload. */
  statePath: string;
  /** Where the device answers commands (`moteur/dernière-commande`), shown as the last answer; empty: none. */
  answerTopic: string;
  /** Switch: the payloads sent for on and off. Button: `onPayload` is what a press sends. */
  onPayload: string;
  offPayload: string;
  /** Switch: the reported values meaning on and off (empty: the payloads themselves). Button: what confirms a press (empty: any report). */
  onStates: string[];
  offStates: string[];
  /** Setpoint: the range, the step (numbers reported within half a step confirm), the unit, slider or stepper. */
  min: number;
  max: number;
  step: number;
  unit: string;
  slider: boolean;
  /** Choice: the values offered (each sent as is, through the template). */
  options: string[];
  /** Text: a regular expression the whole value must match; empty: anything. */
  pattern: string;
  /** Setpoint, choice, text: the payload, `{value}` standing for the value (`{"consigne": {value}}`). */
  template: string;
  qos: QoS;
  retain: boolean;
  confirm: ConfirmMode;
  /** How long a sent command waits for the device's report before `no answer`. */
  timeoutSeconds: number;
  /** Send every command even while older ones of this control wait (off: a newer replaces an older queued one). */
  everyCommand: boolean;
  /** MQTT 5 message expiry of its commands (and the outbox's own), or null for none. */
  expirySeconds: number | null;
}

export const DEFAULT_CONTROL_TIMEOUT_SECONDS = 10;
export const VALUE_PLACEHOLDER = '{value}';

/** A new control with every field at its default; `fields` override them. */
export function newControl(fields: Partial<ControlDefinition> & Pick<ControlDefinition, 'kind' | 'commandTopic'>, id: string): ControlDefinition {
  return {
    id,
    name: '',
    stateTopic: '',
    statePath: '',
    answerTopic: '',
    onPayload: fields.kind === 'button' ? 'start' : 'on',
    offPayload: 'off',
    onStates: [],
    offStates: [],
    min: 0,
    max: 100,
    step: 1,
    unit: '',
    slider: true,
    options: [],
    pattern: '',
    template: VALUE_PLACEHOLDER,
    qos: 1,
    retain: false,
    confirm: 'never',
    timeoutSeconds: DEFAULT_CONTROL_TIMEOUT_SECONDS,
    everyCommand: fields.kind === 'button',
    expirySeconds: null,
    ...fields,
  };
}

/** The topics a control covers: their own tiles are folded into the control. */
export function coveredTopics(control: ControlDefinition): string[] {
  const topics = [control.commandTopic];
  if (control.stateTopic !== '' && control.statePath === '') topics.push(control.stateTopic);
  if (control.answerTopic !== '') topics.push(control.answerTopic);
  return topics;
}

/** A copy holding only the fields of a control (nothing a caller added), for storage and the layout file. */
export function copyControl(control: ControlDefinition): ControlDefinition {
  return newControl({ ...pick(control), onStates: [...control.onStates], offStates: [...control.offStates], options: [...control.options] }, control.id);
}

function pick(control: ControlDefinition): ControlDefinition {
  const { id, name, kind, commandTopic, stateTopic, statePath, answerTopic, onPayload, offPayload, onStates, offStates, min, max, step, unit, slider, options, pattern, template, qos, retain, confirm, timeoutSeconds, everyCommand, expirySeconds } =
    control;
  return { id, name, kind, commandTopic, stateTopic, statePath, answerTopic, onPayload, offPayload, onStates, offStates, min, max, step, unit, slider, options, pattern, template, qos, retain, confirm, timeoutSeconds, everyCommand, expirySeconds };
}
