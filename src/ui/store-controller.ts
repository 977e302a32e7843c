import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Notifier } from '../state/notifier';

/**
 * Re-renders its host when a store changes (at most once per animation frame, as stores coalesce).
 * The store is looked up when the host connects and again before each update, so it may come from a
 * context or a property set after the element was connected.
 */
export class StoreController implements ReactiveController {
  private _unsubscribe: (() => void) | null = null;
  private _current: Notifier | undefined;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _store: () => Notifier | undefined,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._follow();
  }

  hostUpdate(): void {
    if (this._store() !== this._current) this._follow();
  }

  hostDisconnected(): void {
    this._unsubscribe?.();
    this._unsubscribe = null;
    this._current = undefined;
  }

  private _follow(): void {
    this._unsubscribe?.();
    this._current = this._store();
    this._unsubscribe = this._current?.subscribe(() => this._host.requestUpdate()) ?? null;
  }
}
