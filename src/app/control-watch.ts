/**
 * In the engine: confirms controls' commands from what their devices report. For each control, its latest
 * command on its way or sent is watched: a report on the control's state topic moves its confirmation
 * (see controls/control-confirmation.ts), a timer ends its wait. Changes go through the outbox's own
 * persistence, so the page, the other tabs and a reload see them. A topic no control reads costs one
 * map lookup.
 */
import type { ControlDefinition } from '../controls/control-definition';
import { confirmationAfterReport, confirmationAtDeadline, confirmationAtDelivery, type ControlConfirmation } from '../controls/control-confirmation';
import { readReported, type ReportedPayload } from '../controls/control-payload';
import type { OutboxCommand } from '../storage/outbox-command';

export interface ControlWatchHost {
  /** The outbox's commands, oldest first. */
  list(): readonly OutboxCommand[];
  get(seq: number): OutboxCommand | undefined;
  persist(command: OutboxCommand, patch: Partial<OutboxCommand>): Promise<void>;
}

export class ControlWatch {
  private _controls = new Map<string, ControlDefinition>();
  /** Controls by state topic. */
  private _byStateTopic = new Map<string, ControlDefinition[]>();
  /** Each control's latest command, by control id. */
  private readonly _latest = new Map<string, number>();
  private readonly _timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly _host: ControlWatchHost,
    private readonly _now: () => number,
    /** Whether this tab judges (the owner tab; a viewer hears the judgement from it). */
    private readonly _active: () => boolean,
  ) {}

  setControls(controls: readonly ControlDefinition[]): void {
    this._controls = new Map(controls.map((control) => [control.id, control]));
    this._byStateTopic = new Map();
    for (const control of controls) {
      if (control.stateTopic === '') continue;
      const list = this._byStateTopic.get(control.stateTopic);
      if (list) list.push(control);
      else this._byStateTopic.set(control.stateTopic, [control]);
    }
  }

  control(id: string): ControlDefinition | undefined {
    return this._controls.get(id);
  }

  /** Whether a topic is some control's state topic. */
  watches(topic: string): boolean {
    return this._byStateTopic.has(topic);
  }

  /** The outbox as loaded, or a command added or changed: keeps each control's latest command, and its timer. */
  adopt(commands: readonly OutboxCommand[]): void {
    for (const command of commands) {
      const id = command.control?.id;
      if (id === undefined) continue;
      const latest = this._latest.get(id);
      if (latest === undefined || latest <= command.seq) this._latest.set(id, command.seq);
      this._arm(command);
    }
  }

  /** The confirmation a control's command starts with when the broker has it. */
  atDelivery(command: OutboxCommand): ControlConfirmation | null {
    if (!command.control) return null;
    return confirmationAtDelivery(this._controls.get(command.control.id), command.confirmation ?? undefined, this._now());
  }

  /** A message on a state topic: the commands it confirms or contradicts. */
  observe(topic: string, payload: ReportedPayload): void {
    const controls = this._byStateTopic.get(topic);
    if (!controls || !this._active()) return;
    for (const control of controls) {
      const seq = this._latest.get(control.id);
      const command = seq === undefined ? undefined : this._host.get(seq);
      if (!command?.control || (command.state !== 'sending' && command.state !== 'delivered')) continue;
      const reported = readReported(control, payload);
      if (reported === null) continue;
      const next = confirmationAfterReport(control, command.control, command.confirmation ?? undefined, reported, this._now());
      if (next) void this._host.persist(command, { confirmation: next });
    }
  }

  private _arm(command: OutboxCommand): void {
    const confirmation = command.confirmation;
    if (confirmation?.state !== 'waiting' || confirmation.deadline === null || this._timers.has(command.seq)) return;
    const timer = setTimeout(() => {
      this._timers.delete(command.seq);
      const current = this._host.get(command.seq);
      if (current?.confirmation?.state !== 'waiting' || !this._active()) return;
      void this._host.persist(current, { confirmation: confirmationAtDeadline(current.confirmation) });
    }, Math.max(0, confirmation.deadline - this._now()));
    this._timers.set(command.seq, timer);
  }
}
