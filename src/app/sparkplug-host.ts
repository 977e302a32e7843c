/**
 * Inside the engine, loaded with the first Sparkplug B message: the dashboard as a Sparkplug host
 * application. Each certificate or data message is decoded (Eclipse Tahu's codec), applied to the model
 * (births, deaths by bdSeq, seq order, aliases), and what it says goes where everything else goes:
 * metrics to tiles (with history), nodes and devices to presence, the message itself to the log.
 * Writes and Rebirth requests are NCMD / DCMD commands, checked here and queued in the durable outbox.
 */
import type { InboundMessage } from '../mqtt/connection-types';
import type { DecodedPayload } from '../mqtt/payload';
import type { Problem } from '../shared/problems';
import { decodeSparkplug, encodeCommand, type MetricWrite } from '../sparkplug/sparkplug-codec';
import { SparkplugModel, nodeKey, type SparkplugEvent } from '../sparkplug/sparkplug-model';
import { datatypeName, messageSummary, metricPayload, metricTopic } from '../sparkplug/metric-payload';
import { checkMetricValue, commandTopic } from '../sparkplug/metric-write';
import type { SparkplugPayload, SparkplugTopic } from '../sparkplug/sparkplug-types';
import type { PresenceStore } from '../state/presence-store';
import type { NewCommand } from '../storage/outbox-command';
import { msg } from '../i18n/words';

/** Where what the host learns goes (the engine's stores), and how it sends. */
export interface SparkplugSinks {
  /** The message as received: in the log (as what it says) and the topic tree. */
  logged(message: InboundMessage, payload: DecodedPayload): void;
  /** A tile's value, with its history: a metric's (under its made-up topic). */
  shown(message: InboundMessage, topic: string, payload: DecodedPayload): void;
  /** A payload under `spBv1.0/` that is not Sparkplug B: logged, and shown on its own topic's tile. */
  undecodable(message: InboundMessage, reason: string): void;
  readonly presence: PresenceStore;
  /** Nodes or devices were added: the topics' owners are worked out again. */
  devicesChanged(): void;
  /** Whether an out-of-sync node is asked to rebirth at once (the setting, and only by the tab that sends). */
  autoRebirth(): boolean;
  /** Checks and queues a command in the outbox. */
  send(command: NewCommand): Promise<Problem | null>;
}

/** The metric an edge node rebirths on (Sparkplug 3.0, Node Control). */
export const REBIRTH_METRIC = 'Node Control/Rebirth';
/** The least time between two Rebirth requests the dashboard sends a node by itself. */
export const REBIRTH_INTERVAL_MS = 10_000;

export class SparkplugHost {
  private readonly _model = new SparkplugModel();

  constructor(private readonly _sinks: SparkplugSinks) {}

  /** A message on a Sparkplug certificate or data topic (`topic`: its parts). */
  route(message: InboundMessage, topic: SparkplugTopic): void {
    let payload: SparkplugPayload;
    try {
      payload = decodeSparkplug(message.payload);
    } catch (error) {
      this._sinks.undecodable(message, error instanceof Error ? error.message : String(error));
      return;
    }
    const events = this._model.apply(topic, payload, message.receivedAt);
    const summary = messageSummary(topic, payload, events);
    this._sinks.logged(message, { kind: 'text', text: summary, bytes: message.payload.byteLength, truncated: false });
    let devicesAdded = false;
    for (const event of events) devicesAdded = this._apply(event, message) || devicesAdded;
    if (devicesAdded) this._sinks.devicesChanged();
    this._confirm(topic, message.receivedAt);
  }

