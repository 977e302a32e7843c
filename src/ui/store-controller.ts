import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Notifier } from '../state/notifier';

/**
 * Re-renders its host when a store changes (at most once per animation frame, as stores coalesce).
 * The store is looked up when the host connects, so it may come from a context.
 */
export class StoreController implements ReactiveController {
  private _unsubscribe: (() => void) | null = null;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _store: () => Notifier | undefined,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._unsubscribe = this._store()?.subscribe(() => this._host.requestUpdate()) ?? null;
  }

  hostDisconnected(): void {
    this._unsubscribe?.();
    this._unsubscribe = null;
  }
}
