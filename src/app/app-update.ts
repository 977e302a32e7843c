/**
 * The service worker that makes the app installable and work offline, and the "New version available"
 * prompt: a new version waits until the user taps Reload, so code never changes under a running session.
 */
import { ValueStore } from '../state/notifier';
import { english } from '../i18n/words';

export interface UpdateState {
  /** A new version is installed and waiting for the user to reload. */
  available: boolean;
  /** Why the offline support could not be installed, or null. */
  problem: string | null;
}

const SERVICE_WORKERS_OFF = english(
  'Offline support is off in this window: the browser does not allow it here (a private window, or a policy of this device). The dashboard works while online, and queued commands are still kept.',
);
const NEEDS_HTTPS = english(
  'Offline support and installing need HTTPS (or localhost): open the dashboard over https:// to use it offline. It works while online.',
);

/** How often a long-running tablet asks the server for a new version. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export class AppUpdate {
  readonly state = new ValueStore<UpdateState>({ available: false, problem: null });
  private _apply: ((reloadPage?: boolean) => Promise<void>) | null = null;

  /** Registers the service worker (loaded lazily: the first screen does not wait for it). */
  async start(): Promise<void> {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker) {
      this.state.set({ problem: isSecureContext ? SERVICE_WORKERS_OFF : NEEDS_HTTPS });
      return;
    }
    const { registerSW } = await import('virtual:pwa-register');
    this._apply = registerSW({
      immediate: true,
      onNeedRefresh: () => this.state.set({ available: true }),
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
      },
      // Whatever the browser threw (a private window's refusal, a policy, a failed download), the user
      // is told what it means for them, not the script's error text.
      onRegisterError: () => this.state.set({ problem: SERVICE_WORKERS_OFF }),
    });
  }

  /** The user dismissed the offline-support notice. */
  dismissProblem(): void {
    this.state.set({ problem: null });
  }

  /** Switches to the new version and reloads the page. */
  async reload(): Promise<void> {
    if (this._apply) await this._apply(true);
    else location.reload();
  }
}
