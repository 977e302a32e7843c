/**
 * A Sparkplug host application's view of its edge nodes, from the certificates and data they publish:
 * groups → edge nodes → devices → metrics. Pure: messages in, events out (no MQTT, no storage), so that
 * the rules of Sparkplug 3.0 are tested alone:
 * - NBIRTH makes a node online and declares its metrics (names, aliases, datatypes, units) and its bdSeq;
 *   NDEATH makes it offline only when its bdSeq is that birth's (a late NDEATH of an earlier session is
 *   ignored); its devices go offline with it;
 * - DBIRTH / DDEATH: a device online / offline;
 * - every NBIRTH, NDATA, DBIRTH, DDATA and DDEATH carries seq 0–255, each the previous plus one (mod 256)
 *   after the NBIRTH: a gap, a repeat, data before birth or an unknown alias puts the node out of sync
 *   until its next NBIRTH (a Rebirth request asks for one).
 */
import type { IgnoredDeath, MemberNote, MetricValue, SparkplugMetric, SparkplugPayload, SparkplugTopic, SyncFault } from './sparkplug-types';

export interface MetricDefinition {
  name: string;
  datatype: number;
  unit: string | null;
}

export type SparkplugEvent =
  /** A metric's new value; `owner` is the node (`group/node`) or device (`group/node/device`). */
  | { kind: 'metric'; owner: string; name: string; datatype: number; unit: string | null; value: MetricValue; at: number; timestamp: number | null }
  /** A birth; `restarted` when it begins a new session of a member that was online (an NBIRTH with a new bdSeq, no NDEATH seen). */
  | { kind: 'online'; id: string; at: number; restarted?: boolean }
  | { kind: 'offline'; id: string; at: number; cause: MemberNote }
  | { kind: 'out-of-sync'; node: string; fault: SyncFault }
  | { kind: 'in-sync'; node: string }
  /** A message that changes nothing, and why (a late NDEATH, for example). */
  | { kind: 'ignored'; node: string; reason: IgnoredDeath };

interface DeviceState {
  online: boolean;
  metrics: Map<string, MetricDefinition>;
}

interface NodeState {
  online: boolean;
  /** The bdSeq of the NBIRTH that made it online (exact text), or null. */
  bdSeq: string | null;
  /** The last seq seen since the NBIRTH. */
  seq: number | null;
  outOfSync: SyncFault | null;
  /** Aliases are unique per edge node, devices included. */
  aliases: Map<string, MetricDefinition>;
  metrics: Map<string, MetricDefinition>;
  devices: Map<string, DeviceState>;
}

export const nodeKey = (topic: Pick<SparkplugTopic, 'group' | 'node'>) => `${topic.group}/${topic.node}`;
export const deviceKey = (topic: SparkplugTopic) => `${topic.group}/${topic.node}/${topic.device ?? ''}`;

export class SparkplugModel {
  private readonly _nodes = new Map<string, NodeState>();

  /** What is known of a node, for display and for Rebirth. */
  node(key: string): Readonly<Pick<NodeState, 'online' | 'bdSeq' | 'seq' | 'outOfSync'>> | undefined {
    return this._nodes.get(key);
  }

  /** The declared metric of a node or device (`owner`), for writes: its datatype is checked before sending. */
  definition(owner: string, name: string): MetricDefinition | undefined {
    for (const [key, node] of this._nodes) {
      if (owner === key) return node.metrics.get(name);
      if (owner.startsWith(`${key}/`)) return node.devices.get(owner.slice(key.length + 1))?.metrics.get(name);
    }
    return undefined;
  }

  apply(topic: SparkplugTopic, payload: SparkplugPayload, receivedAt: number): SparkplugEvent[] {
    const key = nodeKey(topic);
    switch (topic.type) {
      case 'NBIRTH':
        return this._nodeBirth(key, payload, receivedAt);
      case 'NDEATH':
        return this._nodeDeath(key, payload, receivedAt);
      case 'NCMD':
      case 'DCMD':
        return []; // commands to the nodes: shown in the log only
      default:
        return this._sequenced(topic, key, payload, receivedAt);
    }
  }

