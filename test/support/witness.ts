/**
 * An independent subscriber (the outbox tests', the soak's): a Node mqtt.js client with a persistent QoS 2 session of its own,
 * reconnecting on its own, never re-subscribing (its session keeps the subscription, and a re-sent
 * SUBSCRIBE would bring a retained copy that is not a delivery). It records every delivery in wire order;
 * a QoS 2 PUBLISH sent again for the same unfinished handshake is the same delivery, counted once.
 */
import mqtt, { type MqttClient } from 'mqtt';

export interface Delivery {
  payload: string;
  qos: number;
  at: number;
}

export interface Witness {
  client: MqttClient;
  deliveries: Delivery[];
  /** The deliveries' payloads, in the same order. */
  payloads: string[];
  close(): Promise<void>;
}

export async function startWitness(brokerUrl: string, filter: string, protocolVersion: 4 | 5): Promise<Witness> {
  const deliveries: Delivery[] = [];
  const payloads: string[] = [];
  const unreleased = new Set<number>();
  const client: MqttClient = await mqtt.connectAsync(brokerUrl, {
    clientId: `witness-${Math.random().toString(16).slice(2, 8)}`,
    clean: false,
    protocolVersion,
    ...(protocolVersion === 5 ? { properties: { sessionExpiryInterval: 3600 } } : {}),
    reconnectPeriod: 200,
    resubscribe: false,
  });
  client.on('packetreceive', (packet) => {
    if (packet.cmd === 'pubrel') unreleased.delete(packet.messageId ?? 0);
    if (packet.cmd !== 'publish') return;
    if (packet.qos === 2) {
      const id = packet.messageId ?? 0;
      if (unreleased.has(id)) return;
      unreleased.add(id);
    }
    const payload = packet.payload.toString();
    deliveries.push({ payload, qos: packet.qos, at: Date.now() });
    payloads.push(payload);
  });
  client.on('error', () => undefined); // a restarted broker: mqtt.js reconnects by itself
  await client.subscribeAsync(filter, { qos: 2 });
  return { client, deliveries, payloads, close: () => client.endAsync(true) };
}
