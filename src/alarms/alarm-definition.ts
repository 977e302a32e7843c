/**
 * An alarm: a condition on one value (a limit, a text), on a device (offline) or on silence (no data), with
 * a priority and a message. Plain data, kept with the layout. No DOM, no mqtt.js, no words here.
 */

/** Limits on numbers (high-high, high, low, low-low), a text the value equals or differs from, a device offline, no data. */
export type AlarmKind = 'high-high' | 'high' | 'low' | 'low-low' | 'equals' | 'differs' | 'offline' | 'no-data';
export const ALARM_KINDS: readonly AlarmKind[] = ['high-high', 'high', 'low', 'low-low', 'equals', 'differs', 'offline', 'no-data'];

/** Most urgent first: the order the list and the counts follow. */
export type AlarmPriority = 'urgent' | 'high' | 'medium' | 'low';
export const ALARM_PRIORITIES: readonly AlarmPriority[] = ['urgent', 'high', 'medium', 'low'];

export interface AlarmDefinition {
  /** Stable, made with the alarm: its state, its history and the shared topic follow it. */
  id: string;
  kind: AlarmKind;
  /** The value's topic (a tile's, a control's state topic, a Sparkplug metric's); for `offline`, empty. */
  topic: string;
  /** Inside a JSON payload, the value to read (`mesures.vitesse`); empty: the whole payload. */
  path: string;
  /** For `offline`: the device's id (as the presence panel names it). */
  device: string;
  /** Limits: the limit. */
  limit: number;
  /** Limits: how far back past the limit the value must come to return to normal (0: at the limit). */
  deadband: number;
  /** `equals` / `differs`: the text compared with the value (whole, as received, without surrounding spaces). */
  text: string;
  /** `no-data`: the seconds of silence that raise the alarm. */
  silenceSeconds: number;
  /** How long the condition must hold before the alarm is raised: a spike shorter than this raises nothing. */
  onDelaySeconds: number;
  /** How long the condition must be gone before the alarm returns: a dip shorter than this keeps it raised. */
  offDelaySeconds: number;
  priority: AlarmPriority;
  /** What the technician reads (`Température moteur trop haute`); empty: made from the condition. */
  message: string;
}

export const NUMERIC_KINDS: readonly AlarmKind[] = ['high-high', 'high', 'low', 'low-low'];
/** The longest an alarm may be shelved: it comes back by itself. */
export const MAX_SHELVE_MS = 8 * 3600_000;
/** Longest delay or silence that can be set: a day. */
export const MAX_ALARM_SECONDS = 86_400;

export function isLimit(kind: AlarmKind): boolean {
  return NUMERIC_KINDS.includes(kind);
}

/** Whether the alarm reads a value's topic (every kind but `offline`). */
export function readsTopic(kind: AlarmKind): boolean {
  return kind !== 'offline';
}

/** A new alarm with every field at its default; `fields` override them. */
export function newAlarm(fields: Partial<AlarmDefinition> & Pick<AlarmDefinition, 'kind'>, id: string): AlarmDefinition {
  return {
    id,
    topic: '',
    path: '',
    device: '',
    limit: 0,
    deadband: 0,
    text: '',
    silenceSeconds: 60,
    onDelaySeconds: 0,
    offDelaySeconds: 0,
    priority: fields.kind === 'high-high' || fields.kind === 'low-low' || fields.kind === 'offline' ? 'urgent' : 'high',
    message: '',
    ...fields,
  };
}

/** A copy holding only an alarm's fields (nothing a caller added), for storage and the layout file. */
export function copyAlarm(alarm: AlarmDefinition): AlarmDefinition {
  const { id, kind, topic, path, device, limit, deadband, text, silenceSeconds, onDelaySeconds, offDelaySeconds, priority, message } = alarm;
  return { id, kind, topic, path, device, limit, deadband, text, silenceSeconds, onDelaySeconds, offDelaySeconds, priority, message };
}

/** What is wrong with an alarm as a person would set it, as data (the UI says it in words), or null. */
export type AlarmFieldProblem =
  | { field: 'topic'; kind: 'missing' | 'wildcard' }
  | { field: 'device'; kind: 'missing' }
  | { field: 'limit' | 'deadband' | 'silenceSeconds' | 'onDelaySeconds' | 'offDelaySeconds'; kind: 'not-a-number' | 'negative' | 'too-long' }
  | { field: 'text'; kind: 'missing' };

export function alarmProblem(alarm: AlarmDefinition): AlarmFieldProblem | null {
  if (readsTopic(alarm.kind)) {
    if (alarm.topic.trim() === '') return { field: 'topic', kind: 'missing' };
    if (/[+#]/.test(alarm.topic)) return { field: 'topic', kind: 'wildcard' };
  } else if (alarm.device.trim() === '') return { field: 'device', kind: 'missing' };
  if (isLimit(alarm.kind)) {
    if (!Number.isFinite(alarm.limit)) return { field: 'limit', kind: 'not-a-number' };
    if (!Number.isFinite(alarm.deadband)) return { field: 'deadband', kind: 'not-a-number' };
    if (alarm.deadband < 0) return { field: 'deadband', kind: 'negative' };
  }
  if ((alarm.kind === 'equals' || alarm.kind === 'differs') && alarm.text.trim() === '') return { field: 'text', kind: 'missing' };
  const durations = ['onDelaySeconds', 'offDelaySeconds', ...(alarm.kind === 'no-data' ? (['silenceSeconds'] as const) : [])] as const;
  for (const field of durations) {
    const seconds = alarm[field];
    if (!Number.isFinite(seconds)) return { field, kind: 'not-a-number' };
    if (seconds < 0) return { field, kind: 'negative' };
    if (seconds > MAX_ALARM_SECONDS) return { field, kind: 'too-long' };
  }
  return null;
}
