import { OnScreen, offScreen } from '../on-screen';
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ControlDefinition } from '../../controls/control-definition';
import { readReported, snapSetpoint, textAllowed } from '../../controls/control-payload';
import type { TopicValue } from '../../state/topic-store';
import type { OutboxCommand } from '../../storage/outbox-command';
import { msg } from '../../i18n/words';
import { dashboardContext } from '../dashboard-context';
import { formatAge, formatTimestamp } from '../format';
import { problemWords } from '../problem-words';
import { visibleText } from './visible-text';
import { controlStyles } from '../shared-styles';
import { controlCardStyles } from './control-card-styles';
import { controlInput, type ControlInputHost } from './control-input';
import { controlStatus, reportedWords, valueWords } from './control-status';
import { controlEdit } from './control-events';


/** How long a hold-to-send control must be held. */
export const HOLD_MS = 1000;
/** A stepper sends this long after the last tap. */
export const STEPPER_WAIT_MS = 600;

/**
 * One control on its device's card: the value the device reports (always shown), the input of its kind,
 * and what became of its last command, true to what is known. Sends through the outbox, after the
 * question or the hold its confirm setting asks for; disabled, saying why, when it cannot send.
 */
export class ControlCardElement extends LitElement implements ControlInputHost {
  static override styles = [controlStyles, controlCardStyles];

  static override properties = {
    control: { attribute: false },
    reported: { attribute: false },
    answer: { attribute: false },
    command: { attribute: false },
    blocked: { attribute: false },
    now: { attribute: false },
    askAlways: { attribute: false },
    editable: { attribute: false },
    draft: { state: true },
    _asking: { state: true },
    _holding: { state: true },
    _problem: { state: true },
  };
  declare control: ControlDefinition | undefined;
  /** The state topic's last message. */
  declare reported: TopicValue | undefined;
  /** The answer topic's last message. */
  declare answer: TopicValue | undefined;
  /** The control's latest command in the outbox. */
  declare command: OutboxCommand | undefined;
  /** Why it cannot send now (device offline, a viewer tab, a read-only kiosk), or null. */
  declare blocked: string | null;
  declare now: number;
  /** A kiosk: a control that would send at once asks first. */
  declare askAlways: boolean;
  declare editable: boolean;
  /** A setpoint being dragged or stepped, a text being typed: not sent yet. */
  declare draft: string | null;
  /** The value waiting for the user's yes (confirm: ask, or hold for values). */
  declare private _asking: string | null;
  /** The value being held for (confirm: hold), and since when. */
  declare private _holding: { value: string; since: number } | null;
  declare private _problem: string | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  private _holdTimer: ReturnType<typeof setTimeout> | undefined;
  private _stepTimer: ReturnType<typeof setTimeout> | undefined;

  /** Whether it is on screen (it skips clock-only redraws out of view). */
  readonly onScreen = new OnScreen(this);
  constructor() {
    super();
    this.reported = undefined;
    this.answer = undefined;
    this.command = undefined;
    this.blocked = null;
    this.now = Date.now();
    this.askAlways = false;
    this.editable = true;
    this.draft = null;
    this._asking = null;
    this._holding = null;
    this._problem = null;
  }

  /** What the device last reported for this control, as text, or null. */
  get reportedValue(): string | null {
    const control = this.control;
    if (!control || !this.reported) return null;
    return readReported(control, this.reported.payload);
  }

  /** The value the last command asked for while it is still on its way or waiting. */
  get pendingValue(): string | null {
    const control = this.control;
    if (!control) return null;
    const status = controlStatus(control, this.command, this.now);
    return status?.pending ? (this.command?.control?.value ?? null) : null;
  }

  get confirmMode(): ControlDefinition['confirm'] {
    const mode = this.control?.confirm ?? 'never';
    return mode === 'never' && this.askAlways ? 'ask' : mode;
  }

  /** The user chose a value: sent now, or after the question or the hold. */
  request(value: string): void {
    this._problem = null;
    if (this.blocked !== null) return;
    const control = this.control;
    if (!control) return;
    if (control.kind === 'text') {
      const allowed = textAllowed(control.pattern, value);
      if (allowed !== true) {
        this._problem = msg('“{0}” does not match the pattern {1}.', visibleText(value), control.pattern);
        return;
      }
    }
    const mode = this.confirmMode;
    if (mode === 'never') void this.send(value);
    else this._asking = value;
  }

  /** Pressing and holding a switch or a button (confirm: hold): sends after HOLD_MS unless let go. */
  startHold(value: string): void {
    if (this.blocked !== null || this._holding) return;
    this._holding = { value, since: Date.now() };
    this._holdTimer = setTimeout(() => {
      this._holding = null;
      this._asking = null;
      void this.send(value);
    }, HOLD_MS);
  }

  endHold(): void {
    clearTimeout(this._holdTimer);
    this._holding = null;
  }

