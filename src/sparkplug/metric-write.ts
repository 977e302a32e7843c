/**
 * A value typed for a Sparkplug B metric, checked against the metric's declared datatype before anything
 * is queued: integers in their range (64-bit ones exact), finite floats, booleans, text, dates.
 */
import { SPARKPLUG_NAMESPACE } from './sparkplug-types';
import { msg } from '../i18n/words';

export type CheckedWrite = { value: string | number | boolean } | { expected: string };

const INTEGER = /^[-+]?\d+$/;

const RANGES: Record<number, [bigint, bigint]> = {
  1: [-128n, 127n],
  2: [-32768n, 32767n],
  3: [-2147483648n, 2147483647n],
  4: [-(2n ** 63n), 2n ** 63n - 1n],
  5: [0n, 255n],
  6: [0n, 65535n],
  7: [0n, 4294967295n],
  8: [0n, 2n ** 64n - 1n],
};

const TRUE_WORDS = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'off', 'no']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The value to send for `text`, or what the datatype expects. */
export function checkMetricValue(datatype: number, text: string): CheckedWrite {
  const trimmed = text.trim();
  const range = RANGES[datatype];
  if (range) {
    const [low, high] = range;
    const expected = { expected: msg('a whole number from {0} to {1}', String(low), String(high)) };
    if (!INTEGER.test(trimmed)) return expected;
    const number = BigInt(trimmed);
    if (number < low || number > high) return expected;
    return { value: datatype === 4 || datatype === 8 ? number.toString() : Number(number) };
  }
  switch (datatype) {
    case 9:
    case 10: {
      // A decimal comma (French keypads type one) reads as the point.
      const decimal = /^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
      const number = decimal === '' ? Number.NaN : Number(decimal);
      if (!Number.isFinite(number)) return { expected: msg('a finite number, such as 21.5') };
      if (datatype === 9 && Math.abs(number) > 3.4028234663852886e38) return { expected: msg('a number a 32-bit Float can hold (at most ±3.4e38)') };
      return { value: number };
    }
    case 11: {
      const word = trimmed.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { expected: msg('true or false') };
    }
    case 12:
    case 14:
      return { value: text };
    case 15:
      return UUID.test(trimmed) ? { value: trimmed.toLowerCase() } : { expected: msg('a UUID such as 123e4567-e89b-12d3-a456-426614174000') };
    case 13: {
      const ms = INTEGER.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
      if (!Number.isFinite(ms) || ms < 0) return { expected: msg('a date and time such as 2026-12-03T10:00:00Z, or epoch milliseconds') };
      return { value: String(ms) };
    }
    default:
      return { expected: msg('nothing: the dashboard writes numbers, booleans, text, UUIDs and dates only') };
  }
}

/** Where a write to a node (`group/node`) or device (`group/node/device`) goes: NCMD or DCMD. */
export function commandTopic(owner: string): string | null {
  const [group, node, device, ...rest] = owner.split('/');
  if (!group || !node || rest.length > 0) return null;
  return device ? `${SPARKPLUG_NAMESPACE}/${group}/DCMD/${node}/${device}` : `${SPARKPLUG_NAMESPACE}/${group}/NCMD/${node}`;
}
