import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { controlProblem } from '../../app/control-check';
import { CONTROL_KINDS, type ConfirmMode, type ControlDefinition, type ControlKind } from '../../controls/control-definition';
import type { QoS } from '../../shared/types';
import { msg } from '../../i18n/words';
import { dashboardContext } from '../dashboard-context';
import { dialogStyles } from '../panel-styles';
import { controlStyles } from '../shared-styles';
import { kindFields, kindWords } from './control-editor-fields';

/**
 * A control's settings in a dialog: made from a tile or a device card (a first draft is given), or
 * changed from its card. Checked field by field as a layout file is: a problem names the field and keeps
 * what was typed. Loaded on first use.
 */
export class ControlEditorElement extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.75rem;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      }
      .wide {
        grid-column: 1 / -1;
      }
      textarea {
        font: inherit;
        font-family: var(--mono);
        color: var(--text);
        background: var(--field);
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 0.5rem 0.6rem;
        min-height: 4rem;
      }
      fieldset {
        border: 1px solid var(--border);
        border-radius: 6px;
        display: grid;
        gap: 0.6rem;
        grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
      }
      legend {
        color: var(--muted);
        font-size: 0.85rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  static override properties = { control: { attribute: false }, isNew: { attribute: false }, _kind: { state: true }, _problem: { state: true } };
  /** The draft or the control being changed. */
  declare control: ControlDefinition | undefined;
  declare isNew: boolean;
  declare private _kind: ControlKind | null;
  declare private _problem: string | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.isNew = true;
    this._kind = null;
    this._problem = null;
  }

  open(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private _close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render() {
    const control = this.control;
    if (!control) return nothing;
    const kind = this._kind ?? control.kind;
    const title = this.isNew ? msg('New control') : msg('Control: {0}', control.name);
    return html`<dialog aria-label=${title} @close=${() => this.dispatchEvent(new Event('close'))}>
      <header>
        <h2>${title}</h2>
        <button type="button" @click=${this._close}>${msg('Close')}</button>
      </header>
      <form @submit=${this._onSubmit} @input=${() => (this._problem = null)} novalidate>
        <label>${msg('Name')} <input name="name" .value=${control.name} placeholder=${msg('Pump')} /></label>
        <label
          >${msg('Kind')}
          <select name="kind" @change=${(event: Event) => (this._kind = (event.target as HTMLSelectElement).value as ControlKind)}>
            ${CONTROL_KINDS.map((candidate) => html`<option value=${candidate} ?selected=${candidate === kind}>${kindWords(candidate)}</option>`)}
          </select>
        </label>
        <label class="wide">${msg('Command topic')} <input name="commandTopic" spellcheck="false" autocapitalize="off" .value=${control.commandTopic} placeholder="pompe/commande" /></label>
        <label>${msg('State topic (where the device reports)')} <input name="stateTopic" spellcheck="false" autocapitalize="off" .value=${control.stateTopic} placeholder="pompe/état" /></label>
        <label>${msg('Path in its JSON (optional)')} <input name="statePath" spellcheck="false" autocapitalize="off" .value=${control.statePath} placeholder="state" /></label>
        <label class="wide">${msg('Answer topic (optional)')} <input name="answerTopic" spellcheck="false" autocapitalize="off" .value=${control.answerTopic} placeholder="pompe/dernière-commande" /></label>
        <fieldset class="wide">
          <legend>${kindWords(kind)}</legend>
          ${kindFields(kind, control)}
        </fieldset>
        <label
          >${msg('Before sending')}
          <select name="confirm">
            ${(['never', 'ask', 'hold'] as const).map((mode) => html`<option value=${mode} ?selected=${mode === control.confirm}>${confirmWords(mode)}</option>`)}
          </select>
        </label>
        <label
          >${msg('QoS')}
          <select name="qos">
            ${([0, 1, 2] as const).map((qos) => html`<option value=${qos} ?selected=${qos === control.qos}>${qos}</option>`)}
          </select>
        </label>
        <label>${msg('Answer timeout (s)')} <input name="timeoutSeconds" inputmode="numeric" .value=${String(control.timeoutSeconds)} /></label>
        <label>${msg('Message expiry (s)')} <input name="expirySeconds" inputmode="numeric" placeholder=${msg('none')} .value=${control.expirySeconds === null ? '' : String(control.expirySeconds)} /></label>
        <label class="inline"><input name="retain" type="checkbox" ?checked=${control.retain} /> ${msg('Retain')}</label>
        <label class="inline"
          ><input name="everyCommand" type="checkbox" ?checked=${control.everyCommand} /> ${msg('Send every command (off: a newer one replaces an older one still queued)')}</label
        >
        <p class="problem wide" role="alert">${this._problem ?? ''}</p>
        <div class="actions wide">
          <button class="primary" type="submit">${msg('Save')}</button>
          ${this.isNew ? nothing : html`<button type="button" @click=${this._remove}>${msg('Remove this control')}</button>`}
          <button type="button" @click=${this._close}>${msg('Cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private _read(): ControlDefinition | null {
    const control = this.control;
    const form = this.renderRoot.querySelector('form');
    if (!control || !form) return null;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '');
    const list = (name: string, separator: RegExp) =>
      text(name)
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    const number = (name: string, fallback: number) => {
      const value = text(name).trim().replace(',', '.');
      return value === '' ? fallback : Number(value);
    };
    const kind = text('kind') as ControlKind;
    const expiry = text('expirySeconds').trim();
    return {
      ...control,
      kind,
      name: text('name').trim(),
      commandTopic: text('commandTopic').trim(),
      stateTopic: text('stateTopic').trim(),
      statePath: text('statePath').trim(),
      answerTopic: text('answerTopic').trim(),
      onPayload: data.has('onPayload') ? text('onPayload') : control.onPayload,
      offPayload: data.has('offPayload') ? text('offPayload') : control.offPayload,
      onStates: data.has('onStates') ? list('onStates', /,/) : control.onStates,
      offStates: data.has('offStates') ? list('offStates', /,/) : control.offStates,
      min: data.has('min') ? number('min', Number.NaN) : control.min,
      max: data.has('max') ? number('max', Number.NaN) : control.max,
      step: data.has('step') ? number('step', Number.NaN) : control.step,
      unit: data.has('unit') ? text('unit').trim() : control.unit,
      slider: data.has('style') ? text('style') === 'slider' : control.slider,
      options: data.has('options') ? list('options', /\n/) : control.options,
      pattern: data.has('pattern') ? text('pattern') : control.pattern,
      template: data.has('template') ? text('template') : control.template,
      qos: Number(text('qos')) as QoS,
      retain: data.get('retain') === 'on',
      confirm: text('confirm') as ConfirmMode,
      timeoutSeconds: number('timeoutSeconds', Number.NaN),
      everyCommand: data.get('everyCommand') === 'on',
      expirySeconds: expiry === '' ? null : Number(expiry),
    };
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const control = this._read();
    if (!control) return;
    const problem = controlProblem(control);
    if (problem) {
      this._problem = problem.text;
      this.renderRoot.querySelector<HTMLElement>(`[name="${problem.field}"]`)?.focus();
      return;
    }
    void this._service.value?.preferences().then((preferences) => preferences.saveControl(control));
    this._close();
  }

  private _remove(): void {
    const id = this.control?.id;
    if (id !== undefined) void this._service.value?.preferences().then((preferences) => preferences.removeControl(id));
    this._close();
  }
}

export function confirmWords(mode: ConfirmMode): string {
  return mode === 'never' ? msg('Send at once') : mode === 'ask' ? msg('Ask first') : msg('Hold 1 s');
}

customElements.define('control-editor', ControlEditorElement);

declare global {
  interface HTMLElementTagNameMap {
    'control-editor': ControlEditorElement;
  }
}
