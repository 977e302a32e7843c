/**
 * A control's words: its values as a technician reads them, and what became of its last command, always
 * true to what is known (queued, on its way, waiting for the device, confirmed, reported otherwise, no
 * answer, never confirmable). Pure: the card draws them, tests read them.
 */
import type { ControlDefinition } from '../../controls/control-definition';
import { reportedNumber, switchStateOf } from '../../controls/control-payload';
import type { OutboxCommand } from '../../storage/outbox-command';
import { msg } from '../../i18n/words';
import { formatAge, formatDecimal, formatDuration, unitSpace } from '../format';
import { problemWords } from '../problem-words';

/** `pending`: on its way or waiting; `ok`: confirmed; `warn`: the device says otherwise or nothing; `fail`: not sent. */
export type StatusTone = 'pending' | 'ok' | 'warn' | 'fail' | 'plain';

export interface ControlStatus {
  /** What the card shows, with ages that tick. */
  text: string;
  /** The same without what ticks, for the screen reader's live region (said once per change). */
  spoken: string;
  tone: StatusTone;
  /** Whether Retry is offered (no answer, another value, a refusal). */
  retry: boolean;
  /** Whether the command is still on its way or waiting for the device. */
  pending: boolean;
}

/** A value of this control as words: the payload for a switch or a button, the number with its unit, the option, the text. */
export function valueWords(control: ControlDefinition, value: string): string {
  switch (control.kind) {
    case 'switch':
      return value === 'on' ? control.onPayload : control.offPayload;
    case 'button':
      return control.onPayload === '' ? msg('(empty)') : control.onPayload;
    case 'setpoint':
      return numberWords(control, value);
    default:
      return value === '' ? msg('(empty)') : value;
  }
}

/** A number as the screen's language writes it, with the control's unit and the decimals of its step. */
export function numberWords(control: ControlDefinition, value: string): string {
  const number = reportedNumber(value);
  if (number === null) return value;
  const decimals = Math.max(decimalsIn(String(control.step)), decimalsIn(value.trim()));
  const text = formatDecimal(number, Math.min(decimals, 10));
  return control.unit === '' ? text : `${text}${unitSpace()}${control.unit}`;
}

function decimalsIn(text: string): number {
  const dot = text.search(/[.,]/);
  return dot === -1 || /e/i.test(text) ? 0 : text.length - dot - 1;
}

/** A reported value as words: for a switch, its payload's word when it means on or off; a number with its unit. */
export function reportedWords(control: ControlDefinition, reported: string): string {
  if (control.kind === 'setpoint') return numberWords(control, reported);
  return reported === '' ? msg('(empty)') : reported;
}

/** What became of a control's latest command, or null when it has sent none (or its last was replaced). */
export function controlStatus(control: ControlDefinition, command: OutboxCommand | undefined, now: number): ControlStatus | null {
  if (!command?.control) return null;
  const asked = valueWords(control, command.control.value);
  const status = (text: string, spoken: string, tone: StatusTone, retry = false, pending = false): ControlStatus => ({ text, spoken, tone, retry, pending });
  switch (command.state) {
    case 'queued': {
      const queued = msg('Sent: {0}…', asked);
      return status(`${queued} ${msg('queued in the outbox ({0})', formatAge(now - command.createdAt))}`, `${queued} ${msg('queued in the outbox')}`, 'pending', false, true);
    }
    case 'sending':
      return status(msg('Sent: {0}… on its way to the broker', asked), msg('Sent: {0}… on its way to the broker', asked), 'pending', false, true);
    case 'failed': {
      const reason = command.reason === null ? msg('no reason given') : typeof command.reason === 'string' ? command.reason : problemWords(command.reason);
      const text = msg('Not sent: {0}. {1}', asked, reason);
      return status(text, text, 'fail', true);
    }
    case 'cancelled': {
      if (command.replacedBy) return null;
      const text = msg('Cancelled: {0}', asked);
      return status(text, text, 'plain', true);
    }
    case 'delivered':
      break;
  }
  const confirmation = command.confirmation;
  if (!confirmation) return status(msg('Sent: {0}', asked), msg('Sent: {0}', asked), 'plain');
  const reported = confirmation.reported === null ? '' : reportedWords(control, confirmation.reported);
  switch (confirmation.state) {
    case 'waiting': {
      const left = Math.max(0, (confirmation.deadline ?? now) - now);
      const waiting = msg('Sent: {0}… waiting for the device', asked);
      return status(`${waiting} (${msg('{0} left', formatDuration(left + 999))})`, waiting, 'pending', false, true);
    }
    case 'confirmed': {
      const text = msg('Confirmed: {0}', asked);
      return status(confirmation.at === null ? text : `${text} (${formatAge(now - confirmation.at)})`, text, 'ok');
    }
    case 'differs': {
      const text = msg('Device reports {0} (asked {1})', reported, asked);
      return status(text, text, 'warn', true);
    }
    case 'no-answer': {
      const text = msg('No answer from the device after {0} s (asked {1})', control.timeoutSeconds, asked);
      return status(text, text, 'warn', true);
    }
    case 'unconfirmable': {
      const text = msg('Sent: {0}, not confirmed (no state topic)', asked);
      return status(text, text, 'plain');
    }
  }
}

/** A switch's reported state: on, off, or a value that means neither (shown as it is). */
export function switchShows(control: ControlDefinition, reported: string | null): 'on' | 'off' | 'unknown' {
  if (reported === null) return 'unknown';
  return switchStateOf(control, reported) ?? 'unknown';
}
