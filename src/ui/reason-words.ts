/** MQTT reason codes (3.1.1 CONNACK return codes and 5.0 reason codes) in words a person can act on. The page's side. */
import type { ProtocolVersion } from '../shared/types';
import { english, msg, translated } from '../i18n/words';

const CONNACK_3_1_1: Record<number, string> = {
  1: english('the broker does not accept this MQTT protocol version'),
  2: english('the client ID was rejected'),
  3: english('the server is unavailable'),
  4: english('bad user name or password'),
  5: english('not authorized'),
};

const REASON_5: Record<number, string> = {
  0x80: english('unspecified error'),
  0x81: english('malformed packet'),
  0x82: english('protocol error'),
  0x83: english('implementation specific error'),
  0x84: english('the broker does not accept this MQTT protocol version'),
  0x85: english('the client ID is not valid'),
  0x86: english('bad user name or password'),
  0x87: english('not authorized'),
  0x88: english('the server is unavailable'),
  0x89: english('the server is busy'),
  0x8a: english('banned'),
  0x8b: english('the server is shutting down'),
  0x8c: english('bad authentication method'),
  0x8d: english('keep-alive timeout'),
  0x8e: english('session taken over by another client with the same client ID'),
  0x8f: english('topic filter invalid'),
  0x90: english('topic name invalid'),
  0x91: english('packet identifier in use'),
  0x92: english('packet identifier not found'),
  0x93: english('receive maximum exceeded'),
  0x94: english('topic alias invalid'),
  0x95: english('packet too large'),
  0x96: english('message rate too high'),
  0x97: english('quota exceeded'),
  0x98: english('administrative action'),
  0x99: english('payload format invalid'),
  0x9a: english('retain not supported'),
  0x9b: english('QoS not supported'),
  0x9c: english('use another server'),
  0x9d: english('server moved'),
  0x9e: english('shared subscriptions not supported'),
  0x9f: english('connection rate exceeded'),
  0xa0: english('maximum connect time'),
  0xa1: english('subscription identifiers not supported'),
  0xa2: english('wildcard subscriptions not supported'),
};

/** Words for a CONNACK refusal. */
export function connackReason(code: number, protocol: ProtocolVersion): string {
  // Some brokers answer a 3.1.1 CONNECT with an MQTT 5 reason code: its words are the same.
  const words = protocol === '5' ? (REASON_5[code] ?? CONNACK_3_1_1[code]) : (CONNACK_3_1_1[code] ?? REASON_5[code]);
  return words === undefined ? msg('reason code {0}', code) : translated(words);
}

/** Words for a SUBACK failure code (0x80 in 3.1.1, any code from 0x80 in 5.0). */
export function subackReason(code: number, protocol: ProtocolVersion): string {
  if (protocol === '3.1.1' || code === 0x80) return msg('refused by the broker (it gives no reason in MQTT 3.1.1)');
  return reasonInWords(code);
}

/** Words for any MQTT 5 reason code (PUBACK, PUBREC, DISCONNECT). */
export function reasonInWords(code: number): string {
  const words = REASON_5[code];
  return words === undefined ? msg('reason code {0}', code) : translated(words);
}
