/**
 * What a broker may not do to the dashboard, checked on every link: malformed or oversized packets (the
 * frame guard, before mqtt.js buffers them), PUBLISH topics that are not topic names, a CONNACK that breaks
 * the rules, QoS 2 messages held back without their PUBREL beyond a bound, and mqtt.js's own protocol
 * errors (topic aliases). Each ends the link at once with a reason the page words, then the usual
 * reconnection follows.
 */
import type { MqttClient, Packet } from 'mqtt';
import { TOPIC_ALIASES_ACCEPTED } from './client-options';
import { FrameGuard, MALFORMED_PACKET, PROTOCOL_ERROR, type FrameFault } from './frame-guard';
import type { ProtocolVersion } from '../shared/types';
import { locale, msg } from '../i18n/words';

/** The largest packet the dashboard accepts, unless configured otherwise (sent as Maximum Packet Size). */
export const DEFAULT_MAXIMUM_PACKET_BYTES = 1024 * 1024;
/** QoS 2 messages waiting for their PUBREL: at most this many, and this many bytes. */
export const MAX_PENDING_QOS2_MESSAGES = 1000;
export const MAX_PENDING_QOS2_BYTES = 16 * 1024 * 1024;

const TOPIC_NAME_INVALID = 0x90;
const RECEIVE_MAXIMUM_EXCEEDED = 0x93;
const TOPIC_ALIAS_INVALID = 0x94;

export interface ConductFault {
  code: number;
  detail: string;
}

export class BrokerConduct {
  private readonly _guarded = new WeakSet<object>();
  /** QoS 2 messages received and waiting for their PUBREL, by packet id, with their size. */
  private readonly _pendingQoS2 = new Map<number, number>();
  private _pendingBytes = 0;
  /** Topic aliases the broker defined on the current socket (they last as long as it does). */
  private readonly _aliases = new Set<number>();

  constructor(
    private readonly _protocol: ProtocolVersion,
    private readonly _maximumPacketSize: number,
    private readonly _onFault: (fault: ConductFault) => void,
  ) {}

  /** Watches the bytes of the client's current stream (a new one at each reconnection). */
  guardStream(client: MqttClient): void {
    const stream = client.stream as unknown as { prependListener?: (event: 'data', listener: (chunk: Uint8Array) => void) => void } | undefined;
    if (!stream?.prependListener || this._guarded.has(stream)) return;
    this._guarded.add(stream);
    this._aliases.clear();
    const guard = new FrameGuard(this._protocol, this._maximumPacketSize);
    let reported = false;
    /** The last chunk made harmless ended in the middle of a PINGRESP. */
    let midPing = false;
    stream.prependListener('data', (chunk) => {
      const fault = guard.feed(chunk);
      if (!fault) return;
      // mqtt.js reads this chunk after this listener: the whole packets before the fault are left for it
      // (a valid PUBLISH received first is kept), what follows is made harmless, and the link is closed
      // once they are read.
      const from = reported ? 0 : guard.faultAt;
      midPing = neutralise(chunk, from, midPing);
      if (reported) return;
      reported = true;
      if (from === 0) this._onFault(fault);
      else setTimeout(() => this._onFault(fault), 0);
    });
  }

