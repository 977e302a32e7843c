/**
 * Sparkplug B metrics as tiles: each metric gets a made-up topic under its node or device, and its value
 * is shown as what its datatype says (numbers with their unit, 64-bit integers exact, booleans, text,
 * times, bytes as hex, datasets as tables); and a message in one text for the log. Plain data, no protobuf.
 */
import type { DecodedPayload } from '../mqtt/payload';
import type { SparkplugEvent } from './sparkplug-model';
import { DATATYPE_NAMES, SPARKPLUG_NAMESPACE, type SparkplugMetric, type SparkplugPayload, type SparkplugTopic } from './sparkplug-types';
import { valueText } from './sparkplug-model';
import { ignoredWords, syncFaultWords } from '../ui/sparkplug-words';
import { formatDateTime, msg, msgPlural } from '../i18n/words';

type MetricEvent = Extract<SparkplugEvent, { kind: 'metric' }>;

/** The tile topic of a metric: `spBv1.0/<group>/<node>[/<device>]/<metric name>`. */
export const metricTopic = (owner: string, name: string) => `${SPARKPLUG_NAMESPACE}/${owner}/${name}`;

const encoder = new TextEncoder();

/** A metric's value as a tile shows it. */
export function metricPayload(event: MetricEvent): DecodedPayload {
  const sparkplug = { owner: event.owner, metric: event.name, datatype: event.datatype, type: datatypeName(event.datatype), timestamp: event.timestamp };
  const unit = event.unit ?? undefined;
  const value = event.value;
  const base = (text: string) => ({ text, bytes: encoder.encode(text).length, truncated: false, sparkplug });
  switch (value.kind) {
    case 'number':
      if (!Number.isFinite(value.value)) return { kind: 'text', ...base(String(value.value)), notFinite: true };
      return unit === undefined
        ? { kind: 'number', ...base(String(value.value)), value: value.value }
        : { kind: 'measure', ...base(`${value.value} ${unit}`), value: value.value, unit };
    case 'integer64': {
      const nearest = Number(value.text);
      return unit === undefined
        ? { kind: 'number', ...base(value.text), value: nearest, exact: value.text }
        : { kind: 'measure', ...base(`${value.text} ${unit}`), value: nearest, unit, exact: value.text };
    }
    case 'bytes':
      return { kind: 'binary', text: value.hex, bytes: value.length, truncated: value.length > 64, sparkplug };
    case 'dataset': {
      const table = { columns: value.columns, types: value.types, rows: value.rows };
      return { kind: 'text', ...base(valueText(value)), sparkplug: { ...sparkplug, table } };
    }
    case 'null':
      return { kind: 'text', ...base('null (no value)') };
    default:
      return { kind: 'text', ...base(valueText(value)) };
  }
}

/** At most this many metrics are named in a message's summary. */
const SUMMARY_METRICS = 12;

/** What a Sparkplug message says, in one text for the message log. */
export function messageSummary(topic: SparkplugTopic, payload: SparkplugPayload, events: readonly SparkplugEvent[]): string {
  const parts = [topic.type, payload.seq === null ? msg('no seq') : `seq ${payload.seq}`];
  if (payload.timestamp !== null) parts.push(formatDateTime(payload.timestamp));
  const named = events.filter((event): event is MetricEvent => event.kind === 'metric');
  const metrics =
    named.length > 0
      ? named.map((event) => `${event.name} = ${valueText(event.value)}${event.unit ? ` ${event.unit}` : ''}`)
      : payload.metrics.map((metric) => `${rawName(metric)} = ${valueText(metric.value)}`);
  const lines = [`${parts.join(' · ')} · ${msgPlural(payload.metrics.length, '{0} metric', '{0} metrics', payload.metrics.length)}`];
  lines.push(...metrics.slice(0, SUMMARY_METRICS));
  if (metrics.length > SUMMARY_METRICS) lines.push(msg('… and {0} more', metrics.length - SUMMARY_METRICS));
  for (const event of events) {
    if (event.kind === 'ignored') lines.push(msg('Ignored: {0}', ignoredWords(event.reason)));
    if (event.kind === 'out-of-sync') lines.push(msg('Node out of sync: {0}', syncFaultWords(event.fault)));
  }
  return lines.join('\n');
}

const rawName = (metric: SparkplugMetric) => metric.name ?? `alias ${metric.alias ?? '?'}`;

export const datatypeName = (datatype: number) => DATATYPE_NAMES[datatype] ?? `datatype ${datatype}`;
