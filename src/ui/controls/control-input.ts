/**
 * The input of each kind of control, drawn inside <control-card>: a switch (`role="switch"`, checked as the
 * device reports), a button, a setpoint (a slider that sends on release, or a stepper that sends 600 ms
 * after the last tap), a choice (a select), a text (a field and Send).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ControlDefinition } from '../../controls/control-definition';
import { PRESS, snapSetpoint } from '../../controls/control-payload';
import { msg } from '../../i18n/words';
import { numberWords, switchShows, valueWords } from './control-status';

/** What an input needs from its card. */
export interface ControlInputHost {
  readonly reportedValue: string | null;
  readonly pendingValue: string | null;
  readonly confirmMode: ControlDefinition['confirm'];
  readonly blocked: string | null;
  readonly holding: string | null;
  draft: string | null;
  request(value: string): void;
  startHold(value: string): void;
  endHold(): void;
  step(direction: -1 | 1): void;
}

export function controlInput(host: ControlInputHost, control: ControlDefinition): TemplateResult | typeof nothing {
  switch (control.kind) {
    case 'switch':
      return switchInput(host, control);
    case 'button':
      return pressable(host, PRESS, html`<span class="visually-hidden">${control.name}</span> ${valueWords(control, PRESS)}`, {});
    case 'setpoint':
      return control.slider ? sliderInput(host, control) : stepperInput(host, control);
    case 'choice':
      return choiceInput(host, control);
    case 'text':
      return textInput(host, control);
  }
}

/** A button that sends `value` on a tap, or, with confirm: hold, after being held 1 s. */
function pressable(host: ControlInputHost, value: string, content: TemplateResult, attributes: { role?: string; checked?: string }) {
  const hold = host.confirmMode === 'hold';
  const disabled = host.blocked !== null;
  return html`<div class="row">
    <button
      type="button"
      class="${host.holding === value ? 'holding' : ''} ${attributes.role === 'switch' ? '' : 'primary'}"
      role=${attributes.role ?? 'button'}
      aria-checked=${attributes.checked ?? nothing}
      ?disabled=${disabled}
      @click=${() => !hold && host.request(value)}
      @pointerdown=${() => hold && host.startHold(value)}
      @pointerup=${() => hold && host.endHold()}
      @pointerleave=${() => hold && host.endHold()}
      @keydown=${(event: KeyboardEvent) => {
        if (!hold || (event.key !== 'Enter' && event.key !== ' ')) return;
        event.preventDefault();
        if (!event.repeat) host.startHold(value);
      }}
      @keyup=${() => hold && host.endHold()}
    >
      ${content}
    </button>
    ${hold ? html`<span class="note">${host.holding === value ? msg('Keep holding…') : msg('Press and hold 1 s to send')}</span>` : nothing}
  </div>`;
}

function switchInput(host: ControlInputHost, control: ControlDefinition) {
  const shows = switchShows(control, host.reportedValue);
  const pending = host.pendingValue;
  const wish = pending === 'on' || pending === 'off' ? pending : null;
  // A tap asks for the opposite of what is shown, or of what is on its way.
  const next = (wish ?? shows) === 'on' ? 'off' : 'on';
  const state = shows === 'unknown' ? msg('state unknown') : shows === 'on' ? msg('On') : msg('Off');
  const content = html`<span class="track" aria-hidden="true"></span><span class="visually-hidden">${control.name}</span><span>${state}</span>${wish ? html`<span class="note">→ ${valueWords(control, wish)}…</span>` : nothing}`;
  return html`<div class=${shows === 'unknown' ? 'unknown' : ''}>
    ${pressable(host, next, content, { role: 'switch', checked: shows === 'on' ? 'true' : 'false' })}
  </div>`;
}

function sliderInput(host: ControlInputHost, control: ControlDefinition) {
  const shown = host.draft ?? host.pendingValue ?? host.reportedValue ?? String(control.min);
  const value = Number.isFinite(Number(shown)) ? shown : String(control.min);
  return html`<div class="row">
    <input
      type="range"
      min=${control.min}
      max=${control.max}
      step=${control.step}
      .value=${value}
      aria-label=${control.name}
      aria-valuetext=${numberWords(control, value)}
      ?disabled=${host.blocked !== null}
      @input=${(event: Event) => (host.draft = (event.target as HTMLInputElement).value)}
      @change=${(event: Event) => {
        const chosen = String(snapSetpoint(control, Number((event.target as HTMLInputElement).value)));
        host.draft = null;
        host.request(chosen);
      }}
    />
    <output class="wish">${numberWords(control, value)}</output>
  </div>`;
}

function stepperInput(host: ControlInputHost, control: ControlDefinition) {
  const shown = host.draft ?? host.pendingValue ?? host.reportedValue ?? String(control.min);
  const value = Number.isFinite(Number(shown)) ? Number(shown) : control.min;
  const disabled = host.blocked !== null;
  return html`<div class="row">
    <button type="button" aria-label=${msg('Decrease {0}', control.name)} ?disabled=${disabled} @click=${() => host.step(-1)}>−</button>
    <div
      class="spin"
      role="spinbutton"
      tabindex=${disabled ? '-1' : '0'}
      aria-label=${control.name}
      aria-valuenow=${value}
      aria-valuemin=${control.min}
      aria-valuemax=${control.max}
      aria-valuetext=${numberWords(control, String(value))}
      aria-disabled=${disabled ? 'true' : 'false'}
      @keydown=${(event: KeyboardEvent) => {
        const direction = event.key === 'ArrowUp' || event.key === 'ArrowRight' ? 1 : event.key === 'ArrowDown' || event.key === 'ArrowLeft' ? -1 : 0;
        if (direction === 0) return;
        event.preventDefault();
        host.step(direction);
      }}
    >
      ${numberWords(control, String(value))}
    </div>
    <button type="button" aria-label=${msg('Increase {0}', control.name)} ?disabled=${disabled} @click=${() => host.step(1)}>+</button>
  </div>`;
}

function choiceInput(host: ControlInputHost, control: ControlDefinition) {
  const current = host.pendingValue ?? host.reportedValue;
  const known = current !== null && control.options.some((option) => option.trim().toLowerCase() === current.trim().toLowerCase());
  return html`<div class="row">
    <select
      aria-label=${control.name}
      ?disabled=${host.blocked !== null}
      @change=${(event: Event) => {
        const select = event.target as HTMLSelectElement;
        host.request(select.value);
      }}
    >
      ${known ? nothing : html`<option value="" disabled selected>${msg('(choose)')}</option>`}
      ${control.options.map((option) => html`<option .value=${option} ?selected=${known && option.trim().toLowerCase() === current.trim().toLowerCase()}>${option}</option>`)}
    </select>
  </div>`;
}

function textInput(host: ControlInputHost, control: ControlDefinition) {
  const disabled = host.blocked !== null;
  return html`<form
    class="row"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      const input = (event.target as HTMLFormElement).querySelector('input');
      host.request(input?.value ?? '');
    }}
  >
    <input type="text" aria-label=${control.name} spellcheck="false" autocapitalize="off" ?disabled=${disabled} />
    <button type="submit" class="primary" ?disabled=${disabled}>${msg('Send')}</button>
  </form>`;
}
