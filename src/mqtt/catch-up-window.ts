/**
 * Which messages the broker kept for the dashboard while it was away. MQTT does not label them, so this
 * is worked out from the order of packets: after a CONNACK with "session present", the broker sends what
 * it queued first (Mosquitto, EMQX and HiveMQ write the queue right behind the CONNACK). The dashboard
 * sends a PINGREQ at once; the window stays open until the PINGRESP is back and the burst of queued
 * messages has ended (Aedes streams its queue alongside other packets), and closes after a few seconds
 * at most, so a busy live stream is never taken for catch-up.
 */

/**
 * A pause this long ends the catch-up burst, once the PINGRESP is back. Aedes may answer the PINGREQ
 * before it starts streaming the queue, so the pause is counted from the later of the two.
 */
export const BURST_GAP_MS = 500;
/** The window never stays open longer than this after the CONNACK. */
export const WINDOW_LIMIT_MS = 3000;

export class CatchUpWindow {
  private _open = false;
  private _openedAt = 0;
  private _lastMessageAt = 0;
  private _answered = false;

  /** A CONNACK arrived: the window opens only when the broker resumed a session. */
  connected(sessionPresent: boolean, now: number): void {
    this._open = sessionPresent;
    this._openedAt = now;
    this._lastMessageAt = now;
    this._answered = false;
  }

  /** The broker answered the PINGREQ sent right after the CONNACK. */
  pingAnswered(now: number): void {
    if (this._answered) return;
    this._answered = true;
    this._lastMessageAt = Math.max(this._lastMessageAt, now);
  }

  /**
   * The broker acknowledged a publication of the dashboard's own (a PUBACK, PUBREC or PUBCOMP): it writes
   * what it kept for the session before anything else, so whatever comes after this is live, such as a
   * device's reply to a command sent from the outbox right after the reconnect.
   */
  ownPublicationAcknowledged(): void {
    this._open = false;
  }

  /** The link went: nothing more can be catch-up until the next CONNACK. */
  closed(): void {
    this._open = false;
  }

  /** Whether a message arriving now (not retained) was queued by the broker while the dashboard was away. */
  receivedWhileAway(now: number): boolean {
    if (!this._open) return false;
    const burstEnded = this._answered && now - this._lastMessageAt > BURST_GAP_MS;
    if (burstEnded || now - this._openedAt > WINDOW_LIMIT_MS) {
      this._open = false;
      return false;
    }
    this._lastMessageAt = now;
    return true;
  }
}

/** How many of its own recent publications the dashboard remembers per link (a whole outbox flush). */
const ECHOES_KEPT = 1000;

/**
 * The dashboard's own publications on the current link (commands sent from the outbox after a reconnect
 * come back during the catch-up window): a message with the same topic and payload is their echo. Each is
 * remembered by its topic, length and a hash of its bytes, not by a copy of them.
 */
export class OwnEchoes {
  private readonly _counts = new Map<string, number>();
  private readonly _order: string[] = [];

  sent(topic: string, payload: string | Uint8Array | undefined): void {
    const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : (payload ?? new Uint8Array());
    const key = echoKey(topic, bytes);
    this._counts.set(key, (this._counts.get(key) ?? 0) + 1);
    this._order.push(key);
    if (this._order.length > ECHOES_KEPT) this._forget(this._order.shift() as string);
  }

  /** Whether the message is the echo of one of them (each publication is matched once). */
  isEcho(topic: string, payload: Uint8Array): boolean {
    if (this._counts.size === 0) return false;
    const key = echoKey(topic, payload);
    if (!this._counts.has(key)) return false;
    this._forget(key);
    return true;
  }

  clear(): void {
    this._counts.clear();
    this._order.length = 0;
  }

  private _forget(key: string): void {
    const count = this._counts.get(key) ?? 0;
    if (count <= 1) this._counts.delete(key);
    else this._counts.set(key, count - 1);
  }
}

/** Topic, length and FNV-1a hash of the payload. */
function echoKey(topic: string, bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return `${topic}\u0000${bytes.length}:${hash >>> 0}`;
}
