/**
 * Values the broker kept for the dashboard while it was away (the persistent session's catch-up) arrive in
 * one burst when it reconnects, and MQTT carries no time: drawn at their arrival they would pile up in one
 * second after the gap. They are held until the burst ends (a live message of the topic, or a quiet second), then placed
 * in order across the time the topic was away, so the chart shows them where the gap was.
 */
import type { DecodedPayload } from '../mqtt/payload';

interface Held {
  from: number;
  to: number;
  payloads: DecodedPayload[];
}

export class CatchUpPlacer {
  private readonly _held = new Map<string, Held>();
  private _timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly _place: (topic: string, time: number, payload: DecodedPayload) => void,
    private readonly _quietMs = 1000,
  ) {}

  /** Told of the topics whose held values were just placed (a chart open on one reads its history again). */
  onPlaced: ((topics: string[]) => void) | null = null;

  /** Whether values of this topic are being held. */
  holds(topic: string): boolean {
    return this._held.has(topic);
  }

  /** A value received while away; the topic was last seen at `from`, the link came back at `to`. */
  hold(topic: string, from: number, to: number, payload: DecodedPayload): void {
    const held = this._held.get(topic);
    if (held) held.payloads.push(payload);
    else this._held.set(topic, { from, to, payloads: [payload] });
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = setTimeout(() => this.flush(), this._quietMs);
  }

  /** Places what is held, evenly between each topic's last sighting and the return of the link. */
  flush(): void {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
    const held = [...this._held];
    this._held.clear();
    for (const [topic, { from, to, payloads }] of held) {
      const step = (to - from) / (payloads.length + 1);
      payloads.forEach((payload, index) => this._place(topic, Math.round(from + step * (index + 1)), payload));
    }
    if (held.length > 0) this.onPlaced?.(held.map(([topic]) => topic));
  }
}