  get holding(): string | null {
    return this._holding?.value ?? null;
  }

  /** A stepper's tap: the value shown at once, sent STEPPER_WAIT_MS after the last tap. */
  step(direction: -1 | 1): void {
    const control = this.control;
    if (!control || this.blocked !== null) return;
    const from = Number(this.draft ?? this.pendingValue ?? this.reportedValue ?? control.min);
    const next = snapSetpoint(control, (Number.isFinite(from) ? from : control.min) + direction * control.step);
    this.draft = String(next);
    clearTimeout(this._stepTimer);
    this._stepTimer = setTimeout(() => {
      const value = this.draft;
      this.draft = null;
      if (value !== null) this.request(value);
    }, STEPPER_WAIT_MS);
  }

  async send(value: string): Promise<void> {
    const control = this.control;
    const service = this._service.value;
    this._asking = null;
    this.draft = null;
    if (!control || !service) return;
    const problem = await service.sendControl(control.id, value);
    this._problem = problem ? msg('Not sent: {0}', problemWords(problem)) : null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._holdTimer);
    clearTimeout(this._stepTimer);
  }

  /** Out of view, a tick of the clock alone waits until the card is seen (anything else redraws it). */
  protected override shouldUpdate(changed: Map<PropertyKey, unknown>): boolean {
    return !offScreen(this) || changed.size !== 1 || !changed.has('now');
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('blocked') && this.blocked !== null) {
      this._asking = null;
      this.endHold();
    }
  }

  override render() {
    const control = this.control;
    if (!control) return nothing;
    const status = controlStatus(control, this.command, this.now);
    const reported = this.reportedValue;
    const asking = this._asking;
    return html`<section class="control ${status?.tone ?? ''} ${this.blocked === null ? '' : 'blocked'}" aria-label=${control.name} aria-busy=${status?.pending ? 'true' : 'false'}>
      <div class="head">
        <h4 dir="auto">${control.name}</h4>
        ${this.editable
          ? html`<button type="button" class="edit" aria-label=${msg('Edit control {0}', control.name)} title=${msg('Edit this control')} @click=${() => this.dispatchEvent(controlEdit(control.id))}>✎</button>`
          : nothing}
      </div>
      <p class="reported">
        ${control.stateTopic === ''
          ? msg('No state topic: the device’s state is not known')
          : reported === null
            ? msg('Reported: nothing yet')
            : html`${msg('Reported:')} <strong dir="auto">${visibleText(reportedWords(control, reported))}</strong>
                <span class="age" title=${formatTimestamp(this.reported?.receivedAt ?? 0)}>${formatAge(this.now - (this.reported?.receivedAt ?? this.now))}</span>`}
      </p>
      ${controlInput(this, control)}
      ${asking !== null
        ? html`<div class="confirm" role="group" aria-label=${msg('Confirm the command')}>
            <span>${msg('{0}: send {1}?', control.name, valueWords(control, asking))}</span>
            ${this.confirmMode === 'hold'
              ? html`<button type="button" class="primary hold ${this.holding === asking ? 'held' : ''}" @pointerdown=${() => this.startHold(asking)} @pointerup=${() => this.endHold()} @pointerleave=${() => this.endHold()}
                  @keydown=${(event: KeyboardEvent) => (event.key === 'Enter' || event.key === ' ') && !event.repeat && (event.preventDefault(), this.startHold(asking))}
                  @keyup=${() => this.endHold()}>${msg('Hold to send {0}', valueWords(control, asking))}</button>`
              : html`<button type="button" class="primary" @click=${() => void this.send(asking)}>${valueWords(control, asking)}</button>`}
            <button type="button" @click=${() => ((this._asking = null), this.endHold())}>${msg('Cancel')}</button>
          </div>`
        : nothing}
      ${status
        ? html`<p class="status ${status.tone}" role="status" aria-live="off">
            <span>${visibleText(status.text)}</span>
            ${status.retry && this.blocked === null && this.command?.control
              ? html`<button type="button" class="retry" @click=${() => this.request(this.command?.control?.value ?? '')}>${msg('Retry')}</button>`
              : nothing}
          </p>`
        : nothing}
      ${this.answer
        ? html`<p class="answer">${msg('Last answer:')} <span dir="auto">${visibleText(this.answer.payload.text)}</span> <span class="age">${formatAge(this.now - this.answer.receivedAt)}</span></p>`
        : nothing}
      ${this.blocked === null ? nothing : html`<p class="why">⚠ ${this.blocked}</p>`}
      ${this._problem === null ? nothing : html`<p class="problem" role="alert">${this._problem}</p>`}
      <span class="visually-hidden" aria-live="polite">${status ? `${control.name}: ${status.spoken}` : ''}</span>
    </section>`;
  }
}

customElements.define('control-card', ControlCardElement);

declare global {
  interface HTMLElementTagNameMap {
    'control-card': ControlCardElement;
  }
}
