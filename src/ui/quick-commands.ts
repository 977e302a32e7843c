import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { SavedCommand } from '../storage/settings';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { problemWords } from './problem-words';
import { msg } from '../i18n/words';
import { StoreController } from './store-controller';
import { commandNote, type FollowedCommand } from './command-note';

/**
 * A device's quick commands, each showing its target and value (`moteur/commande → 1200`). Each sends as
 * it was saved: at once, after a question (the default), or after being held 1 s; a wall display
 * (`confirm`) asks at least. Says what became of it (queued, sending, delivered, failed), or why it was not sent.
 */
export class QuickCommandsElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
    :host {
      display: block;
    }
    .commands {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin-bottom: 0.6rem;
    }
    .commands button {
      border-color: var(--accent);
      color: var(--accent);
      padding: 0 0.75rem;
    }
    .commands .target {
      font-family: var(--mono);
      font-size: 0.85rem;
    }
    .outcome {
      margin: 0 0 0.6rem;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .outcome {
      color: var(--muted);
    }
    .outcome.refused {
      color: var(--danger);
      font-weight: 600;
    }
    .commands button.held {
      outline: 3px solid var(--warn);
      outline-offset: 2px;
    }
    .confirm {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin: 0 0 0.6rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--warn);
      border-radius: 8px;
    }
  `,
  ];

  static override properties = {
    device: {},
    commands: { attribute: false },
    confirm: { type: Boolean },
    _confirming: { state: true },
    _outcome: { state: true },
    _followed: { state: true },
    _holding: { state: true },
  };
  /** The quick command being held (confirm: hold). */
  declare private _holding: SavedCommand | null;
  private _holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** The device id, for the group's name. */
  declare device: string;
  declare commands: readonly SavedCommand[];
  /** Ask before sending (kiosk). */
  declare confirm: boolean;
  /** The quick command waiting for the user's confirmation, if any. */
  declare private _confirming: SavedCommand | null;
  /** Why the last quick command was not sent. */
  declare private _outcome: { text: string; refused: boolean } | null;
  /** The last quick command sent from here, followed in the outbox. */
  declare private _followed: FollowedCommand | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.device = '';
    this.commands = [];
    this.confirm = false;
    this._confirming = null;
    this._outcome = null;
    this._followed = null;
    this._holding = null;
    new StoreController(this, () => (this._followed ? this._service.value?.outbox.store : undefined));
  }

  /** How a quick command is confirmed: as saved (ask, for those saved before there was a choice); a kiosk asks at least. */
  private _mode(command: SavedCommand): 'never' | 'ask' | 'hold' {
    const mode = command.confirm ?? 'ask';
    return this.confirm && mode === 'never' ? 'ask' : mode;
  }

  private _tap(command: SavedCommand): void {
    const mode = this._mode(command);
    if (mode === 'hold') return;
    this._outcome = null;
    this._followed = null;
    if (mode === 'ask') this._confirming = command;
    else void this._send(command);
  }

  private _hold(command: SavedCommand | null): void {
    clearTimeout(this._holdTimer);
    this._holding = command;
    if (command) this._holdTimer = setTimeout(() => ((this._holding = null), void this._send(command)), 1000);
  }

  private async _send(command: SavedCommand): Promise<void> {
    this._confirming = null;
    const service = this._service.value;
    if (!service) return;
    const target = `${command.topic} → ${command.payload === '' ? msg('(empty)') : command.payload}`;
    const { confirm, ...typed } = command; // how it is confirmed is not part of the command
    const since = Date.now();
    const problem = await service.sendCommand(typed);
    this._followed = problem === null ? { topic: command.topic, since, target } : null;
    this._outcome = problem === null ? null : { text: msg('Not sent: {0}', problemWords(problem)), refused: true };
  }

  override render() {
    const confirming = this._confirming;
    return html`<div class="commands" role="group" aria-label=${msg('Quick commands for {0}', this.device)}>
        ${this.commands.map(
          // One tap sends on the technician's screen; a wall display (kiosk) asks first.
          (command) => {
            const hold = this._mode(command) === 'hold';
            return html`<button
              type="button"
              class=${this._holding === command ? 'held' : ''}
              title=${hold ? msg('Press and hold 1 s to send') : ''}
              @click=${() => this._tap(command)}
              @pointerdown=${() => hold && this._hold(command)}
              @pointerup=${() => hold && this._hold(null)}
              @pointerleave=${() => hold && this._holding === command && this._hold(null)}
              @keydown=${(event: KeyboardEvent) => hold && (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), event.repeat || this._hold(command))}
              @keyup=${() => hold && this._hold(null)}
            >
              <span class="target">${command.topic} →</span> <strong>${command.payload === '' ? msg('(empty)') : command.payload}</strong>
            </button>`;
          },
        )}
      </div>
      ${this.commands.some((command) => this._mode(command) === 'hold') ? html`<p class="note">${msg('Press and hold 1 s to send')}</p>` : nothing}
      ${confirming
        ? html`<p class="confirm" role="group" aria-label=${msg('Confirm the command')}>
            <span>${msg('Send {0} to {1}?', confirming.payload === '' ? msg('(empty payload)') : confirming.payload, confirming.topic)}</span>
            <button type="button" class="primary" @click=${() => void this._send(confirming)}>${msg('Send')}</button>
            <button type="button" @click=${() => (this._confirming = null)}>${msg('Cancel')}</button>
          </p>`
        : nothing}
      ${this._outcomeView()}`;
  }

  private _outcomeView() {
    const outcome = this._outcome ?? (this._followed ? commandNote(this._service.value?.outbox.store, this._followed) : null);
    return outcome ? html`<p class="outcome ${outcome.refused ? 'refused' : ''}" role=${outcome.refused ? 'alert' : 'status'}>${outcome.text}</p>` : nothing;
  }
}

customElements.define('quick-commands', QuickCommandsElement);

declare global {
  interface HTMLElementTagNameMap {
    'quick-commands': QuickCommandsElement;
  }
}
