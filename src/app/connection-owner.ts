/**
 * One connection owner per client id across tabs and windows (a Web Locks leader): two tabs connecting
 * with the same client id would kick each other off the broker forever, and could both send a command.
 * The owner connects with the client id and sends the outbox; the others wait for the lock, and take
 * over when the owner's tab closes.
 */

export type Role = 'owner' | 'viewer';

export class ConnectionOwnership {
  private _abort: AbortController | null = null;
  private _release: (() => void) | null = null;

  constructor(private readonly _locks: LockManager | null = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null) {}

  /**
   * Claims the connection for `key`. Resolves with `owner` when this tab got it at once, else `viewer`,
   * and then calls `becameOwner` whenever the lock is handed over later. Any earlier claim is dropped.
   */
  async claim(key: string, becameOwner: () => void): Promise<Role> {
    this.release();
    const locks = this._locks;
    if (!locks) return 'owner';
    const name = `mqtt-dashboard-connection:${key}`;
    const abort = new AbortController();
    this._abort = abort;
    const held = new Promise<void>((resolve) => (this._release = resolve));
    const immediate = await new Promise<boolean>((resolve) => {
      locks
        .request(name, { ifAvailable: true }, async (lock) => {
          resolve(lock !== null);
          if (lock) await held;
        })
        // Refused (storage blocked, as in some framed pages): no other tab can be coordinated with either.
        .catch(() => resolve(true));
    });
    if (immediate) return 'owner';
    if (abort.signal.aborted) return 'viewer';
    locks
      .request(name, { signal: abort.signal }, async () => {
        becameOwner();
        await held;
      })
      .catch(() => {}); // aborted: the claim was dropped
    return 'viewer';
  }

  /** Gives the connection up (Disconnect, or another client id). */
  release(): void {
    this._abort?.abort();
    this._abort = null;
    this._release?.();
    this._release = null;
  }
}
