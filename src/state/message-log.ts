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
  /** An alarm state shared by another dashboard that could not be used (the alarm history says why). */
  readonly ignored?: boolean;
  readonly receivedAt: number;
  readonly properties: MessageProperties | null;
  /** For a binary payload, its first bytes (up to VIEWER_BYTES), for the hex viewer. */
  readonly binary: Uint8Array | null;
}

/** How many bytes of a binary payload the log keeps for the viewer. */
export const VIEWER_BYTES = 4096;

export const DEFAULT_LOG_CAPACITY = 10_000;
/**
 * What the log may hold in payload text and bytes, whatever its capacity: 10,000 payloads of 63 KiB would
 * be over a gigabyte. The oldest messages go first.
 */
export const LOG_BUDGET_BYTES = 48 * 1024 * 1024;

/** What a message costs the log: its text in UTF-16, its kept bytes, and a little for the rest. */
function costOf(message: LoggedMessage): number {
  return 2 * (message.payload.text.length + message.topic.length + (message.payload.source?.length ?? 0)) + (message.binary?.byteLength ?? 0) + 200;
}

export class MessageLog extends Notifier {
  private _ring: Array<LoggedMessage | undefined>;
  private _total = 0;
  private _capacity: number;
  /** What the messages the ring holds cost (costOf). */
  private _bytes = 0;

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
    this._bytes = kept.reduce((sum, message) => sum + costOf(message), 0);
    this.changed();
  }

  /** Messages before this many are gone (the ring was resized smaller). */
  private _dropped = 0;

  add(message: Omit<LoggedMessage, 'seq'>): void {
    const seq = ++this._total;
    this._put({ ...message, seq });
    this._keepWithinBudget();
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
  applyChanges(messages: readonly LoggedMessage[], total: number, capacity: number, reset: boolean, held: number): void {
    if (reset || capacity !== this._capacity) {
      this._capacity = capacity;
      this._ring = new Array<LoggedMessage | undefined>(capacity);
    }
    if (reset || capacity !== this._capacity) this._bytes = 0;
    this._total = total;
    for (const message of messages) this._put(message);
    // The engine's log holds `held` messages: the older ones are gone (past the capacity, or the byte budget).
    const dropped = Math.max(0, total - held);
    for (let seq = Math.max(this._dropped + 1, total - capacity + 1, 1); seq <= dropped; seq++) {
      const slot = (seq - 1) % capacity;
      const gone = this._ring[slot];
      if (gone?.seq !== seq) continue;
      this._bytes -= costOf(gone);
      this._ring[slot] = undefined;
    }
    this._dropped = dropped;
    this.changed();
  }

  /** Puts a message in its slot, counting out the one it replaces. */
  private _put(message: LoggedMessage): void {
    const slot = (message.seq - 1) % this._capacity;
    const replaced = this._ring[slot];
    if (replaced) this._bytes -= costOf(replaced);
    this._ring[slot] = message;
    this._bytes += costOf(message);
  }

  /** Drops the oldest messages while the log holds more than its budget (the newest always stays). */
  private _keepWithinBudget(): void {
    while (this._bytes > LOG_BUDGET_BYTES && this.size > 1) {
      const oldestSeq = this._total - this.size + 1;
      const slot = (oldestSeq - 1) % this._capacity;
      const oldest = this._ring[slot];
      if (oldest) this._bytes -= costOf(oldest);
      this._ring[slot] = undefined;
      this._dropped = Math.max(this._dropped, this._total - this._capacity) + 1;
    }
  }

  clear(): void {
    this._bytes = 0;
    this._ring.fill(undefined);
    this._total = 0;
    this._dropped = 0;
    this.changed();
  }
}
