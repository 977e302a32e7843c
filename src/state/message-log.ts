/**
 * The most recent messages across all topics, in a ring buffer: memory stays bounded however long the
 * dashboard runs. Each message keeps what the user may ask about: its flags, whether it was received
 * while away, and its MQTT 5 properties.
 */
import type { MessageProperties } from '../mqtt/message-properties';
import type { DecodedPayload } from '../mqtt/payload';
import { MESSAGE_REDRAW_MS, Notifier, throttledFrames, type Scheduler } from './notifier';
import type { QoS } from '../shared/types';

export interface LoggedMessage {
  /** 1 for the first message since the page opened, then 2, 3… */
  readonly seq: number;
  readonly topic: string;
  readonly payload: DecodedPayload;
  readonly qos: QoS;
  readonly retained: boolean;
  /** The DUP flag: the sender says it may have sent this message before. */
  readonly dup: boolean;
  readonly whileAway: boolean;
  /** A retained copy older than what its tile already showed: logged, not shown on the tile. */
  readonly superseded?: boolean;
  readonly receivedAt: number;
  readonly properties: MessageProperties | null;
  /** For a binary payload, its first bytes (up to VIEWER_BYTES), for the hex viewer. */
  readonly binary: Uint8Array | null;
}

/** How many bytes of a binary payload the log keeps for the viewer. */
export const VIEWER_BYTES = 4096;

export const DEFAULT_LOG_CAPACITY = 10_000;

export class MessageLog extends Notifier {
  private _ring: Array<LoggedMessage | undefined>;
  private _total = 0;
  private _capacity: number;

  constructor(capacity = DEFAULT_LOG_CAPACITY, schedule: Scheduler = throttledFrames(MESSAGE_REDRAW_MS)) {
    super(schedule);
    this._capacity = capacity;
    this._ring = new Array<LoggedMessage | undefined>(capacity);
  }

  get capacity(): number {
    return this._capacity;
  }

  /** Keeps up to `capacity` messages from now on; the newest ones stay. */
  resize(capacity: number): void {
    if (capacity === this._capacity) return;
    const kept = this.newest(capacity).reverse();
    this._capacity = capacity;
    this._ring = new Array<LoggedMessage | undefined>(capacity);
    for (const message of kept) this._ring[(message.seq - 1) % capacity] = message;
    this._dropped = this._total - kept.length;
    this.changed();
  }

  /** Messages before this many are gone (the ring was resized smaller). */
  private _dropped = 0;

  add(message: Omit<LoggedMessage, 'seq'>): void {
    const seq = ++this._total;
    this._ring[(seq - 1) % this._capacity] = { ...message, seq };
    this.changed();
  }

  /** Messages since the page opened, including those the ring no longer holds. */
  get total(): number {
    return this._total;
  }

  get size(): number {
    return Math.min(this._total - this._dropped, this._capacity);
  }

  /** The message `index` places from the newest (0 = newest), if the ring still holds it. */
  fromNewest(index: number): LoggedMessage | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this._ring[(this._total - 1 - index) % this._capacity];
  }

  /** Up to `limit` messages that pass `keep`, newest first. */
  newest(limit: number, keep: (message: LoggedMessage) => boolean = () => true): LoggedMessage[] {
    const found: LoggedMessage[] = [];
    const oldest = this._total - this.size + 1;
    for (let seq = this._total; seq >= oldest && found.length < limit; seq--) {
      const message = this._ring[(seq - 1) % this._capacity];
      if (message && keep(message)) found.push(message);
    }
    return found;
  }

  /** Messages after `seq` that the ring still holds, oldest first (a mirror's catch-up). */
  since(seq: number): LoggedMessage[] {
    return this.newest(Math.max(0, this._total - seq)).reverse();
  }

  /**
   * A mirror's side of since(): the engine's messages up to `total`, the newest last. `reset`: the engine's
   * log was cleared or resized, and `messages` is all of it.
   */
  applyChanges(messages: readonly LoggedMessage[], total: number, capacity: number, reset: boolean): void {
    if (reset || capacity !== this._capacity) {
      this._capacity = capacity;
      this._ring = new Array<LoggedMessage | undefined>(capacity);
    }
    for (const message of messages) this._ring[(message.seq - 1) % capacity] = message;
    this._total = total;
    this._dropped = reset ? total - messages.length : Math.max(this._dropped, total - capacity);
    if (this._dropped < 0) this._dropped = 0;
    this.changed();
  }

  clear(): void {
    this._ring.fill(undefined);
    this._total = 0;
    this._dropped = 0;
    this.changed();
  }
}
