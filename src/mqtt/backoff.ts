/**
 * When to try reconnecting: exponential backoff with jitter, so a broker coming back is not hit by
 * every dashboard at the same instant, and a dashboard that keeps failing does not hammer it.
 */

export interface BackoffPolicy {
  /** The first delay, in milliseconds. */
  initialMs: number;
  /** Each failed attempt multiplies the delay by this. */
  factor: number;
  /** The delay never exceeds this. */
  maxMs: number;
  /** A delay is spread at random by ± this fraction of itself (0.2 = ±20 %). */
  jitter: number;
  /** A connection that lasted this long counts as stable: the next loss starts again from the first delay. */
  stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 500,
  factor: 2,
  maxMs: 30_000,
  jitter: 0.2,
  stableAfterMs: 10_000,
};

export class ReconnectBackoff {
  private _failures = 0;
  private _connectedAt: number | null = null;

  constructor(
    private readonly _policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly _random: () => number = Math.random,
  ) {}

  /** Failed attempts since the last stable connection. */
  get failures(): number {
    return this._failures;
  }

  /** The broker accepted a connection at `now`. */
  connected(now: number): void {
    this._connectedAt = now;
  }

  /** The link is gone at `now` (or an attempt failed): how long to wait before the next attempt. */
  nextDelay(now: number): number {
    if (this._connectedAt !== null && now - this._connectedAt >= this._policy.stableAfterMs) this._failures = 0;
    this._connectedAt = null;
    const { initialMs, factor, maxMs, jitter } = this._policy;
    const step = Math.min(maxMs, initialMs * factor ** this._failures);
    this._failures++;
    const spread = 1 + jitter * (2 * this._random() - 1);
    return Math.round(Math.min(maxMs, step * spread));
  }

  /** Start again from the first delay (the user asked to retry, or the network came back). */
  reset(): void {
    this._failures = 0;
    this._connectedAt = null;
  }
}
