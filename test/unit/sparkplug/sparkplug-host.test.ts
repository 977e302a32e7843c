/** The host application in the engine: messages in; tiles, presence, log entries and commands out. */
import Long from 'long';
import { encodePayload, type UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { describe, expect, it } from 'vitest';
import { SparkplugHost, type SparkplugSinks } from '../../../src/app/sparkplug-host';
import type { InboundMessage } from '../../../src/mqtt/connection-types';
import type { DecodedPayload } from '../../../src/mqtt/payload';
import { decodeSparkplug } from '../../../src/sparkplug/sparkplug-codec';
import { PresenceStore } from '../../../src/state/presence-store';
import { parseSparkplugTopic } from '../../../src/sparkplug/sparkplug-types';
import type { NewCommand } from '../../../src/storage/outbox-command';

const message = (topic: string, payload: object | Uint8Array, receivedAt = 1000): InboundMessage =>
  ({
    topic,
    payload: payload instanceof Uint8Array ? payload : encodePayload(payload as UPayload),
    qos: 0,
    retain: false,
    dup: false,
    whileAway: false,
    receivedAt,
    properties: null,
  }) as InboundMessage;

const birth = (seq = 0, bdSeq = 1) => ({
  timestamp: 1,
  seq,
  metrics: [
    { name: 'bdSeq', type: 'Int64', value: Long.fromNumber(bdSeq) },
    { name: 'Compteur', alias: 1, type: 'UInt64', value: Long.fromString('9007199254740993', true) },
    { name: 'Consigne', alias: 2, type: 'Int16', value: 20, properties: { engUnit: { type: 'String', value: 'bar' } } },
  ],
});

function host(auto = true) {
  const shown = new Map<string, DecodedPayload>();
  const logged: DecodedPayload[] = [];
  const sent: NewCommand[] = [];
  const undecodable: string[] = [];
  const sinks: SparkplugSinks = {
    logged: (_message, payload) => logged.push(payload),
    shown: (_message, topic, payload) => shown.set(topic, payload),
    undecodable: (received, reason) => undecodable.push(`${received.topic}: ${reason}`),
    presence: new PresenceStore((flush) => flush()),
    devicesChanged: () => undefined,
    autoRebirth: () => auto,
    send: async (command) => (sent.push(command), null),
  };
  const sparkplug = new SparkplugHost(sinks);
  // The router hands the host each message with its topic's parts.
  const route = (received: InboundMessage) => {
    const topic = parseSparkplugTopic(received.topic);
    if (!topic) throw new Error(`not a Sparkplug topic: ${received.topic}`);
    sparkplug.route(received, topic);
  };
  const wrapped = { route, writeMetric: sparkplug.writeMetric.bind(sparkplug) };
  return { host: wrapped, shown, logged, sent, undecodable, presence: sinks.presence };
}

describe('SparkplugHost', () => {
  it('shows metrics by name, 64-bit exact with their datatype, data by alias with the unit of the birth', () => {
    const { host: sparkplug, shown, presence } = host();
    sparkplug.route(message('spBv1.0/G/NBIRTH/N', birth()));
    sparkplug.route(message('spBv1.0/G/NDATA/N', { timestamp: 2, seq: 1, metrics: [{ alias: 2, type: 'Int16', value: 25 }] }));
    expect(shown.get('spBv1.0/G/N/Compteur')).toMatchObject({ exact: '9007199254740993', sparkplug: { type: 'UInt64', owner: 'G/N' } });
    expect(shown.get('spBv1.0/G/N/Consigne')).toMatchObject({ kind: 'measure', value: 25, unit: 'bar' });
    expect(presence.get('G/N')).toMatchObject({ state: 'online', sparkplug: 'node', note: null });
  });

  it('a seq gap: the node out of sync, one Rebirth request (NCMD, QoS 0) until its next birth', () => {
    const { host: sparkplug, sent, presence } = host();
    sparkplug.route(message('spBv1.0/G/NBIRTH/N', birth()));
    sparkplug.route(message('spBv1.0/G/NDATA/N', { timestamp: 2, seq: 5, metrics: [] }));
    sparkplug.route(message('spBv1.0/G/NDATA/N', { timestamp: 2, seq: 9, metrics: [] }));
    expect(presence.get('G/N')?.note).toEqual({ kind: 'out-of-sync', fault: { kind: 'seq-gap', message: 'NDATA', expected: 1, got: 5 } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ topic: 'spBv1.0/G/NCMD/N', qos: 0, retain: false });
    expect(decodeSparkplug(sent[0]?.bytes ?? new Uint8Array()).metrics[0]).toMatchObject({ name: 'Node Control/Rebirth', value: { kind: 'boolean', value: true } });
    sparkplug.route(message('spBv1.0/G/NBIRTH/N', birth()));
    expect(presence.get('G/N')?.note).toBeNull();
  });

  it('a node that falls out of sync again right after its rebirth is asked again only after 10 s', () => {
    const { host: sparkplug, sent } = host();
    const gap = (at: number) => {
      sparkplug.route(message('spBv1.0/G/NBIRTH/N', birth(), at));
      sparkplug.route(message('spBv1.0/G/NDATA/N', { timestamp: 2, seq: 7, metrics: [] }, at));
    };
    gap(1000);
    gap(2000);
    expect(sent).toHaveLength(1);
    gap(11_500);
    expect(sent).toHaveLength(2);
  });

  it('with Rebirth on request, an out-of-sync node sends nothing by itself', () => {
    const { host: sparkplug, sent, presence } = host(false);
    sparkplug.route(message('spBv1.0/G/NDATA/N', { timestamp: 2, seq: 3, metrics: [] }));
    expect(presence.get('G/N')).toMatchObject({ state: 'unknown', note: { kind: 'out-of-sync', fault: { kind: 'before-birth', message: 'NDATA' } } });
    expect(sent).toHaveLength(0);
  });

  it('writes are checked against the declared datatype before anything is queued', async () => {
    const { host: sparkplug, sent } = host();
    sparkplug.route(message('spBv1.0/G/NBIRTH/N', birth()));
    expect(await sparkplug.writeMetric('G/N', 'Consigne', '40000')).toMatchObject({ kind: 'bad-metric-value', datatype: 'Int16' });
    expect(await sparkplug.writeMetric('G/N', 'Inconnue', '1')).toMatchObject({ kind: 'unknown-metric' });
    expect(sent).toHaveLength(0);
    expect(await sparkplug.writeMetric('G/N', 'Consigne', ' 42 ')).toBeNull();
    expect(sent[0]?.topic).toBe('spBv1.0/G/NCMD/N');
    expect(decodeSparkplug(sent[0]?.bytes ?? new Uint8Array()).metrics[0]).toMatchObject({ name: 'Consigne', datatype: 2, value: { kind: 'number', value: 42 } });
  });

  it('a payload that is not Sparkplug B is undecodable, and the seq order goes on', () => {
    const { host: sparkplug, undecodable, sent } = host();
    sparkplug.route(message('spBv1.0/G/NBIRTH/N', birth()));
    sparkplug.route(message('spBv1.0/G/NDATA/N', new TextEncoder().encode('5000')));
    sparkplug.route(message('spBv1.0/G/NDATA/N', { timestamp: 2, seq: 1, metrics: [] }));
    expect(undecodable).toHaveLength(1);
    expect(sent).toHaveLength(0);
  });
});
