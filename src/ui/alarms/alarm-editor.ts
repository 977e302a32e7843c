import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import {
  ALARM_KINDS,
  ALARM_PRIORITIES,
  alarmProblem,
  isLimit,
  newAlarm,
  readsTopic,
  type AlarmDefinition,
  type AlarmFieldProblem,
  type AlarmKind,
  type AlarmPriority,
} from '../../alarms/alarm-definition';
import { msg } from '../../i18n/words';
import { randomId } from '../../storage/settings';
import { dashboardContext } from '../dashboard-context';
import { dialogStyles } from '../panel-styles';
import { controlStyles } from '../shared-styles';
import { kindWord, priorityShape, priorityWord } from './alarm-words';

/** What is wrong with a field, in words that name it. */
export function alarmProblemWords(problem: AlarmFieldProblem): string {
  const field = fieldName(problem.field);
  switch (problem.kind) {
    case 'missing':
      return problem.field === 'topic' ? msg('Topic: give the topic of the value to watch.') : problem.field === 'device' ? msg('Device: give the device’s id, as the Presence panel names it.') : msg('Text: give the text to compare the value with.');
    case 'wildcard':
      return msg('Topic: an alarm watches one topic: no + or # in it.');
    case 'not-a-number':
      return msg('{0}: write a number (1.5 or 1,5).', field);
    case 'negative':
      return msg('{0}: it cannot be negative.', field);
    case 'too-long':
      return msg('{0}: at most 86400 seconds (a day).', field);
  }
}

function fieldName(field: AlarmFieldProblem['field']): string {
  switch (field) {
    case 'topic':
      return msg('Topic');
    case 'device':
      return msg('Device');
    case 'limit':
      return msg('Limit');
    case 'deadband':
      return msg('Deadband');
    case 'text':
      return msg('Text');
    case 'silenceSeconds':
      return msg('Silence (s)');
    case 'onDelaySeconds':
      return msg('On-delay (s)');
    case 'offDelaySeconds':
      return msg('Off-delay (s)');
  }
}

/** A number as typed: a decimal comma is read as a point; empty is not a number. */
function typedNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/**
 * An alarm's settings in a dialog, made from a tile or from the Alarms settings: its kind, limit and deadband
 * (or text, device, silence), delays, priority and message. Checked field by field; a problem names the field
 * and keeps what was typed.
 */
