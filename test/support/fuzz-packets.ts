/**
 * Random and mutated MQTT packets for the fuzz test, from a seed: the same seed gives the same packets,
 * so a failure can be replayed. Most are valid PUBLISH and acknowledgements with hostile contents (odd
 * topics, markup, control and bidi characters, binary, huge numbers); the rest are those packets with a
 * byte flipped, cut short, lengthened, or given a random first byte, and plain random bytes.
 */
import mqttPacket, { type Packet } from 'mqtt-packet';
import { seededRandom } from './seeded-random';

const LEVELS = ['moteur', 'température', 'u', '\u200b', '\u202e', 'a'.repeat(300), '<img src=x onerror=alert(1)>', '__proto__', 'constructor', '💥', ' ', '\u0007'];
const PAYLOADS = [
  '1480',
  '{"value":1e400}',
  '{"value":-1.7976931348623157e308,"unit":"°C"}',
  '<script>window.__pwned=1</script>',
  '{"__proto__":{"polluted":true}}',
  '\u202eevil\u202c',
  'x'.repeat(5000),
  '',
  'null',
  '[1,2,3]',
];

export class FuzzPackets {
  private readonly _random: () => number;
  /** How many packets of each kind were made, for the report. */
  readonly made = { valid: 0, mutated: 0, random: 0 };

  constructor(seed: number) {
    this._random = seededRandom(seed);
  }

  private _int(below: number): number {
    return Math.floor(this._random() * below);
  }

  private _pick<T>(items: readonly T[]): T {
    return items[this._int(items.length)] as T;
  }

  private _topic(): string {
    const depth = 1 + this._int(4);
    return Array.from({ length: depth }, () => this._pick(LEVELS)).join('/');
  }

  private _payload(): Buffer {
    if (this._random() < 0.15) return Buffer.from(Array.from({ length: this._int(64) }, () => this._int(256)));
    return Buffer.from(this._pick(PAYLOADS));
  }

  /** A packet a broker may send, with hostile contents. */
  private _valid(): Packet {
    const messageId = 1 + this._int(65_535);
    switch (this._int(8)) {
      case 0:
        return { cmd: 'puback', messageId, reasonCode: this._pick([0, 0x10, 0x80, 0x87, 0x97]) };
      case 1:
        return { cmd: 'pubrec', messageId };
      case 2:
        return { cmd: 'pubcomp', messageId };
      case 3:
        return { cmd: 'pingresp' };
      default: {
        const qos = this._pick([0, 0, 1, 2] as const);
        return {
          cmd: 'publish',
          topic: this._topic(),
          payload: this._payload(),
          qos,
          retain: this._random() < 0.2,
          dup: false,
          ...(qos > 0 ? { messageId } : {}),
          ...(this._random() < 0.3 ? { properties: { contentType: this._pick(['application/json', 'text/plain', '\u0000']), userProperties: { k: 'v' } } } : {}),
        };
      }
    }
  }

  private _mutated(bytes: Uint8Array): Uint8Array {
    const copy = Uint8Array.from(bytes);
    switch (this._int(4)) {
      case 0: {
        const at = this._int(copy.length);
        copy[at] = (copy[at] ?? 0) ^ (1 << this._int(8));
        return copy;
      }
      case 1:
        return copy.slice(0, Math.max(1, this._int(copy.length)));
      case 2:
        return Uint8Array.from([...copy, ...Array.from({ length: 1 + this._int(8) }, () => this._int(256))]);
      default:
        copy[0] = this._int(256);
        return copy;
    }
  }

  /** The next packet's bytes: 80 % valid, 15 % mutated, 5 % random bytes; only valid ones if `validOnly`. */
  next(validOnly = false): Uint8Array {
    const roll = validOnly ? 1 : this._random();
    if (roll < 0.05) {
      this.made.random++;
      return Uint8Array.from(Array.from({ length: 1 + this._int(32) }, () => this._int(256)));
    }
    const bytes = new Uint8Array(mqttPacket.generate(this._valid(), { protocolVersion: 5 }));
    if (roll < 0.2) {
      this.made.mutated++;
      return this._mutated(bytes);
    }
    this.made.valid++;
    return bytes;
  }
}
