/**
 * The service worker that makes the app installable and work offline, and the "New version available"
 * prompt: a new version waits until the user taps Reload, so code never changes under a running session.
 */
import { ValueStore } from '../state/notifier';

export interface UpdateState {
  /** A new version is installed and waiting for the user to reload. */
  available: boolean;
  /** Why the offline support could not be installed, or null. */
  problem: string | null;
}

/** How often a long-running tablet asks the server for a new version. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export class AppUpdate {
  readonly state = new ValueStore<UpdateState>({ available: false, problem: null });
  private _apply: ((reloadPage?: boolean) => Promise<void>) | null = null;

  /** Registers the service worker (loaded lazily: the first screen does not wait for it). */
  async start(): Promise<void> {
    if (!('serviceWorker' in navigator)) return; // plain http on a LAN address: no offline support, the app still runs
    const { registerSW } = await import('virtual:pwa-register');
    this._apply = registerSW({
      immediate: true,
      onNeedRefresh: () => this.state.set({ available: true }),
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
      },
      onRegisterError: (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.state.set({ problem: `Offline support could not be installed (${reason}). The dashboard works while online.` });
      },
    });
  }

  /** Switches to the new version and reloads the page. */
  async reload(): Promise<void> {
    if (this._apply) await this._apply(true);
    else location.reload();
  }
}
