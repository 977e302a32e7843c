/**
 * Sparkplug B payloads through Eclipse Tahu's `sparkplug-payload` (protobufjs), loaded only when a
 * Sparkplug topic is seen. Its values are turned into plain data here: 64-bit integers as exact text
 * (protobufjs gives them as Long once it is told where Long is: its own probe for it fails in a bundle,
 * and it would round them to floats), dates as epoch milliseconds, bytes as hex.
 */
import Long from 'long';
import protobuf from 'protobufjs/minimal';
import { decodePayload, encodePayload, type UMetric, type UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import { DATATYPE_NAMES, type MetricValue, type SparkplugMetric, type SparkplugPayload } from './sparkplug-types';

protobuf.util.Long = Long;
protobuf.configure();

const DATATYPE_NUMBERS = new Map(Object.entries(DATATYPE_NAMES).map(([number, name]) => [name, Number(number)]));
/** At most this many dataset rows are kept for display. */
export const DATASET_ROWS_SHOWN = 200;

type LongLike = { low: number; high: number; unsigned: boolean };
const isLong = (value: unknown): value is LongLike => typeof value === 'object' && value !== null && 'low' in value && 'high' in value;

/** Exact decimal text of a 64-bit integer, signed or not as its datatype says. */
function integerText(value: unknown, signed: boolean): string {
  if (typeof value === 'number') return String(value);
  if (!isLong(value)) return String(value);
  const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return (signed ? BigInt.asIntN(64, bits) : bits).toString();
}

const toMs = (value: unknown): number | null => (value === null || value === undefined ? null : Number(integerText(value, false)));

/** sparkplug-payload reads UInt32 as a signed 32-bit int: values of 2^31 and more come negative. */
const unsigned32 = (number: number) => (number < 0 ? number + 2 ** 32 : number);

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

function cellText(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'Int64') return integerText(value, true);
  if (type === 'UInt64') return integerText(value, false);
  if (type === 'UInt32') return String(unsigned32(Number(integerText(value, false))));
  if (type === 'DateTime') return new Date(toMs(value) ?? 0).toISOString();
  return String(value);
}

/** A metric's value as what its datatype says it is. */
export function metricValue(datatype: number, value: unknown): MetricValue {
  if (value === null || value === undefined) return { kind: 'null' };
  switch (datatype) {
    case 4:
      return { kind: 'integer64', text: integerText(value, true) };
    case 8:
      return { kind: 'integer64', text: integerText(value, false) };
    case 7: {
      return { kind: 'number', value: unsigned32(Number(integerText(value, false))) };
    }
    case 1:
    case 2:
    case 3:
    case 5:
    case 6:
    case 9:
    case 10:
      return { kind: 'number', value: Number(value) };
    case 11:
      return { kind: 'boolean', value: value === true };
    case 12:
    case 14:
    case 15:
      return { kind: 'text', value: String(value) };
    case 13:
      return { kind: 'datetime', ms: toMs(value) ?? 0 };
    case 17:
    case 18: {
      const bytes = value instanceof Uint8Array ? value : new Uint8Array(0);
      return { kind: 'bytes', hex: hex(bytes.subarray(0, 64)) + (bytes.length > 64 ? ' …' : ''), length: bytes.length };
    }
    case 16: {
      const dataset = value as { columns?: string[]; types?: string[]; rows?: unknown[][] };
      const types = dataset.types ?? [];
      const rows = (dataset.rows ?? []).slice(0, DATASET_ROWS_SHOWN).map((row) => row.map((cell, index) => cellText(cell, types[index] ?? '')));
      return { kind: 'dataset', columns: dataset.columns ?? [], types, rows };
    }
    case 19: {
      const template = value as { templateRef?: string; metrics?: unknown[]; isDefinition?: boolean };
      const what = template.isDefinition ? 'template definition' : `template ${template.templateRef ?? ''}`.trim();
      return { kind: 'other', text: `${what} (${template.metrics?.length ?? 0} metrics)` };
    }
    default:
      return { kind: 'other', text: `${DATATYPE_NAMES[datatype] ?? `datatype ${datatype}`} value` };
  }
}

function readMetric(metric: UMetric): SparkplugMetric {
  const datatype = DATATYPE_NUMBERS.get(metric.type) ?? 0;
  const unit = metric.properties?.['engUnit']?.value;
  return {
    name: typeof metric.name === 'string' ? metric.name : null,
    alias: metric.alias === null || metric.alias === undefined ? null : integerText(metric.alias, false),
    datatype,
    timestamp: toMs(metric.timestamp),
    value: metricValue(datatype, metric.value),
    unit: typeof unit === 'string' ? unit : null,
  };
}

/** Decodes a Sparkplug B payload; throws on bytes that are not one. */
export function decodeSparkplug(bytes: Uint8Array): SparkplugPayload {
  const payload = decodePayload(bytes);
  return {
    timestamp: toMs(payload.timestamp),
    seq: payload.seq === null || payload.seq === undefined ? null : Number(integerText(payload.seq, false)),
    metrics: (payload.metrics ?? []).map((metric) => readMetric(metric as UMetric)),
  };
}

/** What a write or a Rebirth request carries: a metric by name, with its datatype and value. */
export interface MetricWrite {
  name: string;
  datatype: number;
  /** As typed: a number, `true`/`false`, or text; 64-bit integers as decimal text. */
  value: string | number | boolean;
}

/** An NCMD or DCMD payload. */
export function encodeCommand(writes: MetricWrite[], now: number): Uint8Array {
  const metrics = writes.map((write) => ({ name: write.name, type: DATATYPE_NAMES[write.datatype], value: commandValue(write) }) as UMetric);
  return encodePayload({ timestamp: Long.fromNumber(now, true), metrics } as UPayload);
}

function commandValue(write: MetricWrite): UMetric['value'] {
  if (write.datatype === 4 || write.datatype === 8 || write.datatype === 13) return Long.fromString(String(write.value), write.datatype !== 4);
  return write.value;
}
