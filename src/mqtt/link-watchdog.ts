/**
 * Decides that a connection is dead when a PINGREQ gets no answer at all (not even another packet) within
 * the answer time, even if the socket stays open and silent, as with a frozen broker or a sleeping tablet.
 * mqtt.js pings after one keep-alive period without an acknowledgement and gives up at 1.5 × keep-alive;
 * this watchdog gives up earlier, one answer time after the ping, so the loss is seen within 1.5 × keep-alive
 * with room to spare. It also measures the ping round trip.
 */

/** How long a ping may stay unanswered: a quarter of the keep-alive, between 1 and 5 seconds. */
export function pingAnswerTimeoutMs(keepaliveSeconds: number): number {
  return Math.min(5000, Math.max(1000, (keepaliveSeconds * 1000) / 4));
}

export class LinkWatchdog {
  private _pingSentAt: number | null = null;
  private _lastReceivedAt = 0;

  constructor(
    private readonly _answerTimeoutMs: number,
    private readonly _onRoundTrip: (milliseconds: number) => void,
  ) {}

  /** A ping is waiting for its answer. */
  get pingOutstanding(): boolean {
    return this._pingSentAt !== null;
  }

  packetSent(command: string, now: number): void {
    if (command === 'pingreq' && this._pingSentAt === null) this._pingSentAt = now;
  }

  packetReceived(command: string, now: number): void {
    this._lastReceivedAt = now;
    if (command === 'pingresp' && this._pingSentAt !== null) {
      this._onRoundTrip(now - this._pingSentAt);
      this._pingSentAt = null;
    }
  }

  /** The link is (re)established: nothing is outstanding. */
  reset(now: number): void {
    this._pingSentAt = null;
    this._lastReceivedAt = now;
  }

  /** Milliseconds the broker has been silent since an unanswered ping, when that exceeds the answer time; else null. */
  silenceBeyondLimit(now: number): number | null {
    if (this._pingSentAt === null || this._lastReceivedAt >= this._pingSentAt) return null;
    const waited = now - this._pingSentAt;
    return waited > this._answerTimeoutMs ? now - this._lastReceivedAt : null;
  }
}
