/**
 * A Sparkplug B edge node (Eclipse Sparkplug 3.0), for `npm start` and the end-to-end tests: a real MQTT
 * client over TCP that speaks Sparkplug with Eclipse Tahu's `sparkplug-payload`. It connects with its
 * NDEATH as Last Will (carrying its bdSeq), publishes NBIRTH and a DBIRTH per device (names, aliases,
 * datatypes, engineering units), then NDATA / DDATA by alias with seq 0–255. It answers
 * `Node Control/Rebirth` and applies writes (NCMD / DCMD) with the datatype they carry.
 */
import Long from 'long';
import mqtt, { type MqttClient } from 'mqtt';
import { decodePayload, encodePayload, type TypeStr, type UMetric, type UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';

export interface EdgeMetric {
  name: string;
  type: TypeStr;
  alias: number;
  value: UMetric['value'];
  unit?: string;
}

export interface EdgeNodeOptions {
  brokerUrl: string;
  group?: string;
  node?: string;
  /** Node metrics (bdSeq and Node Control/Rebirth are added), and each device's metrics. */
  metrics?: EdgeMetric[];
  devices?: Record<string, EdgeMetric[]>;
}

/** A write the node received (NCMD / DCMD), as it came: the metric's name, datatype and value as text. */
export interface ReceivedWrite {
  topic: string;
  name: string;
  type: string;
  value: string;
}

/** What `npm start` shows: a press and an oven on line 1 of plant 1, one 64-bit counter beyond 2^53. */
export const DEMO_NODE: Required<Pick<EdgeNodeOptions, 'group' | 'node' | 'metrics' | 'devices'>> = {
  group: 'Usine1',
  node: 'Ligne1',
  metrics: [
    { name: 'Pièces produites', type: 'UInt64', alias: 2, value: Long.fromString('9007199254740993', true) },
    { name: 'Vitesse ligne', type: 'Float', alias: 3, value: 42.5, unit: 'pièces/min' },
    { name: 'Recette', type: 'String', alias: 4, value: 'PX-12' },
    {
      name: 'Derniers lots',
      type: 'DataSet',
      alias: 5,
      value: {
        numOfColumns: 3,
        columns: ['Lot', 'Pièces', 'Fin'],
        types: ['String', 'Int64', 'DateTime'],
        rows: [
          ['L-2291', 1200, Date.UTC(2026, 11, 5, 14, 0)],
          ['L-2292', 1185, Date.UTC(2026, 11, 5, 22, 0)],
          ['L-2293', 1210, Date.UTC(2026, 11, 6, 6, 0)],
        ],
      },
    },
  ],
  devices: {
    Presse: [
      { name: 'Pression', type: 'Double', alias: 10, value: 182.4, unit: 'bar' },
      { name: 'Marche', type: 'Boolean', alias: 11, value: true },
      { name: 'Consigne', type: 'Int32', alias: 12, value: 180, unit: 'bar' },
    ],
    Four: [
      { name: 'Température', type: 'Double', alias: 20, value: 215.3, unit: '°C' },
      { name: 'Consigne', type: 'Double', alias: 21, value: 220, unit: '°C' },
      { name: 'Porte ouverte', type: 'Boolean', alias: 22, value: false },
    ],
  },
};

const REBIRTH = 'Node Control/Rebirth';

export class SparkplugEdgeNode {
  readonly group: string;
  readonly node: string;
  readonly metrics: EdgeMetric[];
  readonly devices: Record<string, EdgeMetric[]>;
  /** Every write received, in order. */
  readonly writes: ReceivedWrite[] = [];
  /** How many Rebirth requests were answered. */
  rebirths = 0;
  bdSeq = 0;
  private _seq = 0;
  private _client: MqttClient | null = null;

  constructor(private readonly _options: EdgeNodeOptions) {
    this.group = _options.group ?? DEMO_NODE.group;
    this.node = _options.node ?? DEMO_NODE.node;
    this.metrics = structuredClone(_options.metrics ?? DEMO_NODE.metrics).map(revive);
    // Copies: data() changes a metric's value, and the demo's declarations are shared.
    this.devices = Object.fromEntries(Object.entries(_options.devices ?? DEMO_NODE.devices).map(([id, metrics]) => [id, structuredClone(metrics).map(revive)]));
  }

  topic(type: string, device?: string): string {
    return `spBv1.0/${this.group}/${type}/${this.node}${device ? `/${device}` : ''}`;
  }

  /** Connects with its NDEATH as Will, then publishes its births. Each connection is a new session: bdSeq + 1. */
  async start(): Promise<void> {
    const client = await mqtt.connectAsync(this._options.brokerUrl, {
      clientId: `edge-${this.group}-${this.node}-${Math.random().toString(16).slice(2, 8)}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
      will: { topic: this.topic('NDEATH'), payload: Buffer.from(this._deathPayload()), qos: 1, retain: false },
    });
    this._client = client;
    client.on('message', (topic, payload) => this._command(topic, payload));
    await client.subscribeAsync([this.topic('NCMD'), `spBv1.0/${this.group}/DCMD/${this.node}/#`], { qos: 0 });
    await this.birth();
  }

  /** NBIRTH then each DBIRTH: seq starts over at 0. */
  async birth(): Promise<void> {
    this._seq = 0;
    const nodeMetrics: UMetric[] = [
      { name: 'bdSeq', type: 'Int64', value: Long.fromNumber(this.bdSeq) },
      { name: REBIRTH, type: 'Boolean', value: false },
      ...this.metrics.map(declared),
    ];
    await this._publish(this.topic('NBIRTH'), { timestamp: now(), seq: this._nextSeq(), metrics: nodeMetrics }, 0);
    for (const [device, metrics] of Object.entries(this.devices)) {
      await this._publish(this.topic('DBIRTH', device), { timestamp: now(), seq: this._nextSeq(), metrics: metrics.map(declared) }, 0);
    }
  }

  /** NDATA (or DDATA for a device) by alias only: the names come from the births. */
  async data(values: Record<string, UMetric['value']>, device?: string): Promise<void> {
    const metrics = device ? this.devices[device] : this.metrics;
    if (!metrics) throw new Error(`no device ${device ?? ''}`);
    const changed: UMetric[] = [];
    for (const [name, value] of Object.entries(values)) {
      const metric = metrics.find((candidate) => candidate.name === name);
      if (!metric) throw new Error(`no metric ${name}`);
      metric.value = value;
      changed.push({ alias: metric.alias, type: metric.type, value, timestamp: now() } as UMetric);
    }
    await this._publish(device ? this.topic('DDATA', device) : this.topic('NDATA'), { timestamp: now(), seq: this._nextSeq(), metrics: changed }, 0);
  }

  /** A device leaves (DDEATH). */
  async deviceDeath(device: string): Promise<void> {
    await this._publish(this.topic('DDEATH', device), { timestamp: now(), seq: this._nextSeq(), metrics: [] }, 0);
  }

  /** Skips `count` seq numbers, as if messages were lost on the way. */
  skipSeq(count = 1): void {
    this._seq = (this._seq + count) % 256;
  }

  /** Publishes raw bytes (a test's malformed payload). */
  async publishRaw(topic: string, payload: Uint8Array | string): Promise<void> {
    await this._required().publishAsync(topic, typeof payload === 'string' ? payload : Buffer.from(payload), { qos: 1 });
  }

  /** Publishes an NDEATH with the given bdSeq (a late death certificate of an earlier session, for example). */
  async publishDeath(bdSeq: number): Promise<void> {
    await this.publishRaw(this.topic('NDEATH'), encodePayload({ timestamp: now(), metrics: [{ name: 'bdSeq', type: 'Int64', value: Long.fromNumber(bdSeq) }] } as UPayload));
  }

  /** The node's socket dies without DISCONNECT: the broker publishes its NDEATH (the Will). */
  die(): void {
    const client = this._client;
    this._client = null;
    client?.stream.destroy();
    client?.end(true);
  }

  /** Back after a death: a new session, bdSeq + 1, new births. */
  async reborn(): Promise<void> {
    this.die();
    this.bdSeq = (this.bdSeq + 1) % 256;
    await this.start();
  }

  /** Leaves as Sparkplug says: its NDEATH first, then DISCONNECT. */
  async stop(): Promise<void> {
    const client = this._client;
    this._client = null;
    if (!client) return;
    await client.publishAsync(this.topic('NDEATH'), Buffer.from(this._deathPayload()), { qos: 1 }).catch(() => undefined);
    await client.endAsync().catch(() => undefined);
  }

  get connected(): boolean {
    return this._client?.connected ?? false;
  }

  private _deathPayload(): Uint8Array {
    return encodePayload({ timestamp: now(), metrics: [{ name: 'bdSeq', type: 'Int64', value: Long.fromNumber(this.bdSeq) }] } as UPayload);
  }

  private _nextSeq(): number {
    const seq = this._seq;
    this._seq = (this._seq + 1) % 256;
    return seq;
  }

  private async _publish(topic: string, payload: object, qos: 0 | 1): Promise<void> {
    await this._required().publishAsync(topic, Buffer.from(encodePayload(payload as UPayload)), { qos });
  }

  private _required(): MqttClient {
    if (!this._client) throw new Error(`edge node ${this.node} is not connected`);
    return this._client;
  }

  /** NCMD: Rebirth, or writes to node metrics; DCMD: writes to a device's metrics. Each published back as data. */
  private _command(topic: string, bytes: Buffer): void {
    let payload: UPayload;
    try {
      payload = decodePayload(new Uint8Array(bytes));
    } catch {
      return; // not Sparkplug: ignored, as an edge node would
    }
    const device = topic.split('/')[4];
    const values: Record<string, UMetric['value']> = {};
    for (const metric of payload.metrics ?? []) {
      const name = metric.name ?? '';
      const value = metric.value;
      this.writes.push({ topic, name, type: metric.type, value: Long.isLong(value) ? value.toString() : String(value) });
      if (!device && name === REBIRTH && value === true) {
        this.rebirths++;
        void this.birth().catch(() => undefined);
        continue;
      }
      const declaredMetric = (device ? this.devices[device] : this.metrics)?.find((candidate) => candidate.name === name);
      if (declaredMetric && declaredMetric.type === metric.type) values[name] = value;
    }
    if (Object.keys(values).length > 0) void this.data(values, device).catch(() => undefined);
  }
}

const now = () => Long.fromNumber(Date.now(), true);

/** A metric as a birth declares it: name, alias, datatype, value, and its engineering unit. */
function declared(metric: EdgeMetric): UMetric {
  const declaration: UMetric = { name: metric.name, alias: metric.alias, type: metric.type, value: metric.value, timestamp: now() } as UMetric;
  if (metric.unit) declaration.properties = { engUnit: { type: 'String', value: metric.unit } };
  return declaration;
}

/** structuredClone turns a Long into a plain object: make it a Long again. */
function revive(metric: EdgeMetric): EdgeMetric {
  const value = metric.value as unknown;
  if (value && typeof value === 'object' && 'low' in value && 'high' in value && 'unsigned' in value) {
    const { low, high, unsigned } = value as { low: number; high: number; unsigned: boolean };
    return { ...metric, value: new Long(low, high, unsigned) };
  }
  return metric;
}
