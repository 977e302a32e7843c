/** MQTT reason codes (3.1.1 CONNACK return codes and 5.0 reason codes) in words a person can act on. The page's side. */
import type { ProtocolVersion } from '../shared/types';

const CONNACK_3_1_1: Record<number, string> = {
  1: 'the broker does not accept this MQTT protocol version',
  2: 'the client ID was rejected',
  3: 'the server is unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

const REASON_5: Record<number, string> = {
  0x80: 'unspecified error',
  0x81: 'malformed packet',
  0x82: 'protocol error',
  0x83: 'implementation specific error',
  0x84: 'the broker does not accept this MQTT protocol version',
  0x85: 'the client ID is not valid',
  0x86: 'bad user name or password',
  0x87: 'not authorized',
  0x88: 'the server is unavailable',
  0x89: 'the server is busy',
  0x8a: 'banned',
  0x8b: 'the server is shutting down',
  0x8c: 'bad authentication method',
  0x8d: 'keep-alive timeout',
  0x8e: 'session taken over by another client with the same client ID',
  0x8f: 'topic filter invalid',
  0x90: 'topic name invalid',
  0x91: 'packet identifier in use',
  0x92: 'packet identifier not found',
  0x93: 'receive maximum exceeded',
  0x94: 'topic alias invalid',
  0x95: 'packet too large',
  0x96: 'message rate too high',
  0x97: 'quota exceeded',
  0x98: 'administrative action',
  0x99: 'payload format invalid',
  0x9a: 'retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'use another server',
  0x9d: 'server moved',
  0x9e: 'shared subscriptions not supported',
  0x9f: 'connection rate exceeded',
  0xa0: 'maximum connect time',
  0xa1: 'subscription identifiers not supported',
  0xa2: 'wildcard subscriptions not supported',
};

/** Words for a CONNACK refusal. */
export function connackReason(code: number, protocol: ProtocolVersion): string {
  // Some brokers answer a 3.1.1 CONNECT with an MQTT 5 reason code: its words are the same.
  const words = protocol === '5' ? (REASON_5[code] ?? CONNACK_3_1_1[code]) : (CONNACK_3_1_1[code] ?? REASON_5[code]);
  return words ?? `reason code ${code}`;
}

/** Words for a SUBACK failure code (0x80 in 3.1.1, any code from 0x80 in 5.0). */
export function subackReason(code: number, protocol: ProtocolVersion): string {
  if (protocol === '3.1.1' || code === 0x80) return 'refused by the broker (it gives no reason in MQTT 3.1.1)';
  return REASON_5[code] ?? `reason code ${code}`;
}

/** Words for any MQTT 5 reason code (PUBACK, PUBREC, DISCONNECT). */
export function reasonInWords(code: number): string {
  return REASON_5[code] ?? `reason code ${code}`;
}
