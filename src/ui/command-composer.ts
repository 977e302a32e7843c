import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { DEFAULT_REPLY_TIMEOUT_SECONDS, parseCommandOptions } from '../app/command-options';
import { topicNameProblem } from '../mqtt/topic-filter';
import type { NewCommand } from '../storage/outbox-command';
import type { SavedCommand } from '../storage/settings';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { qosField } from './qos-field';
import { StoreController } from './store-controller';
import type { QoS } from '../shared/types';
import { problemWords } from './problem-words';
import { msg } from '../i18n/words';


/** Topic, payload, QoS, retain, Send: the command goes to the outbox first, then to the broker. */
export class CommandComposerElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      /* "Send this?" with its answers, right where the command was asked for. */
      .confirm {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        margin: 0.5rem 0;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--warn);
        border-radius: 8px;
      }
      form {
        display: grid;
        gap: 0.6rem;
        grid-template-columns: 1fr 1fr;
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
        min-height: 3.5rem;
        resize: vertical;
      }
      details {
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 0 0.6rem 0.6rem;
      }
      details[open] {
        display: grid;
        gap: 0.6rem;
      }
      summary {
        min-height: 44px;
        display: flex;
        align-items: center;
        cursor: pointer;
        color: var(--muted);
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .done {
        color: var(--ok);
        font-size: 0.9rem;
        margin: 0.25rem 0 0;
        overflow-wrap: anywhere;
      }
      h3 {
        font-size: 0.9rem;
        margin: 0.9rem 0 0.4rem;
        color: var(--muted);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      li {
        display: flex;
      }
      li button:first-child {
        border-radius: 6px 0 0 6px;
        font-family: var(--mono);
        font-size: 0.85rem;
      }
      li button + button {
        border-radius: 0 6px 6px 0;
        border-left: none;
      }
    `,
  ];

  static override properties = { _problem: { state: true }, _done: { state: true }, _busy: { state: true }, _confirmEmpty: { state: true } };
  declare private _problem: string | null;
  declare private _done: string | null;
  declare private _busy: boolean;
  /** A command with an empty payload, waiting for the user to confirm it. */
  declare private _confirmEmpty: NewCommand | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._service.value?.status);
    this._problem = null;
    this._done = null;
    this._busy = false;
    this._confirmEmpty = null;
  }

  override render() {
    const saved = this._service.value?.settings.state.savedCommands ?? [];
    // MQTT 3.1.1 has no message properties: the options are hidden while connected over it.
    const mqtt311 = this._service.value?.status.state.protocol === '3.1.1';
    return html`<h2>${msg('Send a command')}</h2>
      <form @submit=${this._onSubmit} @input=${() => (this._problem = this._done = this._confirmEmpty = null)} novalidate>
        <label class="wide">${msg('Topic')} <input name="topic" spellcheck="false" autocapitalize="off" placeholder="moteur/commande" /></label>
        <label class="wide">${msg('Payload')} <textarea name="payload" spellcheck="false" autocapitalize="off" placeholder="start"></textarea></label>
        ${qosField()}
        <label class="inline"><input name="retain" type="checkbox" /> ${msg('Retain')}</label>
        ${mqtt311
          ? nothing
          : html`<details class="wide">
              <summary>${msg('MQTT 5 options')}</summary>
              <label>${msg('Message expiry (s)')} <input name="expiry" inputmode="numeric" placeholder=${msg('none')} /></label>
              <label
                >${msg('User properties (key=value, one per line)')}
                <textarea name="userProperties" spellcheck="false" autocapitalize="off" placeholder="operator=anna"></textarea>
              </label>
              <label class="inline"><input name="askForReply" type="checkbox" /> ${msg('Ask for a reply')}</label>
              <label>${msg('Reply timeout (s)')} <input name="replyTimeout" inputmode="numeric" placeholder=${String(DEFAULT_REPLY_TIMEOUT_SECONDS)} /></label>
            </details>`}
        <div class="actions wide">
          <button class="primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>${msg('Send')}</button>
          <button type="button" @click=${this._onSave}>${msg('Save as quick command')}</button>
          <label class="inline"
            >${msg('Its tap')}
            <select name="confirm">
              <option value="ask" selected>${msg('Ask first')}</option>
              <option value="hold">${msg('Hold 1 s')}</option>
              <option value="never">${msg('Send at once')}</option>
            </select>
          </label>
        </div>
      </form>
      ${this._confirmEmpty
        ? html`<p class="confirm" role="group" aria-label=${msg('Confirm the empty payload')}>
            <span
              >${msg('Send an empty payload to {0}?', this._confirmEmpty.topic)}${this._confirmEmpty.retain
                ? ` ${msg('Retained and empty, it deletes the retained value of this topic on the broker.')}`
                : ''}</span
            >
            <button type="button" class="primary" @click=${this._sendEmpty}>${msg('Send empty')}</button>
            <button type="button" @click=${() => (this._confirmEmpty = null)}>${msg('Cancel')}</button>
          </p>`
        : nothing}
      <p class="problem" role="alert">${this._problem ?? ''}</p>
      <p class="done" role="status">${this._done ?? ''}</p>
      ${saved.length === 0
        ? nothing
        : html`<h3>${msg('Quick commands')}</h3>
            <ul aria-label=${msg('Quick commands')}>
              ${saved.map(
                (command) => html`<li>
                  <button type="button" @click=${() => this._send(command)}>
                    ${command.topic} → ${command.payload}
                  </button>
                  <button type="button" aria-label=${msg('Forget {0} to {1}', command.payload, command.topic)} @click=${() => void this._service.value?.preferences().then((preferences) => preferences.forgetCommand(command))}>
                    ✕
                  </button>
                </li>`,
              )}
            </ul>`}`;
  }

  private _read(): SavedCommand {
    const data = new FormData(this.renderRoot.querySelector('form') as HTMLFormElement);
    return {
      topic: String(data.get('topic') ?? ''),
      payload: String(data.get('payload') ?? ''),
      qos: Number(data.get('qos')) as QoS,
      retain: data.get('retain') === 'on',
      confirm: String(data.get('confirm') ?? 'ask') as NonNullable<SavedCommand['confirm']>,
    };
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    // While one is being stored, Send waits (it keeps the focus: a disabled button would drop it).
    if (this._busy) return;
    const data = new FormData(this.renderRoot.querySelector('form') as HTMLFormElement);
    const options = parseCommandOptions({
      expiry: String(data.get('expiry') ?? ''),
      userProperties: String(data.get('userProperties') ?? ''),
      askForReply: data.get('askForReply') === 'on',
      replyTimeout: String(data.get('replyTimeout') ?? ''),
    });
    if ('problem' in options) {
      this._problem = options.problem;
      return;
    }
    const command = { ...this._read(), ...options };
    // An empty payload is easy to send by mistake (and, retained, it clears the topic): ask first.
    if (command.payload === '' && topicNameProblem(command.topic) === null) {
      this._confirmEmpty = command;
      return;
    }
    void this._send(command);
  }

  private _sendEmpty(): void {
    const command = this._confirmEmpty;
    this._confirmEmpty = null;
    if (command) void this._send(command);
  }

  private _onSave(): void {
    const command = this._read();
    if (command.topic.trim() === '' || command.topic.includes('+') || command.topic.includes('#')) {
      this._problem = msg('Give an exact topic (no wildcards) before saving a quick command.');
      return;
    }
    void this._service.value?.preferences().then((preferences) => preferences.saveCommand(command));
    this._done = msg('Saved: {0} → {1}', command.topic, command.payload);
  }

  /** The form keeps what was typed when the command is refused, so nothing is lost. */
  private async _send(typed: NewCommand & { confirm?: unknown }): Promise<void> {
    const { confirm, ...command } = typed; // how a quick command's tap is confirmed is not part of the command
    const service = this._service.value;
    if (!service) return;
    this._busy = true;
    this._problem = this._done = null;
    try {
      const problem = await service.sendCommand(command);
      this._problem = problem ? problemWords(problem) : null;
      this._done = problem ? null : msg('Queued in the outbox: {0} → {1}', command.topic, shorten(command.payload));
    } finally {
      this._busy = false;
    }
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

customElements.define('command-composer', CommandComposerElement);

declare global {
  interface HTMLElementTagNameMap {
    'command-composer': CommandComposerElement;
  }
}
