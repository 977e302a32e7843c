/** Checks a command before it is stored: a topic a broker will accept, and a payload it will take. */
import type { Problem } from '../shared/problems';
import { topicNameProblem } from './topic-filter';

/** The payload limit when the broker does not announce one. */
export const DEFAULT_PAYLOAD_LIMIT_BYTES = 256 * 1024;

const encoder = new TextEncoder();

/**
 * The largest payload for a topic: the default limit, or less when the broker's Maximum Packet Size
 * (MQTT 5 CONNACK) leaves less room once the PUBLISH header, the topic and the properties are counted.
 */
export function payloadLimit(topic: string, brokerMaximumPacketSize: number | null): number {
  if (brokerMaximumPacketSize === null) return DEFAULT_PAYLOAD_LIMIT_BYTES;
  const overhead = 5 + 2 + encoder.encode(topic).length + 2 + 64; // fixed header, topic, packet id, properties
  return Math.max(0, Math.min(DEFAULT_PAYLOAD_LIMIT_BYTES, brokerMaximumPacketSize - overhead));
}

/** What is wrong with a command, or null. Nothing is stored when there is a problem. */
export function commandProblem(topic: string, payload: string | Uint8Array, brokerMaximumPacketSize: number | null): Problem | null {
  const topicProblem = topicNameProblem(topic);
  if (topicProblem) return topicProblem;
  const bytes = typeof payload === 'string' ? encoder.encode(payload).length : payload.length;
  const limit = payloadLimit(topic, brokerMaximumPacketSize);
  if (bytes > limit) return { kind: 'payload-too-large', bytes, limit, brokersLimit: brokerMaximumPacketSize !== null, maximumPacketSize: brokerMaximumPacketSize };
  return null;
}