  private _nodeBirth(key: string, payload: SparkplugPayload, at: number): SparkplugEvent[] {
    const bdSeq = payload.metrics.find((metric) => metric.name === 'bdSeq');
    const node: NodeState = {
      online: true,
      bdSeq: bdSeq ? valueText(bdSeq.value) : null,
      seq: payload.seq,
      outOfSync: null,
      aliases: new Map(),
      metrics: new Map(),
      devices: new Map(),
    };
    const previous = this._nodes.get(key);
    this._nodes.set(key, node);
    const events: SparkplugEvent[] = [];
    if (previous?.outOfSync) events.push({ kind: 'in-sync', node: key });
    // The devices of the earlier session are gone until their own DBIRTH.
    for (const [device, state] of previous?.devices ?? []) {
      if (state.online) events.push({ kind: 'offline', id: `${key}/${device}`, at, cause: { kind: 'node-reborn' } });
    }
    const restarted = previous?.online === true && previous.bdSeq !== node.bdSeq;
    events.push({ kind: 'online', id: key, at, ...(restarted ? { restarted } : {}) });
    events.push(...this._declare(node, node.metrics, key, payload, at));
    if (payload.seq === null) events.push(...this._outOfSync(node, key, { kind: 'no-seq', message: 'NBIRTH' }));
    return events;
  }

  private _nodeDeath(key: string, payload: SparkplugPayload, at: number): SparkplugEvent[] {
    const node = this._nodes.get(key);
    const bdSeq = payload.metrics.find((metric) => metric.name === 'bdSeq');
    const deathSeq = bdSeq ? valueText(bdSeq.value) : null;
    if (!node || !node.online) return [{ kind: 'ignored', node: key, reason: { kind: 'not-online' } }];
    if (node.bdSeq !== null && deathSeq !== node.bdSeq) {
      return [{ kind: 'ignored', node: key, reason: { kind: 'late-death', deathSeq, birthSeq: node.bdSeq } }];
    }
    node.online = false;
    const events: SparkplugEvent[] = [];
    for (const [device, state] of node.devices) {
      if (!state.online) continue;
      state.online = false;
      events.push({ kind: 'offline', id: `${key}/${device}`, at, cause: { kind: 'node-died' } });
    }
    events.push({ kind: 'offline', id: key, at, cause: { kind: 'node-death', bdSeq: deathSeq } });
    return events;
  }

  /** NDATA, DBIRTH, DDATA, DDEATH: in seq order after a birth. */
  private _sequenced(topic: SparkplugTopic, key: string, payload: SparkplugPayload, at: number): SparkplugEvent[] {
    const node = this._nodes.get(key);
    if (!node || !node.online) {
      const unknown: NodeState = node ?? { online: false, bdSeq: null, seq: null, outOfSync: null, aliases: new Map(), metrics: new Map(), devices: new Map() };
      this._nodes.set(key, unknown);
      return this._outOfSync(unknown, key, { kind: 'before-birth', message: topic.type });
    }
    const events: SparkplugEvent[] = [];
    const expected = node.seq === null ? null : (node.seq + 1) % 256;
    if (payload.seq === null) events.push(...this._outOfSync(node, key, { kind: 'no-seq', message: topic.type }));
    else if (expected !== null && payload.seq !== expected) {
      const kind = payload.seq === node.seq ? 'seq-repeat' : 'seq-gap';
      events.push(...this._outOfSync(node, key, { kind, message: topic.type, expected, got: payload.seq }));
    }
    if (payload.seq !== null) node.seq = payload.seq;
    const deviceId = topic.device;
    if (topic.type === 'NDATA') return [...events, ...this._data(node, node.metrics, key, key, payload, at)];
    if (deviceId === null) return events;
    const owner = `${key}/${deviceId}`;
    if (topic.type === 'DBIRTH') {
      const device: DeviceState = { online: true, metrics: new Map() };
      node.devices.set(deviceId, device);
      return [...events, { kind: 'online', id: owner, at }, ...this._declare(node, device.metrics, owner, payload, at)];
    }
    const device = node.devices.get(deviceId);
    if (topic.type === 'DDEATH') {
      if (!device?.online) return events;
      device.online = false;
      return [...events, { kind: 'offline', id: owner, at, cause: { kind: 'device-death' } }];
    }
    if (!device?.online) return [...events, ...this._outOfSync(node, key, { kind: 'device-before-birth', device: deviceId })];
    return [...events, ...this._data(node, device.metrics, key, owner, payload, at)];
  }

