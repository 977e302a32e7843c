/**
 * "Keep screen on" for wall-mounted tablets, through the Screen Wake Lock API. The browser releases the
 * lock whenever the page is hidden; it is asked for again each time the page becomes visible.
 */
import { ValueStore } from '../state/notifier';
import { msg } from '../i18n/words';

export interface ScreenState {
  /** The browser holds the screen on for the dashboard now. */
  held: boolean;
  /** Why the screen cannot be kept on, in words, or null. */
  problem: string | null;
}

export class ScreenWakeLock {
  /** `state` is where the lock's state is shown (the service's `screen`, read by the layout panel). */
  constructor(readonly state: ValueStore<ScreenState> = new ValueStore<ScreenState>({ held: false, problem: null })) {}
  private _wanted = false;
  private _sentinel: WakeLockSentinel | null = null;
  private _listening = false;

  /** Keeps the screen on (true) or lets it sleep again (false). Calling it again with the same wish does nothing. */
  want(wanted: boolean): void {
    if (wanted === this._wanted) return;
    this._wanted = wanted;
    if (wanted) {
      this._listen();
      void this._acquire();
    } else {
      const sentinel = this._sentinel;
      this._sentinel = null;
      void sentinel?.release();
      this.state.replace({ held: false, problem: null });
    }
  }

  private _listen(): void {
    if (this._listening || typeof document === 'undefined') return;
    this._listening = true;
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this._wanted && this._sentinel === null) void this._acquire();
    });
  }

  private async _acquire(): Promise<void> {
    if (typeof navigator === 'undefined' || !('wakeLock' in navigator)) {
      this.state.replace({ held: false, problem: msg('This browser cannot keep the screen on (no Screen Wake Lock; it needs HTTPS or localhost, and Chrome, Edge or Safari 16.4+). Set the tablet’s own screen timeout instead.') });
      return;
    }
    if (document.visibilityState !== 'visible') return; // asked again when the page is shown
    try {
      const sentinel = await navigator.wakeLock.request('screen');
      if (!this._wanted) {
        void sentinel.release();
        return;
      }
      this._sentinel = sentinel;
      sentinel.addEventListener('release', () => {
        if (this._sentinel === sentinel) this._sentinel = null;
        this.state.replace({ held: false, problem: null });
      });
      this.state.replace({ held: true, problem: null });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.state.replace({ held: false, problem: msg('The browser refused to keep the screen on ({0}). It asks again when the page is shown; battery saver modes can refuse it.', reason) });
    }
  }
}
