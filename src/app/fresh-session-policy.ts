/**
 * When the dashboard ends a pinned session by itself: the setting allows it, this tab owns the connection,
 * and it has not already done so since the last link that lasted (a fresh session dropped at once too
 * means something else closes the link, and a new client id each time would not help).
 */
import type { ConnectionStatus } from '../mqtt/connection-types';
import { STABLE_LINK_MS } from '../mqtt/cluster-failover';
import type { StoredSettings } from '../storage/settings';
import type { Role } from './connection-owner';

export class FreshSessionPolicy {
  private _taken = false;
  private _lasting: ReturnType<typeof setTimeout> | undefined;

  /** Sees every status; true when this one calls for a fresh session now (it then counts as taken). */
  observe(status: ConnectionStatus, settings: StoredSettings, role: Role): boolean {
    if (status.phase !== 'connected') {
      clearTimeout(this._lasting);
      this._lasting = undefined;
    } else if (this._taken && this._lasting === undefined) {
      this._lasting = setTimeout(() => (this._taken = false), STABLE_LINK_MS);
    }
    if (status.error?.kind !== 'session-pinned' || !settings.freshSessionWhenPinned || role !== 'owner' || this._taken) return false;
    this._taken = true;
    return true;
  }
}
