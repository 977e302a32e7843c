/**
 * Alarms in words: priorities (each with a shape, so that colour is never the only sign), states, kinds,
 * conditions and history events, in the screen's language.
 */
import type { AlarmDefinition, AlarmKind, AlarmPriority } from '../../alarms/alarm-definition';
import type { AlarmEvent, AlarmEventKind, OperatorState } from '../../alarms/alarm-machine';
import type { SharedStateProblem } from '../../alarms/alarm-sharing';
import { language, msg } from '../../i18n/words';
import { formatDuration } from '../format';

export function priorityWord(priority: AlarmPriority): string {
  switch (priority) {
    case 'urgent':
      return msg('Urgent');
    case 'high':
      return msg('High');
    case 'medium':
      return msg('Medium');
    case 'low':
      return msg('Low');
  }
}

/** Who acknowledges: the dashboard's name, or its client id. */
export function actingName(settings: { dashboardName: string; clientId: string }): string {
  return settings.dashboardName.trim() || settings.clientId;
}

/** A shape per priority, read with the word: ◆ urgent, ▲ high, ■ medium, ● low. */
export function priorityShape(priority: AlarmPriority): string {
  return priority === 'urgent' ? '◆' : priority === 'high' ? '▲' : priority === 'medium' ? '■' : '●';
}

export function stateWord(state: OperatorState): string {
  switch (state) {
    case 'normal':
      return msg('Normal');
    case 'active-unacknowledged':
      return msg('Active, not acknowledged');
    case 'acknowledged':
      return msg('Active, acknowledged');
    case 'returned-unacknowledged':
      return msg('Returned, not acknowledged');
    case 'shelved':
      return msg('Shelved');
    case 'suppressed':
      return msg('Suppressed (device offline)');
  }
}

export function kindWord(kind: AlarmKind): string {
  switch (kind) {
    case 'high-high':
      return msg('High-high limit');
    case 'high':
      return msg('High limit');
    case 'low':
      return msg('Low limit');
    case 'low-low':
      return msg('Low-low limit');
    case 'equals':
      return msg('Text equals');
    case 'differs':
      return msg('Text differs from');
    case 'offline':
      return msg('Device offline');
    case 'no-data':
      return msg('No data');
  }
}

/** A limit as it was typed: its own decimals, the language's decimal sign. */
export const limitWords = (value: number) => (language() === 'fr' ? String(value).replace('.', ',') : String(value));
const number = limitWords;

/** The condition as a technician reads it: `above 75`, `below 5`, `= défaut`, `offline`, `no data for 1 min`. */
export function conditionWords(alarm: AlarmDefinition): string {
  switch (alarm.kind) {
    case 'high-high':
    case 'high':
      return msg('above {0}', number(alarm.limit));
    case 'low':
    case 'low-low':
      return msg('below {0}', number(alarm.limit));
    case 'equals':
      return `= ${alarm.text.trim()}`;
    case 'differs':
      return `≠ ${alarm.text.trim()}`;
    case 'offline':
      return msg('{0} offline', alarm.device);
    case 'no-data':
      return msg('no data for {0}', formatDuration(alarm.silenceSeconds * 1000));
  }
}

/** What the alarm says: its message, or what it watches and its condition. */
export function alarmTitle(alarm: AlarmDefinition): string {
  if (alarm.message.trim() !== '') return alarm.message.trim();
  return alarm.kind === 'offline' ? conditionWords(alarm) : `${alarm.topic}${alarm.path ? ` (${alarm.path})` : ''} ${conditionWords(alarm)}`;
}

/** A judged value in words: numbers as numbers; presence's words translated. */
export function valueWords(value: string | null): string {
  if (value === null) return '—';
  if (value === 'offline') return msg('offline');
  if (value === 'online') return msg('online');
  // A number with the screen's decimal sign, its digits as sent.
  if (language() === 'fr' && /^\s*[-+]?\d+\.\d+\s*$/.test(value)) return value.trim().replace('.', ',');
  return value;
}

export function eventWord(kind: AlarmEventKind): string {
  switch (kind) {
    case 'raised':
      return msg('Raised');
    case 'returned':
      return msg('Returned');
    case 'acknowledged':
      return msg('Acknowledged');
    case 'normal':
      return msg('Back to normal');
    case 'shelved':
      return msg('Shelved');
    case 'unshelved':
      return msg('Unshelved');
    case 'ignored':
      return msg('Shared state ignored');
  }
}

/** Why another dashboard's shared state was ignored. */
export function sharedProblemWords(reason: SharedStateProblem): string {
  switch (reason) {
    case 'not-json':
      return msg('not JSON');
    case 'not-a-state':
      return msg('not an alarm state (its fields are in the README)');
    case 'unknown-alarm':
      return msg('no alarm has this id in this layout');
    case 'acknowledges-normal':
      return msg('it acknowledges an alarm that is normal here');
    case 'from-the-future':
      return msg('dated more than a minute ahead of this tablet’s clock');
  }
}

/** What an event's by-and-comment column says (for an ignored state: why, and what came). */
export function eventNote(event: Pick<AlarmEvent, 'by' | 'comment' | 'reason'>): string {
  if (event.reason) return sharedProblemWords(event.reason);
  return [event.by, event.comment ? `“${event.comment}”` : ''].filter(Boolean).join(' — ');
}