  /** A packet mqtt.js parsed: the fault in it, if any. */
  packetReceived(packet: Packet): ConductFault | null {
    switch (packet.cmd) {
      case 'connack': {
        if (packet.sessionPresent !== true) this._clearPending();
        const properties = packet.properties;
        if (properties?.receiveMaximum === 0) return { code: PROTOCOL_ERROR, detail: msg('a CONNACK with a Receive Maximum of 0') };
        if (properties?.maximumPacketSize === 0) return { code: PROTOCOL_ERROR, detail: msg('a CONNACK with a Maximum Packet Size of 0') };
        return null;
      }
      case 'publish':
        return this._publishFault(packet);
      case 'pubrel': {
        const bytes = this._pendingQoS2.get(packet.messageId ?? 0);
        if (bytes !== undefined) {
          this._pendingQoS2.delete(packet.messageId ?? 0);
          this._pendingBytes -= bytes;
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** An error mqtt.js raised on a link that was up: the protocol fault it means, or null if it is none. */
  clientError(error: Error & { code?: unknown }): ConductFault | null {
    const code = error.code;
    if (typeof code === 'string' || error.message === 'Keepalive timeout') return null; // a transport error, or the keep-alive
    if (code === TOPIC_ALIAS_INVALID) return { code, detail: msg('a PUBLISH with a topic alias outside what the dashboard accepts') };
    if (code === PROTOCOL_ERROR && /Topic Alias/i.test(error.message)) return { code, detail: msg('a PUBLISH with a topic alias it never defined') };
    if (code === RECEIVE_MAXIMUM_EXCEEDED) return { code, detail: msg('more unacknowledged QoS 2 messages than the dashboard allows') };
    if (typeof code === 'number') return { code, detail: error.message };
    // mqtt-packet's parser: a packet it cannot read (a topic longer than its packet, bad properties…).
    return { code: MALFORMED_PACKET, detail: msg('a packet the dashboard cannot read ({0})', error.message) };
  }

  private _publishFault(packet: Packet & { cmd: 'publish' }): ConductFault | null {
    const topic = typeof packet.topic === 'string' ? packet.topic : String(packet.topic);
    if (topic.includes('+') || topic.includes('#')) {
      return { code: TOPIC_NAME_INVALID, detail: msg('a PUBLISH to a topic with a wildcard (“+” or “#”), which no message can have') };
    }
    const alias = this._protocol === '5' ? packet.properties?.topicAlias : undefined;
    if (alias === undefined) {
      if (topic === '') return { code: PROTOCOL_ERROR, detail: msg('a PUBLISH with an empty topic and no topic alias') };
    } else if (alias < 1 || alias > TOPIC_ALIASES_ACCEPTED) {
      return { code: TOPIC_ALIAS_INVALID, detail: msg('a PUBLISH with a topic alias outside what the dashboard accepts') };
    } else if (topic !== '') {
      this._aliases.add(alias);
    } else if (!this._aliases.has(alias)) {
      return { code: PROTOCOL_ERROR, detail: msg('a PUBLISH with a topic alias it never defined') };
    }
    if (packet.qos === 2 && packet.messageId !== undefined && !this._pendingQoS2.has(packet.messageId)) {
      const bytes = packet.payload.length + topic.length;
      this._pendingQoS2.set(packet.messageId, bytes);
      this._pendingBytes += bytes;
      if (this._pendingQoS2.size > MAX_PENDING_QOS2_MESSAGES || this._pendingBytes > MAX_PENDING_QOS2_BYTES) {
        return {
          code: RECEIVE_MAXIMUM_EXCEEDED,
          detail: msg('more QoS 2 messages held without their release (PUBREL) than the dashboard keeps ({0} messages or {1} MiB)', MAX_PENDING_QOS2_MESSAGES.toLocaleString(locale()), MAX_PENDING_QOS2_BYTES / 1024 / 1024),
        };
      }
    }
    return null;
  }

  private _clearPending(): void {
    this._pendingQoS2.clear();
    this._pendingBytes = 0;
  }
}

/**
 * Ends a link for a protocol fault: MQTT 5 says why in a DISCONNECT (3.1.1 has no reason to give), then
 * the socket closes; mqtt.js's 'close' follows and the usual reconnection with it.
 */
export function closeForFault(client: MqttClient, protocol: ProtocolVersion, fault: FrameFault | ConductFault): void {
  // mqtt.js's browser stream keeps its WebSocket as `socket`: written to directly, the DISCONNECT goes out
  // at once, ahead of the close, even while the stream is still busy with an earlier write.
  const stream = client.stream as unknown as { socket?: { readyState: number; send(bytes: Uint8Array): void }; destroy(): void } | undefined;
  if (!stream) return;
  const disconnect = protocol === '5' ? new Uint8Array([0xe0, 0x01, fault.code & 0xff]) : new Uint8Array([0xe0, 0x00]);
  try {
    if (stream.socket?.readyState === 1) stream.socket.send(disconnect);
  } catch {
    /* the socket is already closing */
  }
  stream.destroy();
}

/**
 * Overwrites a chunk from `from` on with PINGRESPs (0xD0 0x00), which mqtt.js reads as nothing: the bytes
 * of a broker that broke the protocol never reach its parser. `midPing`: the chunk before ended with a
 * PINGRESP's first byte. Returns whether this one does.
 */
function neutralise(chunk: Uint8Array, from: number, midPing: boolean): boolean {
  let second = midPing;
  for (let at = from; at < chunk.length; at++) {
    chunk[at] = second ? 0x00 : 0xd0;
    second = !second;
  }
  return second;
}
