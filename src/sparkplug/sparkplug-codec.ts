/**
 * Sparkplug B payloads through Eclipse Tahu's `sparkplug-payload` (the Sparkplug B schema's generated
 * protobufjs code to decode, its encoder for commands), loaded only when a Sparkplug topic is seen. Values
 * are turned into plain data here: 64-bit integers as exact text
 * (protobufjs gives them as Long once it is told where Long is: its own probe for it fails in a bundle,
 * and it would round them to floats), dates as epoch milliseconds, bytes as hex.
 */
import Long from 'long';
import protobuf from 'protobufjs/minimal';
import { encodePayload, type UMetric, type UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import * as SparkplugProto from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import { DATATYPE_NAMES, type MetricValue, type SparkplugMetric, type SparkplugPayload } from './sparkplug-types';
import { valueText } from './sparkplug-model';

protobuf.util.Long = Long;
protobuf.configure();

const Proto = SparkplugProto.org.eclipse.tahu.protobuf;
type Metric = SparkplugProto.org.eclipse.tahu.protobuf.Payload.IMetric;
type PropertySet = SparkplugProto.org.eclipse.tahu.protobuf.Payload.IPropertySet;

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

/** Which of a protobuf `oneof value` is set (protobufjs names it), with what. */
type ValueHolder = { value?: string; isNull?: boolean | null } & Record<string, unknown>;

const rawOf = (holder: ValueHolder | null | undefined): unknown => (holder && holder.value !== undefined ? holder[holder.value] : null);

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** Int8, Int16 and Int32 travel as the uint32 of their two's complement. */
const signed32 = (datatype: number, value: number) => (datatype === 1 ? (value << 24) >> 24 : datatype === 2 ? (value << 16) >> 16 : value | 0);

/** A DataSet's cell as text, by its column's datatype. */
function cellText(value: unknown, datatype: number): string {
  if (value === null || value === undefined) return '';
  const shown = metricValue(datatype, value);
  return shown.kind === 'other' ? String(value) : valueText(shown);
}

/** A metric's (or a cell's) value as what its datatype says it is; 0 (not given): as what its field holds. */
export function metricValue(datatype: number, value: unknown): MetricValue {
  if (value === null || value === undefined) return { kind: 'null' };
  switch (datatype) {
    case 1:
    case 2:
    case 3:
      return { kind: 'number', value: isLong(value) ? Number(integerText(value, true)) : signed32(datatype, Number(value)) };
    case 4:
      return { kind: 'integer64', text: integerText(value, true) };
    case 8:
      return { kind: 'integer64', text: integerText(value, false) };
    case 5:
    case 6:
    case 7:
      return { kind: 'number', value: isLong(value) ? Number(integerText(value, false)) : Number(value) >>> 0 };
    case 9:
      // A 32-bit float: 42.3 arrives as 42.29999923706055; its 7 significant digits are what was sent.
      return { kind: 'number', value: Number(Number(value).toPrecision(7)) };
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
      const dataset = value as { columns?: string[]; types?: number[]; rows?: Array<{ elements?: ValueHolder[] }> };
      const types = dataset.types ?? [];
      const rows = (dataset.rows ?? []).slice(0, DATASET_ROWS_SHOWN).map((row) => types.map((type, index) => cellText(rawOf(row.elements?.[index]), type)));
      return { kind: 'dataset', columns: dataset.columns ?? [], types: types.map((type) => DATATYPE_NAMES[type] ?? `datatype ${type}`), rows };
    }
    case 19: {
      const template = value as { templateRef?: string; metrics?: unknown[]; isDefinition?: boolean };
      const what = template.isDefinition ? 'template definition' : `template ${template.templateRef ?? ''}`.trim();
      return { kind: 'other', text: `${what} (${template.metrics?.length ?? 0} metrics)` };
    }
    case 0:
      return untypedValue(value);
    default:
      return { kind: 'other', text: `${DATATYPE_NAMES[datatype] ?? `datatype ${datatype}`} value` };
  }
}

/** A data message may leave the datatype out (its birth said it): the value as its field holds it. */
function untypedValue(value: unknown): MetricValue {
  if (isLong(value)) return { kind: 'integer64', text: integerText(value, !value.unsigned) };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string') return { kind: 'text', value };
  if (value instanceof Uint8Array) return metricValue(17, value);
  if (typeof value === 'object' && value !== null && 'types' in value) return metricValue(16, value);
  return { kind: 'other', text: 'a value of no declared datatype' };
}

function readMetric(metric: Metric): SparkplugMetric {
  const datatype = metric.datatype ?? 0;
  const unit = readUnit(metric.properties);
  const holder = metric as unknown as ValueHolder;
  return {
    name: typeof metric.name === 'string' && hasField(metric, 'name') ? metric.name : null,
    alias: hasField(metric, 'alias') ? integerText(metric.alias, false) : null,
    datatype,
    timestamp: hasField(metric, 'timestamp') ? toMs(metric.timestamp) : null,
    value: metric.isNull ? { kind: 'null' } : metricValue(datatype, rawOf(holder)),
    unit,
  };
}

/** The engineering unit, from the metric's `engUnit` property. */
function readUnit(properties: PropertySet | null | undefined): string | null {
  const index = properties?.keys?.indexOf('engUnit') ?? -1;
  const value = index === -1 ? null : properties?.values?.[index]?.stringValue;
  return typeof value === 'string' ? value : null;
}

/** Whether a field was in the bytes (protobufjs gives absent fields their default through the prototype). */
const hasField = (message: object, field: string) => Object.prototype.hasOwnProperty.call(message, field);

/**
 * Decodes a Sparkplug B payload with the Sparkplug B schema (Tahu's generated protobuf code); throws on
 * bytes that are not one. Values are read here rather than by Tahu's own decoder, which refuses DataSets
 * with Int8–Int32, UInt8, UInt16, UInt64, DateTime or Text columns.
 */
export function decodeSparkplug(bytes: Uint8Array): SparkplugPayload {
  const payload = Proto.Payload.decode(bytes);
  return {
    timestamp: hasField(payload, 'timestamp') ? toMs(payload.timestamp) : null,
    seq: hasField(payload, 'seq') ? Number(integerText(payload.seq, false)) : null,
    metrics: payload.metrics.map(readMetric),
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
