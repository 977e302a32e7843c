/**
 * Turns raw payload bytes into something a person can read. Broker data is hostile: the result is
 * plain text meant for Lit text bindings, never HTML.
 */
import { locale, msg } from '../i18n/words';

/** Payloads larger than this are shown truncated, with their size. */
export const DISPLAY_LIMIT_BYTES = 64 * 1024;
/** How many bytes of a binary payload are shown as hex. */
export const HEX_PREVIEW_BYTES = 64;

export type PayloadKind = 'empty' | 'number' | 'measure' | 'json' | 'text' | 'binary';

export interface DecodedPayload {
  kind: PayloadKind;
  /** What to show, as text. */
  text: string;
  /** The numeric value for `number` and `measure`. */
  value?: number;
  /** The unit of a `measure` ({"value": 21.5, "unit": "°C"}). */
  unit?: string;
  /** Size of the whole payload in bytes. */
  bytes: number;
  /** True when `text` shows only the beginning of the payload. */
  truncated: boolean;
  /** For a `measure`, the JSON it was read from (`text` shows only value and unit). */
  source?: string;
  /** A number too large for a float (`1e400`), shown as sent but kept out of charts. */
  notFinite?: true;
  /** The exact digits of a 64-bit integer (`value` is only the nearest float, for charts). */
  exact?: string;
  /** A Sparkplug B metric's value: whose it is, its name and datatype (see sparkplug-types.ts). */
  sparkplug?: SparkplugTile;
  /** A payload under `spBv1.0/` that is not Sparkplug B: why. */
  undecodable?: string;
}

/** What a Sparkplug B metric's tile knows of it. Its topic is made up: `spBv1.0/<group>/<node>[/<device>]/<metric>`. */
export interface SparkplugTile {
  /** The edge node (`group/node`) or device (`group/node/device`). */
  owner: string;
  metric: string;
  /** The Sparkplug datatype number, and its name (`Int64`, `Boolean`…). */
  datatype: number;
  type: string;
  /** The metric's own timestamp (epoch ms), when it has one. */
  timestamp: number | null;
  /** A DataSet, as a table. */
  table?: { columns: string[]; types: string[]; rows: string[][] };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
// Control characters other than tab, line feed and carriage return mean "not text".
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function decodePayload(payload: Uint8Array): DecodedPayload {
  const bytes = payload.byteLength;
  if (bytes === 0) return { kind: 'empty', text: '', bytes, truncated: false };
  const truncated = bytes > DISPLAY_LIMIT_BYTES;
  const shown = truncated ? payload.subarray(0, DISPLAY_LIMIT_BYTES) : payload;
  const text = utf8OrNull(shown, truncated);
  if (text === null || CONTROL.test(text)) {
    return { kind: 'binary', text: toHex(payload), bytes, truncated: bytes > HEX_PREVIEW_BYTES };
  }
  if (truncated) return { kind: 'text', text, bytes, truncated };
  if (NUMBER.test(text)) {
    const value = Number(text);
    if (!Number.isFinite(value)) return { kind: 'text', text: text.trim(), bytes, truncated, notFinite: true };
    const trimmed = text.trim();
    // An integer beyond a float's exact range (2^53) keeps its digits; the float is for charts only.
    if (!Number.isSafeInteger(value) && /^[-+]?\d+$/.test(trimmed)) return { kind: 'number', text: trimmed, value, bytes, truncated, exact: trimmed.replace(/^\+/, '') };
    return { kind: 'number', text: trimmed, value, bytes, truncated };
  }
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    const json = parseJson(text);
    if (json !== undefined) {
      const described = describeJson(json, text.trim(), bytes);
      if (described.kind === 'measure') described.source = text;
      return described;
    }
  }
  return { kind: 'text', text, bytes, truncated };
}

function utf8OrNull(bytes: Uint8Array, mayEndMidCharacter: boolean): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    if (!mayEndMidCharacter) return null;
    // A cut may split a multi-byte character: retry without the last 1 to 3 bytes.
    for (let cut = 1; cut <= 3; cut++) {
      try {
        return strictUtf8.decode(bytes.subarray(0, bytes.byteLength - cut));
      } catch {
        /* keep trying */
      }
    }
    return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON is shown as it was sent: parsing and writing it again would turn `1e400` into `null`. */
function describeJson(json: unknown, text: string, bytes: number): DecodedPayload {
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    const value = record['value'];
    if (typeof value === 'number' && Number.isFinite(value)) {
      const unit = typeof record['unit'] === 'string' ? record['unit'] : undefined;
      const text = unit ? `${value} ${unit}` : String(value);
      return unit === undefined
        ? { kind: 'measure', text, value, bytes, truncated: false }
        : { kind: 'measure', text, value, unit, bytes, truncated: false };
    }
  }
  const value = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)['value'] : undefined;
  return typeof value === 'number' && !Number.isFinite(value) ? { kind: 'json', text, bytes, truncated: false, notFinite: true } : { kind: 'json', text, bytes, truncated: false };
}

export function toHex(payload: Uint8Array, limit = HEX_PREVIEW_BYTES): string {
  const parts: string[] = [];
  const end = Math.min(payload.byteLength, limit);
  for (let i = 0; i < end; i++) parts.push((payload[i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(' ');
}

/** "812 B", "64.0 KiB", "1.2 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return msg('{0} B', bytes);
  const oneDecimal = (value: number) => value.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return msg('{0} KiB', oneDecimal(bytes / 1024));
  return msg('{0} MiB', oneDecimal(bytes / 1024 / 1024));
}
