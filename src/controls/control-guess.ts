/**
 * A first draft of a control from what is known of a topic: the command topic by the conventions devices
 * follow (`<device>/commande`, `<device>/command`, `<topic>/set`), the kind and payloads from the value it
 * reports. The user checks and changes it before saving.
 */
import { newControl, type ControlDefinition } from './control-definition';
import { reportedNumber } from './control-payload';

/** Known pairs of reported states and the commands that make them, lower case. */
const PAIRS: ReadonlyArray<{ on: string[]; off: string[]; onPayload: string; offPayload: string }> = [
  { on: ['on'], off: ['off'], onPayload: 'ON', offPayload: 'OFF' },
  { on: ['true'], off: ['false'], onPayload: 'true', offPayload: 'false' },
  { on: ['en marche', 'marche'], off: ['arrêté', 'arrêtée', 'arrêt', 'arret'], onPayload: 'start', offPayload: 'stop' },
  { on: ['running', 'started', 'start'], off: ['stopped', 'stop'], onPayload: 'start', offPayload: 'stop' },
  { on: ['open', 'ouvert', 'ouverte'], off: ['closed', 'fermé', 'fermée'], onPayload: 'open', offPayload: 'close' },
];

export interface GuessContext {
  /** The topic the control is made from (its state topic), if any. */
  stateTopic?: string;
  /** What that topic reports now. */
  reported?: string | null;
  /** The device the control is for, if known. */
  device?: string | null;
  /** Whether a topic has been seen on the broker. */
  known(topic: string): boolean;
}

export function guessControl(context: GuessContext, id: string): ControlDefinition {
  const stateTopic = context.stateTopic ?? '';
  const device = context.device ?? (stateTopic.includes('/') ? (stateTopic.split('/')[0] ?? null) : null);
  const commandTopic = guessCommandTopic(stateTopic, device, context.device != null, context.known);
  const name = stateTopic !== '' ? stateTopic.split('/').slice(device && stateTopic.startsWith(`${device}/`) ? 0 : -1).join(' ') : (device ?? '');
  const reported = context.reported?.trim() ?? '';
  const number = reportedNumber(reported);
  if (number !== null && stateTopic !== '') {
    const magnitude = Math.max(1, 10 ** Math.ceil(Math.log10(Math.abs(number) * 2 || 1)));
    return newControl({ kind: 'setpoint', name, commandTopic, stateTopic, min: 0, max: magnitude, step: magnitude >= 1000 ? 50 : magnitude >= 100 ? 1 : 0.5 }, id);
  }
  const pair = PAIRS.find((candidate) => [...candidate.on, ...candidate.off].includes(reported.toLowerCase()));
  if (pair || stateTopic === '') {
    const known = pair ?? PAIRS[2];
    return newControl({ kind: 'switch', name, commandTopic, stateTopic, onPayload: known?.onPayload ?? 'on', offPayload: known?.offPayload ?? 'off', onStates: pair ? [...pair.on] : [], offStates: pair ? [...pair.off] : [] }, id);
  }
  return newControl({ kind: 'choice', name, commandTopic, stateTopic, options: reported === '' ? [] : [reported] }, id);
}

/** A seen `<device>/commande` (or command, cmd); for a known device, its `/commande`; else `<topic>/set` (Zigbee2MQTT, Tasmota-like). */
function guessCommandTopic(stateTopic: string, device: string | null, knownDevice: boolean, known: (topic: string) => boolean): string {
  const candidates = device ? [`${device}/commande`, `${device}/command`, `${device}/cmd`] : [];
  const seen = candidates.find(known);
  if (seen) return seen;
  if (knownDevice && candidates[0]) return candidates[0];
  if (stateTopic !== '') return `${stateTopic}/set`;
  return candidates[0] ?? '';
}
