/**
 * Reads the fixed header of every packet a broker sends, as the bytes arrive and before mqtt.js parses
 * them, and names the first one a client must not accept: a reserved packet type, one only a client may
 * send, wrong header flags (a PUBLISH with QoS 3), a remaining length over 4 bytes, or a packet larger than
 * the dashboard's Maximum Packet Size. It keeps no packet: a declared 256 MB packet is refused on its
 * first bytes, not after it has been buffered.
 */
import type { ProtocolVersion } from '../shared/types';
import { locale, msg } from '../i18n/words';

/** MQTT 5 reason codes a client disconnects with. */
export const MALFORMED_PACKET = 0x81;
export const PROTOCOL_ERROR = 0x82;
export const PACKET_TOO_LARGE = 0x95;

export interface FrameFault {
  code: typeof MALFORMED_PACKET | typeof PROTOCOL_ERROR | typeof PACKET_TOO_LARGE;
  /** What was wrong, in a few words (shown after the reason). */
  detail: string;
}

const NAMES = ['reserved type 0', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'];
/** Packets only a client sends: a broker sending one breaks the protocol. */
const CLIENT_ONLY = new Set([1, 8, 10, 12]);

export class FrameGuard {
  private _state: 'header' | 'length' | 'body' = 'header';
  private _type = 0;
  private _length = 0;
  private _lengthBytes = 0;
  private _multiplier = 1;
  private _bodyLeft = 0;
  private _fault: FrameFault | null = null;
  /** Where, in the chunk being read, the packet being read began (0 when it began in an earlier chunk). */
  private _packetAt = 0;
  /** Where, in the chunk in which it was found, the faulty packet began: the bytes before it are whole packets. */
  faultAt = 0;

  constructor(
    private readonly _protocol: ProtocolVersion,
    private readonly _maximumPacketSize: number,
  ) {}

  /** The first fault in the bytes seen so far, or null; once found, later bytes are not looked at. */
  feed(chunk: Uint8Array): FrameFault | null {
    if (this._fault) return this._fault;
    this._packetAt = 0;
    const found = this._scan(chunk);
    if (found) this.faultAt = this._packetAt;
    return found;
  }

  private _scan(chunk: Uint8Array): FrameFault | null {
    let i = 0;
    while (i < chunk.length) {
      if (this._state === 'body') {
        const skipped = Math.min(this._bodyLeft, chunk.length - i);
        this._bodyLeft -= skipped;
        i += skipped;
        if (this._bodyLeft === 0) this._state = 'header';
        continue;
      }
      const byte = chunk[i++] ?? 0;
      if (this._state === 'header') {
        this._packetAt = i - 1;
        this._fault = this._headerFault(byte);
        if (this._fault) return this._fault;
        this._state = 'length';
        this._length = 0;
        this._lengthBytes = 0;
        this._multiplier = 1;
        continue;
      }
      this._length += (byte & 0x7f) * this._multiplier;
      this._multiplier *= 128;
      this._lengthBytes++;
      if (byte & 0x80) {
        if (this._lengthBytes === 4) return (this._fault = { code: MALFORMED_PACKET, detail: msg('a {0} whose length takes more than 4 bytes', NAMES[this._type]) });
        continue;
      }
      const size = 1 + this._lengthBytes + this._length;
      if (size > this._maximumPacketSize) {
        return (this._fault = {
          code: PACKET_TOO_LARGE,
          detail: msg('a {0} of {1} bytes, over the {2} bytes the dashboard accepts', NAMES[this._type], size.toLocaleString(locale()), this._maximumPacketSize.toLocaleString(locale())),
        });
      }
      this._bodyLeft = this._length;
      this._state = this._length === 0 ? 'header' : 'body';
    }
    return null;
  }

  private _headerFault(byte: number): FrameFault | null {
    const type = byte >> 4;
    const flags = byte & 0x0f;
    this._type = type;
    if (type === 0 || (type === 15 && this._protocol !== '5') || (type === 14 && this._protocol !== '5')) {
      return { code: MALFORMED_PACKET, detail: msg('a packet of reserved type {0}', type) };
    }
    if (CLIENT_ONLY.has(type)) return { code: PROTOCOL_ERROR, detail: msg('a {0}, which only a client sends', NAMES[type]) };
    if (type === 3) {
      return (flags & 0x06) === 0x06 ? { code: MALFORMED_PACKET, detail: msg('a PUBLISH with QoS 3') } : null;
    }
    const expected = type === 6 ? 0x02 : 0;
    return flags === expected ? null : { code: MALFORMED_PACKET, detail: msg('a {0} with wrong header flags', NAMES[type]) };
  }
}
