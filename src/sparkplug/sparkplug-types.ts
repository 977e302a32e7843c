/**
 * Sparkplug B (Eclipse Sparkplug 3.0) as the dashboard sees it once decoded: plain data, no protobuf
 * types, 64-bit integers as exact decimal text. Broker data is hostile: every text here is shown as text.
 */

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

export type SparkplugMessageType = 'NBIRTH' | 'NDEATH' | 'DBIRTH' | 'DDEATH' | 'NDATA' | 'DDATA' | 'NCMD' | 'DCMD';

/** `spBv1.0/<group>/<type>/<edge node>[/<device>]`. */
export interface SparkplugTopic {
  group: string;
  type: SparkplugMessageType;
  node: string;
  device: string | null;
}

/** Why a node is out of sync (Sparkplug 3.0's seq and alias rules), as data: src/ui/sparkplug-words.ts words it. */
export type SyncFault =
  | { kind: 'seq-gap' | 'seq-repeat'; message: SparkplugMessageType; expected: number; got: number }
  | { kind: 'no-seq'; message: SparkplugMessageType }
  | { kind: 'before-birth'; message: SparkplugMessageType }
  | { kind: 'device-before-birth'; device: string }
  /** `metric`: its name, or `alias <n>`. */
  | { kind: 'undeclared-metric'; metric: string };

/** What else is known of a Sparkplug node's or device's state: why it is offline, or that it is out of sync. */
export type MemberNote =
  | { kind: 'node-death'; bdSeq: string | null }
  | { kind: 'device-death' }
  | { kind: 'node-died' }
  | { kind: 'node-reborn' }
  | { kind: 'out-of-sync'; fault: SyncFault };

/** Why a message changed nothing. */
export type IgnoredDeath = { kind: 'late-death'; deathSeq: string | null; birthSeq: string } | { kind: 'not-online' };

/** A metric's value, as what it is. */
export type MetricValue =
  | { kind: 'number'; value: number }
  /** Int64 and UInt64: exact, however large. */
  | { kind: 'integer64'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; value: string }
  /** DateTime: epoch milliseconds. */
  | { kind: 'datetime'; ms: number }
  | { kind: 'bytes'; hex: string; length: number }
  | { kind: 'dataset'; columns: string[]; types: string[]; rows: string[][] }
  | { kind: 'null' }
  /** Templates and property sets: shown as a summary. */
  | { kind: 'other'; text: string };

export interface SparkplugMetric {
  name: string | null;
  /** The alias as exact decimal text (it is a uint64), or null. */
  alias: string | null;
  /** The Sparkplug datatype number (1 Int8 … 21 PropertySetList), 0 when not given. */
  datatype: number;
  timestamp: number | null;
  value: MetricValue;
  /** The engineering unit from the metric's properties (`engUnit`), when declared. */
  unit: string | null;
}

export interface SparkplugPayload {
  timestamp: number | null;
  seq: number | null;
  metrics: SparkplugMetric[];
}

/** The datatype names of Sparkplug 3.0, by number. */
export const DATATYPE_NAMES: Record<number, string> = {
  1: 'Int8',
  2: 'Int16',
  3: 'Int32',
  4: 'Int64',
  5: 'UInt8',
  6: 'UInt16',
  7: 'UInt32',
  8: 'UInt64',
  9: 'Float',
  10: 'Double',
  11: 'Boolean',
  12: 'String',
  13: 'DateTime',
  14: 'Text',
  15: 'UUID',
  16: 'DataSet',
  17: 'Bytes',
  18: 'File',
  19: 'Template',
  20: 'PropertySet',
  21: 'PropertySetList',
};

const TYPES = new Set<string>(['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA', 'NCMD', 'DCMD']);

/** The parts of a Sparkplug B topic, or null for any other topic (STATE included). */
export function parseSparkplugTopic(topic: string): SparkplugTopic | null {
  const levels = topic.split('/');
  if (levels[0] !== SPARKPLUG_NAMESPACE || levels.length < 4 || levels.length > 5) return null;
  const [, group = '', type = '', node = '', device] = levels;
  if (!TYPES.has(type) || group === '' || node === '' || device === '') return null;
  const isDeviceType = type.startsWith('D');
  if (isDeviceType !== (device !== undefined)) return null;
  return { group, type: type as SparkplugMessageType, node, device: device ?? null };
}

/** True for any topic under `spBv1.0/`: its payloads are Sparkplug's, never guessed as text. */
export const inSparkplugNamespace = (topic: string) => topic.startsWith(`${SPARKPLUG_NAMESPACE}/`);
