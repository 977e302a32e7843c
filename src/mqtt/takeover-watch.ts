/**
 * Two devices with the same client id push each other off the broker for ever: each CONNECT takes the
 * session over and closes the other's link, which reconnects and does the same. MQTT 5 says so (DISCONNECT
 * 0x8E, session taken over); MQTT 3.1.1 says nothing, the broker just closes the socket. This watch
 * recognises the 3.1.1 form: links the broker accepted and then closed within a few seconds, several times
 * in a row, with every new attempt accepted again (a broker restarting refuses or misses some attempts).
 */

/** A link that ends this soon after its CONNACK counts as pushed off. */
export const SHORT_LINK_MS = 10_000;
/** This many short links in a row, each closed by the broker, mean another device holds the client id. */
export const DROPS_BEFORE_STOPPING = 3;

export class TakeoverWatch {
  private _upAt: number | null = null;
  private _shortDrops = 0;

  /** How many short links in a row so far. */
  get shortDrops(): number {
    return this._shortDrops;
  }

  /** A CONNACK accepted the link at `now`. */
  linkUp(now: number): void {
    this._upAt = now;
  }

  /**
   * The link is gone at `now`. `closedByBroker`: nothing on this side ended it (no watchdog, no network
   * change, no protocol fault of the broker's). True when the pattern of a client id clash is complete.
   */
  linkDown(now: number, closedByBroker: boolean): boolean {
    const upAt = this._upAt;
    this._upAt = null;
    if (upAt === null) return false;
    if (!closedByBroker || now - upAt >= SHORT_LINK_MS) {
      this._shortDrops = 0;
      return false;
    }
    this._shortDrops++;
    return this._shortDrops >= DROPS_BEFORE_STOPPING;
  }

  /** An attempt got no CONNACK (or a refusal): not a clash, which is accepted every time. */
  attemptFailed(): void {
    this._upAt = null;
    this._shortDrops = 0;
  }

  reset(): void {
    this.attemptFailed();
  }
}
