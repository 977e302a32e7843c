/**
 * Whether the device did what a control's command asked, judged from what it reports on the control's
 * state topic. Kept on the command in the outbox, so a reload or a reconnect finds it as it was.
 *
 * `waiting` (until `deadline`) → `confirmed` when a report matches; `differs` when a report says something
 * else than both the command and the state before it (a report equal to the state before is the device
 * not having acted yet: it stays waiting); at the deadline, `differs` if the device reported anything
 * since, `no-answer` if it said nothing. A matching report later still confirms (the device acted, late).
 * `unconfirmable`: the control has no state topic, so nothing can confirm it.
 */
import { confirms } from './control-payload';
import type { ControlDefinition } from './control-definition';

/** What links a command in the outbox to the control it came from. */
export interface ControlLink {
  id: string;
  /** The commanded value: `on`/`off` for a switch, `press` for a button, the number, option or text. */
  value: string;
  /** What the state topic said when the command was made (null: nothing yet). */
  before: string | null;
}

export type ConfirmationState = 'waiting' | 'confirmed' | 'differs' | 'no-answer' | 'unconfirmable';

export interface ControlConfirmation {
  state: ConfirmationState;
  /** Until when a `waiting` command waits (epoch ms). */
  deadline: number | null;
  /** The last value the device reported since the command was sent, if any. */
  reported: string | null;
  /** When that report came. */
  at: number | null;
}

/** When a command reaches the broker: waiting for the device, or never confirmable. Keeps an earlier report (a fast device). */
export function confirmationAtDelivery(control: ControlDefinition | undefined, earlier: ControlConfirmation | undefined, now: number): ControlConfirmation {
  if (earlier && earlier.state !== 'waiting') return earlier;
  if (!control || control.stateTopic === '') return { state: 'unconfirmable', deadline: null, reported: null, at: null };
  return { state: 'waiting', deadline: now + control.timeoutSeconds * 1000, reported: earlier?.reported ?? null, at: earlier?.at ?? null };
}

/** A report on the state topic of a command on its way or sent: the new confirmation, or null when nothing changes. */
export function confirmationAfterReport(
  control: ControlDefinition,
  link: ControlLink,
  current: ControlConfirmation | undefined,
  reported: string,
  now: number,
): ControlConfirmation | null {
  if (current?.state === 'confirmed' || current?.state === 'unconfirmable') return null;
  const deadline = current?.deadline ?? null;
  if (confirms(control, link.value, reported)) return { state: 'confirmed', deadline, reported, at: now };
  const unchanged = link.before !== null && link.before.trim() === reported.trim();
  const waiting = current === undefined || current.state === 'waiting';
  const state = waiting && unchanged ? (current?.state ?? 'waiting') : 'differs';
  return { state, deadline, reported, at: now };
}

/** The deadline passed: `no-answer` if the device said nothing since the command, `differs` if it reported something else. */
export function confirmationAtDeadline(current: ControlConfirmation): ControlConfirmation {
  if (current.state !== 'waiting') return current;
  return { ...current, state: current.reported === null ? 'no-answer' : 'differs' };
}