  /** Applies one of the model's events; true when it made a node or device known. */
  private _apply(event: SparkplugEvent, message: InboundMessage): boolean {
    const presence = this._sinks.presence;
    switch (event.kind) {
      case 'metric':
        this._sinks.shown(message, metricTopic(event.owner, event.name), metricPayload(event));
        return false;
      case 'online':
      case 'offline': {
        const known = presence.has(event.id);
        presence.noteStatus(event.id, message.topic, { kind: 'state', state: event.kind }, event.at, message.retain, event.kind === 'online' && event.restarted === true);
        presence.annotate(event.id, event.kind === 'offline' ? event.cause : null, memberKind(event.id));
        return !known;
      }
      case 'out-of-sync': {
        const known = presence.has(event.node);
        if (!known) presence.noteStatus(event.node, message.topic, { kind: 'cleared' }, message.receivedAt, message.retain);
        presence.annotate(event.node, { kind: 'out-of-sync', fault: event.fault }, 'node');
        if (this._sinks.autoRebirth() && this._mayAskAgain(event.node, message.receivedAt)) void this.requestRebirth(event.node);
        return !known;
      }
      case 'in-sync':
        presence.annotate(event.node, null, 'node');
        return false;
      case 'ignored':
        return false; // said in the log's summary
    }
  }

  /**
   * A node whose births never bring it back in sync (its data keeps using an alias no birth declares) is
   * asked by itself at most once every REBIRTH_INTERVAL_MS; the card's button still asks at once.
   */
  private _mayAskAgain(node: string, at: number): boolean {
    const last = this._askedAt.get(node);
    if (last !== undefined && at - last < REBIRTH_INTERVAL_MS) return false;
    this._askedAt.set(node, at);
    return true;
  }

  private readonly _askedAt = new Map<string, number>();

  /** Data from a born node or device says it is still online. */
  private _confirm(topic: SparkplugTopic, at: number): void {
    if (topic.type === 'NDEATH' || topic.type === 'DDEATH' || topic.type === 'NCMD' || topic.type === 'DCMD') return;
    const key = nodeKey(topic);
    const node = this._model.node(key);
    if (!node?.online) return;
    this._sinks.presence.confirm(key, at);
    if (topic.device !== null && topic.type !== 'DBIRTH') this._sinks.presence.confirm(`${key}/${topic.device}`, at);
  }

  /** Asks an edge node (`group/node`) to publish its births again: an NCMD with Node Control/Rebirth = true. */
  requestRebirth(node: string): Promise<Problem | null> {
    const topic = commandTopic(node);
    if (topic === null || memberKind(node) !== 'node') return Promise.resolve({ kind: 'unknown-metric', owner: node, metric: REBIRTH_METRIC });
    return this._send(topic, [{ name: REBIRTH_METRIC, datatype: 11, value: true }], msg('Rebirth request ({0} = true)', REBIRTH_METRIC));
  }

  /** Writes a metric of a node or device with the datatype its birth declared, checked before it is queued. */
  writeMetric(owner: string, metric: string, text: string): Promise<Problem | null> {
    const definition = this._model.definition(owner, metric);
    const topic = commandTopic(owner);
    if (!definition || topic === null) return Promise.resolve({ kind: 'unknown-metric', owner, metric });
    const checked = checkMetricValue(definition.datatype, text);
    const datatype = datatypeName(definition.datatype);
    if ('expected' in checked) return Promise.resolve({ kind: 'bad-metric-value', metric, datatype, expected: checked.expected });
    return this._send(topic, [{ name: metric, datatype: definition.datatype, value: checked.value }], `${metric} = ${String(checked.value)} (${datatype})`);
  }

  /** NCMD and DCMD go at QoS 0, not retained, as Sparkplug 3.0 says; the outbox keeps them until sent. */
  private _send(topic: string, writes: MetricWrite[], words: string): Promise<Problem | null> {
    const bytes = encodeCommand(writes, Date.now());
    return this._sinks.send({ topic, payload: words, bytes, qos: 0, retain: false });
  }
}

/** A node is `group/node`, a device `group/node/device`. */
const memberKind = (id: string): 'node' | 'device' => (id.split('/').length === 2 ? 'node' : 'device');