  /** A birth: every metric is declared (name, alias, datatype, unit), and its value shown. */
  private _declare(node: NodeState, metrics: Map<string, MetricDefinition>, owner: string, payload: SparkplugPayload, at: number): SparkplugEvent[] {
    const events: SparkplugEvent[] = [];
    for (const metric of payload.metrics) {
      if (metric.name === null) continue;
      const definition: MetricDefinition = { name: metric.name, datatype: metric.datatype, unit: metric.unit };
      metrics.set(metric.name, definition);
      if (metric.alias !== null) node.aliases.set(metric.alias, definition);
      events.push(metricEvent(owner, definition, metric, payload, at));
    }
    return events;
  }

  /** Data: metrics by name or by the alias their birth declared. */
  private _data(node: NodeState, metrics: Map<string, MetricDefinition>, key: string, owner: string, payload: SparkplugPayload, at: number): SparkplugEvent[] {
    const events: SparkplugEvent[] = [];
    for (const metric of payload.metrics) {
      const definition = metric.name !== null ? metrics.get(metric.name) : metric.alias !== null ? node.aliases.get(metric.alias) : undefined;
      if (!definition) {
        events.push(...this._outOfSync(node, key, { kind: 'undeclared-metric', metric: metric.name ?? `alias ${metric.alias ?? '?'}` }));
        continue;
      }
      events.push(metricEvent(owner, definition, metric, payload, at));
    }
    return events;
  }

  private _outOfSync(node: NodeState, key: string, fault: SyncFault): SparkplugEvent[] {
    if (node.outOfSync !== null) return []; // said once, until the next birth
    node.outOfSync = fault;
    return [{ kind: 'out-of-sync', node: key, fault }];
  }
}

function metricEvent(owner: string, definition: MetricDefinition, metric: SparkplugMetric, payload: SparkplugPayload, at: number): SparkplugEvent {
  const datatype = metric.datatype || definition.datatype;
  const value = metric.datatype === 0 ? asDeclared(metric.value, datatype) : metric.value;
  return { kind: 'metric', owner, name: definition.name, datatype, unit: metric.unit ?? definition.unit, value, at, timestamp: metric.timestamp ?? payload.timestamp };
}

/** A value sent without its datatype (data after a birth may leave it out), read as its birth declared. */
export function asDeclared(value: MetricValue, datatype: number): MetricValue {
  if (value.kind === 'integer64') {
    if (datatype === 13) return { kind: 'datetime', ms: Number(value.text) };
    if (datatype === 4) return { kind: 'integer64', text: BigInt.asIntN(64, BigInt(value.text)).toString() };
    if (datatype !== 8) return { kind: 'number', value: Number(value.text) };
  }
  if (value.kind === 'number' && datatype >= 1 && datatype <= 3) {
    const bits = 32 - 8 * (datatype === 1 ? 1 : datatype === 2 ? 2 : 4);
    return { kind: 'number', value: ((value.value | 0) << bits) >> bits };
  }
  return value;
}

/** A value as plain text (bdSeq comparison, tiles). */
export function valueText(value: MetricValue): string {
  switch (value.kind) {
    case 'number':
      return String(value.value);
    case 'integer64':
      return value.text;
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'text':
      return value.value;
    case 'datetime':
      return new Date(value.ms).toISOString();
    case 'bytes':
      return value.hex;
    case 'dataset':
      return `${value.rows.length} rows × ${value.columns.length} columns`;
    case 'null':
      return 'null';
    case 'other':
      return value.text;
  }
}
