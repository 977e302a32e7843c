/**
 * The note under a quick command or a Sparkplug write: it follows the command the tap queued through the
 * outbox (queued → sending → delivered, or failed) instead of stopping at "Queued".
 */
import type { OutboxStore } from '../state/outbox-store';
import { describeState } from './outbox-row';
import { msg } from '../i18n/words';

/** A command a tap just queued: found in the outbox by its topic, made at or after `since`. */
export interface FollowedCommand {
  readonly topic: string;
  readonly since: number;
  /** What the note names (`pompe/commande → start`, `Vitesse = 1200`). */
  readonly target: string;
}

export interface CommandNote {
  readonly text: string;
  readonly refused: boolean;
}

export function commandNote(store: OutboxStore | undefined, followed: FollowedCommand): CommandNote {
  const command = store?.newestTo(followed.topic, followed.since);
  if (!command || command.state === 'queued') return { text: msg('Queued in the outbox: {0}', followed.target), refused: false };
  return { text: msg('{0}: {1}', followed.target, describeState(command)), refused: command.state === 'failed' || command.state === 'cancelled' };
}
