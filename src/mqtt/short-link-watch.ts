/**
 * Links the broker accepts and then closes at once, again and again, say something the broker does not:
 * - two devices with the same client id push each other off for ever: each CONNECT takes the session over
 *   and closes the other's link. MQTT 5 says so (DISCONNECT 0x8E); MQTT 3.1.1 says nothing, the broker just
 *   closes the socket. Recognised with the defaults: links closed within 10 s, three times in a row, with
 *   every attempt accepted (a broker restarting refuses or misses some attempts);
 * - a cluster's nodes cannot take over a session pinned to a node that died (see cluster-failover.ts).
 */

/** A link that ends this soon after its CONNACK counts as pushed off. */
export const SHORT_LINK_MS = 10_000;
/** This many short links in a row, each closed by the broker, mean another device holds the client id. */
export const DROPS_BEFORE_STOPPING = 3;

export class ShortLinkWatch {
  private _upAt: number | null = null;
  private _shortDrops = 0;

  /** `shortLinkMs`: a link that ends sooner counts; `dropsNeeded`: this many in a row complete the pattern. */
  constructor(
    private readonly _shortLinkMs = SHORT_LINK_MS,
    private readonly _dropsNeeded = DROPS_BEFORE_STOPPING,
  ) {}

  /** How many short links in a row so far. */
  get shortDrops(): number {
    return this._shortDrops;
  }

  /** A CONNACK accepted the link at `now`. */
  linkUp(now: number): void {
    this._upAt = now;
  }

  /** True once the pattern is complete, until a link lasts or an attempt fails. */
  get recognised(): boolean {
    return this._shortDrops >= this._dropsNeeded;
  }

  /**
   * The link is gone at `now`. `closedByBroker`: nothing on this side ended it (no watchdog, no network
   * change, no protocol fault of the broker's). True when the pattern is complete.
   */
  linkDown(now: number, closedByBroker: boolean): boolean {
    const upAt = this._upAt;
    this._upAt = null;
    if (upAt === null) return false;
    if (!closedByBroker || now - upAt >= this._shortLinkMs) {
      this._shortDrops = 0;
      return false;
    }
    this._shortDrops++;
    return this.recognised;
  }

  /** An attempt got no CONNACK (or a refusal): not a clash, which is accepted every time (not called for a cluster's nodes). */
  attemptFailed(): void {
    this._upAt = null;
    this._shortDrops = 0;
  }

  reset(): void {
    this.attemptFailed();
  }
}
