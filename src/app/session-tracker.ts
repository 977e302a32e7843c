/**
 * What the broker did with the dashboard's session at each CONNACK, in words the status can show:
 * resumed ("session present"), new, lost (a persistent session was expected and the broker kept nothing:
 * it expired, or the broker restarted without persistence), or a clean session by choice.
 */
import { msg } from '../i18n/words';
import { ValueStore } from '../state/notifier';

export type SessionState = 'clean' | 'new' | 'resumed' | 'lost';

export interface SessionView {
  /** Null until the first CONNACK. */
  state: SessionState | null;
  /** MQTT 5 session expiry asked for, or null (3.1.1 has none: the broker decides). */
  expirySeconds: number | null;
}

export interface SessionRequest {
  key: string;
  persistent: boolean;
  expirySeconds: number | null;
}

export class SessionTracker {
  readonly view = new ValueStore<SessionView>({ state: null, expirySeconds: null });

  /**
   * A CONNACK: works out the session state from the last known session key. Returns the key to remember
   * from now on (null: none), so the caller can save it.
   */
  connected(request: SessionRequest, sessionPresent: boolean, lastKey: string | null): string | null {
    const state: SessionState = !request.persistent ? 'clean' : sessionPresent ? 'resumed' : lastKey === request.key ? 'lost' : 'new';
    this.view.replace({ state, expirySeconds: request.persistent ? request.expirySeconds : null });
    return request.persistent ? request.key : null;
  }

  reset(): void {
    this.view.replace({ state: null, expirySeconds: null });
  }
}

/** The session part of the status line. */
export function describeSession(view: SessionView): string {
  switch (view.state) {
    case null:
      return '';
    case 'clean':
      return msg('clean session');
    case 'resumed':
      return msg('session present: resumed, with what the broker kept while away');
    case 'new':
      return view.expirySeconds === null ? msg('new persistent session') : msg('new persistent session (kept {0} after leaving)', formatSeconds(view.expirySeconds));
    case 'lost':
      return msg('the broker kept no session (it expired, or the broker restarted): subscriptions restored; messages sent meanwhile are lost');
  }
}

function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return msg('{0} h', seconds / 3600);
  if (seconds % 60 === 0) return msg('{0} min', seconds / 60);
  return msg('{0} s', seconds);
}
