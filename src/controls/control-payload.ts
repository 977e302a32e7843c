/**
 * What a control sends and how it reads what the device reports. Pure functions: the engine confirms
 * commands with them, the page draws the reported state with them, so both read a report the same way.
 */
import { VALUE_PLACEHOLDER, type ControlDefinition } from './control-definition';

/** What a switch is told, or what a device reports it is. */
export type SwitchState = 'on' | 'off';

/** The value of a button's command: a press has no value of its own. */
export const PRESS = 'press';

/** The payload a control sends for a value (`on`/`off` for a switch, a number, an option, a text). */
export function commandPayload(control: ControlDefinition, value: string): string {
  switch (control.kind) {
    case 'switch':
      return value === 'on' ? control.onPayload : control.offPayload;
    case 'button':
      return control.onPayload;
    default:
      return fillTemplate(control.template, value, control.kind === 'setpoint');
  }
}

/**
 * The template with the value in place of `{value}`. Between quotes (`{"texte": "{value}"}`) the value is
 * written as a JSON string, so that a quote or a backslash typed by the user keeps the payload valid.
 */
export function fillTemplate(template: string, value: string, numeric: boolean): string {
  const quoted = `"${VALUE_PLACEHOLDER}"`;
  let filled = template.split(quoted).join(numeric ? value : JSON.stringify(value));
  filled = filled.split(VALUE_PLACEHOLDER).join(value);
  return filled;
}

/** A report as the topic store holds it: the payload's text, and the JSON it came from for a measure. */
export interface ReportedPayload {
  text: string;
  source?: string;
  /** A measure's number (`{"value": 1450, "unit": "rpm"}` reports 1450). */
  value?: number;
}

/**
 * The value a device reports for a control, as text: the whole payload, or, with a path, the value at that
 * path in its JSON (`state`, `mesures.vitesse`). Null when the payload has no such value.
 */
export function readReported(control: Pick<ControlDefinition, 'statePath'>, payload: ReportedPayload): string | null {
  const path = control.statePath.trim();
  const text = payload.source ?? payload.text;
  if (path === '') return payload.source !== undefined && payload.value !== undefined ? String(payload.value) : payload.text.trim();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  for (const key of path.split('.')) {
    if (typeof data !== 'object' || data === null || !Object.prototype.hasOwnProperty.call(data, key)) return null;
    data = (data as Record<string, unknown>)[key];
  }
  if (data === null || data === undefined) return null;
  if (typeof data === 'object') return JSON.stringify(data);
  return String(data);
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What a reported value means for a switch: on, off, or neither (shown as it is). */
export function switchStateOf(control: ControlDefinition, reported: string): SwitchState | null {
  const onStates = control.onStates.length > 0 ? control.onStates : withBooleans(control.onPayload, ON_WORDS);
  const offStates = control.offStates.length > 0 ? control.offStates : withBooleans(control.offPayload, OFF_WORDS);
  if (onStates.some((state) => same(state, reported))) return 'on';
  if (offStates.some((state) => same(state, reported))) return 'off';
  return null;
}

const ON_WORDS = ['on', 'true', '1'];
const OFF_WORDS = ['off', 'false', '0'];

/** A payload of the on/off kind (`ON`, `true`, `1`) is reported in any of its forms (`{"state": true}`); any other only as itself. */
function withBooleans(payload: string, words: readonly string[]): string[] {
  return words.includes(payload.trim().toLowerCase()) ? [payload, ...words] : [payload];
}

/** A number as a device writes it (`1200`, `1200.0`, ` 1,5 ` with a decimal comma), or null. */
export function reportedNumber(reported: string): number | null {
  const text = reported.trim().replace(',', '.');
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Whether a reported value is what a command asked for. Numbers match within half a step. */
export function confirms(control: ControlDefinition, commanded: string, reported: string): boolean {
  switch (control.kind) {
    case 'switch':
      return switchStateOf(control, reported) === commanded;
    case 'button':
      return control.onStates.length === 0 || control.onStates.some((state) => same(state, reported));
    case 'setpoint': {
      const wanted = Number(commanded);
      const got = reportedNumber(reported);
      return got !== null && Math.abs(got - wanted) <= control.step / 2 + 1e-9 * Math.max(1, Math.abs(wanted));
    }
    case 'choice':
      return same(commanded, reported);
    case 'text':
      return commanded.trim() === reported.trim();
  }
}

/** A setpoint's value on its step grid and within its range, written without exponent or grouping. */
export function snapSetpoint(control: Pick<ControlDefinition, 'min' | 'max' | 'step'>, value: number): number {
  const steps = Math.round((value - control.min) / control.step);
  const snapped = Math.min(control.max, Math.max(control.min, control.min + steps * control.step));
  const decimals = decimalsOf(control.step);
  return Number(snapped.toFixed(Math.min(10, decimals)));
}

function decimalsOf(step: number): number {
  const text = String(step);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** Whether a text value may be sent: it matches the control's pattern (whole), if any. Null: the pattern itself is broken. */
export function textAllowed(pattern: string, value: string): boolean | null {
  if (pattern === '') return true;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return null;
  }
}
