/**
 * The MQTT 5 options of a command as typed in the composer: message expiry, user properties (one
 * `key=value` per line) and a reply request with its timeout. Pure: each problem is a sentence saying
 * what to change.
 */
import { msg } from '../i18n/words';

export interface CommandOptionsInput {
  expiry: string;
  userProperties: string;
  askForReply: boolean;
  replyTimeout: string;
}

export interface CommandOptions {
  expirySeconds: number | null;
  userProperties: Array<[string, string]>;
  replyTimeoutSeconds: number | null;
}

export const DEFAULT_REPLY_TIMEOUT_SECONDS = 10;
const MAX_EXPIRY_SECONDS = 4_294_967_295;

export function parseCommandOptions(input: CommandOptionsInput): CommandOptions | { problem: string } {
  let expirySeconds: number | null = null;
  if (input.expiry.trim() !== '') {
    const seconds = Number(input.expiry);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) {
      return { problem: msg('Message expiry must be a whole number of seconds, 1 or more (leave it empty for none).') };
    }
    expirySeconds = seconds;
  }
  const userProperties: Array<[string, string]> = [];
  const lines = input.userProperties.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const equals = line.indexOf('=');
    const key = equals === -1 ? '' : line.slice(0, equals).trim();
    if (key === '') return { problem: msg('User property on line {0} needs the form key=value.', index + 1) };
    if (key === 'command-id') return { problem: msg('The user property command-id is set by the dashboard itself: use another key.') };
    userProperties.push([key, line.slice(equals + 1).trim()]);
  }
  let replyTimeoutSeconds: number | null = null;
  if (input.askForReply) {
    const text = input.replyTimeout.trim();
    const seconds = text === '' ? DEFAULT_REPLY_TIMEOUT_SECONDS : Number(text);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
      return { problem: msg('Reply timeout must be a whole number of seconds from 1 to 86400.') };
    }
    replyTimeoutSeconds = seconds;
  }
  return { expirySeconds, userProperties, replyTimeoutSeconds };
}
