/**
 * The most recent messages across all topics, in a ring buffer: memory stays bounded however long the
 * dashboard runs. Each message keeps what the user may ask about: its flags, whether it was received
 * while away, and its MQTT 5 properties.
 */
import type { MessageProperties } from '../mqtt/message-properties';
import type { DecodedPayload } from '../mqtt/payload';
import { Notifier, type Scheduler } from './notifier';

export interface LoggedMessage {
  /** 1 for the first message since the page opened, then 2, 3… */
  readonly seq: number;
  readonly topic: string;
  readonly payload: DecodedPayload;
  readonly qos: 0 | 1 | 2;
  readonly retained: boolean;
  /** The DUP flag: the sender says it may have sent this message before. */
  readonly dup: boolean;
  readonly whileAway: boolean;
  readonly receivedAt: number;
  readonly properties: MessageProperties | null;
}

export const DEFAULT_LOG_CAPACITY = 10_000;

export class MessageLog extends Notifier {
  private readonly _ring: Array<LoggedMessage | undefined>;
  private _total = 0;

  constructor(
    readonly capacity = DEFAULT_LOG_CAPACITY,
    schedule?: Scheduler,
  ) {
    super(schedule);
    this._ring = new Array<LoggedMessage | undefined>(capacity);
  }

  add(message: Omit<LoggedMessage, 'seq'>): void {
    const seq = ++this._total;
    this._ring[(seq - 1) % this.capacity] = { ...message, seq };
    this.changed();
  }

  /** Messages since the page opened, including those the ring no longer holds. */
  get total(): number {
    return this._total;
  }

  get size(): number {
    return Math.min(this._total, this.capacity);
  }

  /** Up to `limit` messages that pass `keep`, newest first. */
  newest(limit: number, keep: (message: LoggedMessage) => boolean = () => true): LoggedMessage[] {
    const found: LoggedMessage[] = [];
    const oldest = this._total - this.size + 1;
    for (let seq = this._total; seq >= oldest && found.length < limit; seq--) {
      const message = this._ring[(seq - 1) % this.capacity];
      if (message && keep(message)) found.push(message);
    }
    return found;
  }

  clear(): void {
    this._ring.fill(undefined);
    this._total = 0;
    this.changed();
  }
}
