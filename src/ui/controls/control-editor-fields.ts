/** The fields of each kind of control in its editor, and the kinds' names. */
import { html, type TemplateResult } from 'lit';
import type { ControlDefinition, ControlKind } from '../../controls/control-definition';
import { msg } from '../../i18n/words';

export function kindWords(kind: ControlKind): string {
  switch (kind) {
    case 'switch':
      return msg('Switch (two states)');
    case 'button':
      return msg('Button (one payload per press)');
    case 'setpoint':
      return msg('Setpoint (a number)');
    case 'choice':
      return msg('Choice (one of a list)');
    case 'text':
      return msg('Text');
  }
}

const field = (label: string, name: string, value: string, placeholder = '') =>
  html`<label>${label} <input name=${name} spellcheck="false" autocapitalize="off" .value=${value} placeholder=${placeholder} /></label>`;

const templateField = (control: ControlDefinition) => field(msg('Payload ({value} stands for the value)'), 'template', control.template, '{"consigne": {value}}');

export function kindFields(kind: ControlKind, control: ControlDefinition): TemplateResult {
  switch (kind) {
    case 'switch':
      return html`${field(msg('Payload for on'), 'onPayload', control.onPayload, 'start')} ${field(msg('Payload for off'), 'offPayload', control.offPayload, 'stop')}
      ${field(msg('Reported values meaning on (comma between)'), 'onStates', control.onStates.join(', '), 'en marche')}
      ${field(msg('Reported values meaning off (comma between)'), 'offStates', control.offStates.join(', '), 'arrêtée')}`;
    case 'button':
      return html`${field(msg('Payload sent by a press'), 'onPayload', control.onPayload, 'start')}
      ${field(msg('Reported values confirming a press (optional)'), 'onStates', control.onStates.join(', '), 'en marche')}`;
    case 'setpoint':
      return html`${field(msg('Minimum'), 'min', String(control.min))} ${field(msg('Maximum'), 'max', String(control.max))} ${field(msg('Step'), 'step', String(control.step))}
      ${field(msg('Unit'), 'unit', control.unit, 'rpm')}
      <label
        >${msg('Shown as')}
        <select name="style">
          <option value="slider" ?selected=${control.slider}>${msg('Slider (sends on release)')}</option>
          <option value="stepper" ?selected=${!control.slider}>${msg('Stepper (sends 0.6 s after the last tap)')}</option>
        </select>
      </label>
      ${templateField(control)}`;
    case 'choice':
      return html`<label
          >${msg('Options (one per line)')}
          <textarea name="options" spellcheck="false" autocapitalize="off" .value=${control.options.join('\n')}></textarea>
        </label>
        ${templateField(control)}`;
    case 'text':
      return html`${field(msg('Pattern (regular expression, optional)'), 'pattern', control.pattern, '[A-Z0-9-]{1,20}')} ${templateField(control)}`;
  }
}