export class AlarmEditorElement extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.75rem;
        grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
      }
      .wide {
        grid-column: 1 / -1;
      }
      .hint {
        color: var(--muted);
        font-size: 0.8rem;
      }
      .problem {
        color: var(--danger);
        font-weight: 600;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  static override properties = { _alarm: { state: true }, _isNew: { state: true }, _problem: { state: true }, _open: { state: true } };
  /** The form is drawn only while open: each opening starts from the alarm's own values. */
  declare private _open: boolean;
  declare private _alarm: AlarmDefinition;
  declare private _isNew: boolean;
  declare private _problem: string;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this._alarm = newAlarm({ kind: 'high' }, '');
    this._isNew = true;
    this._problem = '';
    this._open = false;
  }

  /** Opens for a new alarm (fields given by the tile), or for one to change. */
  async open(alarm: AlarmDefinition | Partial<AlarmDefinition>): Promise<void> {
    const existing = 'id' in alarm && alarm.id ? this._service.value?.settings.state.alarms.find((saved) => saved.id === alarm.id) : undefined;
    this._isNew = !existing;
    this._alarm = existing ?? newAlarm({ kind: 'high', ...alarm }, `alarm-${randomId()}`);
    this._problem = '';
    this._open = false;
    await this.updateComplete;
    this._open = true;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private _close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render() {
    const alarm = this._alarm;
    const kind = alarm.kind;
    const title = this._isNew ? msg('Add an alarm') : msg('Change the alarm');
    const devices = this._service.value?.presence.list() ?? [];
    if (!this._open) return html`<dialog aria-label=${title}></dialog>`;
    return html`<dialog aria-label=${title} @close=${() => (this._open = false)}>
      <header>
        <h2>${title}</h2>
        <button type="button" @click=${this._close}>${msg('Cancel')}</button>
      </header>
      <form @submit=${this._onSubmit} @change=${this._onKindChange} novalidate>
        <label
          >${msg('Kind')}
          <select name="kind">
            ${ALARM_KINDS.map((each) => html`<option value=${each} ?selected=${each === kind}>${kindWord(each)}</option>`)}
          </select></label
        >
        <label
          >${msg('Priority')}
          <select name="priority">
            ${ALARM_PRIORITIES.map((each) => html`<option value=${each} ?selected=${each === alarm.priority}>${priorityShape(each)} ${priorityWord(each)}</option>`)}
          </select></label
        >
        ${readsTopic(kind)
          ? html`<label class="wide">${msg('Topic')} <input name="topic" .value=${alarm.topic} autocomplete="off" /></label>
              <label class="wide"
                >${msg('Value inside a JSON payload (optional)')} <input name="path" .value=${alarm.path} placeholder="mesures.vitesse" autocomplete="off"
              /></label>`
          : html`<label class="wide"
              >${msg('Device')}
              <input name="device" list="alarm-devices" .value=${alarm.device} autocomplete="off" />
              <datalist id="alarm-devices">${devices.map((device) => html`<option value=${device.id}></option>`)}</datalist></label
            >`}
        ${isLimit(kind)
          ? html`<label>${msg('Limit')} <input name="limit" inputmode="decimal" .value=${String(alarm.limit)} /></label>
              <label
                >${msg('Deadband')} <input name="deadband" inputmode="decimal" .value=${String(alarm.deadband)} />
                <span class="hint">${msg('How far back past the limit the value must come to return to normal.')}</span></label
              >`
          : nothing}
        ${kind === 'equals' || kind === 'differs' ? html`<label class="wide">${msg('Text')} <input name="text" .value=${alarm.text} placeholder="défaut" /></label>` : nothing}
        ${kind === 'no-data' ? html`<label>${msg('Silence (s)')} <input name="silenceSeconds" inputmode="numeric" .value=${String(alarm.silenceSeconds)} /></label>` : nothing}
        <label
          >${msg('On-delay (s)')} <input name="onDelaySeconds" inputmode="decimal" .value=${String(alarm.onDelaySeconds)} />
          <span class="hint">${msg('A condition shorter than this raises nothing.')}</span></label
        >
        <label
          >${msg('Off-delay (s)')} <input name="offDelaySeconds" inputmode="decimal" .value=${String(alarm.offDelaySeconds)} />
          <span class="hint">${msg('A return shorter than this keeps the alarm raised.')}</span></label
        >
        <label class="wide">${msg('Message')} <input name="message" .value=${alarm.message} maxlength="200" placeholder=${msg('Motor temperature too high')} /></label>
        ${this._problem ? html`<p class="problem wide" role="alert">${this._problem}</p>` : nothing}
        <div class="actions wide">
          <button class="primary" type="submit">${msg('Save the alarm')}</button>
          ${this._isNew ? nothing : html`<button type="button" @click=${this._remove}>${msg('Remove the alarm')}</button>`}
        </div>
      </form>
    </dialog>`;
  }

  /** The kind changed: the fields it needs are shown, what was typed elsewhere is kept. */
  private _onKindChange(event: Event): void {
    const target = event.target as HTMLSelectElement;
    if (target.name !== 'kind') return;
    this._alarm = { ...this._read(), kind: target.value as AlarmKind };
  }

  private _read(): AlarmDefinition {
    const form = this.renderRoot.querySelector('form');
    if (!form) return this._alarm;
    const data = new FormData(form);
    const text = (name: string, fallback: string) => (data.has(name) ? String(data.get(name)) : fallback);
    const number = (name: keyof AlarmDefinition, fallback: number) => (data.has(name) ? typedNumber(String(data.get(name))) : fallback);
    const before = this._alarm;
    return {
      ...before,
      kind: text('kind', before.kind) as AlarmKind,
      priority: text('priority', before.priority) as AlarmPriority,
      topic: text('topic', before.topic).trim(),
      path: text('path', before.path).trim(),
      device: text('device', before.device).trim(),
      limit: number('limit', before.limit),
      deadband: number('deadband', before.deadband),
      text: text('text', before.text),
      silenceSeconds: number('silenceSeconds', before.silenceSeconds),
      onDelaySeconds: number('onDelaySeconds', before.onDelaySeconds),
      offDelaySeconds: number('offDelaySeconds', before.offDelaySeconds),
      message: text('message', before.message).trim(),
    };
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const alarm = this._read();
    const problem = alarmProblem(alarm);
    if (problem) {
      this._alarm = alarm;
      this._problem = alarmProblemWords(problem);
      return;
    }
    void this._service.value?.preferences().then((preferences) => preferences.saveAlarm(alarm));
    this._close();
  }

  private _remove(): void {
    const id = this._alarm.id;
    void this._service.value?.preferences().then((preferences) => preferences.removeAlarm(id));
    this._close();
  }
}

customElements.define('alarm-editor', AlarmEditorElement);

/**
 * Opens the editor, for a new alarm (fields given, as a tile's topic) or for the alarm with that id: one
 * editor per shadow root (under the dashboard's context), added there the first time.
 */
export async function openAlarmEditor(near: Node, fields: Partial<AlarmDefinition>): Promise<void> {
  const root = near.getRootNode() as ShadowRoot | Document;
  const host = root instanceof Document ? root.body : root;
  const editor = root.querySelector<AlarmEditorElement>('alarm-editor') ?? host.appendChild(new AlarmEditorElement());
  await editor.open(fields);
}
