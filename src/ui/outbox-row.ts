/**
 * One command of the outbox: what it sends, its state in words, its reply. A leaf: it shows its properties
 * and raises `command-action` (Cancel a queued command, Retry a failed or cancelled one); the outbox panel
 * acts on it. Broker data (replies) and typed payloads are rendered as text only.
 */
import { visibleTopic } from './safe-text';
import { LitElement, css, html, nothing } from 'lit';
import type { OutboxCommand } from '../storage/outbox-command';
import { formatTime } from './format';
import { problemWords } from './problem-words';
import { controlStyles } from './shared-styles';
import { msg, translated } from '../i18n/words';

export class CommandActionEvent extends Event {
  constructor(
    readonly action: 'cancel' | 'retry' | 'give-up',
    readonly seq: number,
  ) {
    super('command-action', { bubbles: true, composed: true });
  }
}

export class OutboxRowElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.4rem 0.6rem;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.1rem 0.5rem;
        align-items: center;
      }
      .what {
        font-family: var(--mono);
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      .state {
        grid-column: 1;
        font-size: 0.85rem;
      }
      .queued,
      .sending {
        color: var(--warn);
      }
      .delivered {
        color: var(--ok);
      }
      .failed {
        color: var(--danger);
      }
      .cancelled {
        color: var(--muted);
      }
      .reply {
        grid-column: 1;
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      .reply.received {
        color: var(--ok);
      }
      .reply.none {
        color: var(--danger);
      }
      button {
        grid-row: 1 / span 2;
        grid-column: 2;
      }
    `,
  ];

  static override properties = { command: { attribute: false }, device: {} };
  declare command: OutboxCommand | undefined;
  /** Who answers this command's replies when the reply does not say: the device its topic belongs to. */
  declare device: string | undefined;

  override willUpdate(): void {
    const command = this.command;
    this.setAttribute('role', 'listitem');
    if (command) this.setAttribute('aria-label', `${visibleTopic(command.topic)} ${shortPayload(command.payload)}`);
  }

  override render() {
    const command = this.command;
    if (!command) return nothing;
    const payload = shortPayload(command.payload);
    const act = (action: 'cancel' | 'retry' | 'give-up') => () => this.dispatchEvent(new CommandActionEvent(action, command.seq));
    const stalled = command.state === 'sending' && command.stalledSince != null;
    const action =
      command.state === 'queued'
        ? html`<button type="button" aria-label=${`${msg('Cancel')} ${visibleTopic(command.topic)} ${payload}`} @click=${act('cancel')}>${msg('Cancel')}</button>`
        : stalled
          ? html`<button type="button" aria-label=${`${msg('Give up')} ${visibleTopic(command.topic)} ${payload}`} @click=${act('give-up')}>${msg('Give up')}</button>`
          : command.state === 'failed' || command.state === 'cancelled'
          ? html`<button type="button" aria-label=${`${msg('Retry')} ${visibleTopic(command.topic)} ${payload}`} @click=${act('retry')}>${msg('Retry')}</button>`
          : nothing;
    return html`<span class="what">${visibleTopic(command.topic)} → ${payload === '' ? msg('(empty)') : payload}</span>
      ${action}
      <span class="state ${command.state}"
        >${describeState(command)} · QoS ${command.qos}${command.retain ? ` · ${msg('retain')}` : ''} · ${formatTime(command.createdAt)}</span
      >
      ${command.confirmation
        ? html`<span class="reply ${command.confirmation.state === 'confirmed' ? 'received' : command.confirmation.state === 'waiting' ? '' : 'none'}">${describeConfirmation(command)}</span>`
        : nothing}
      ${command.reply
        ? html`<span class="reply ${command.reply.state}">${describeReply(command, command.reply.from ?? this.device ?? msg('the device'))}</span>`
        : nothing}`;
  }
}

const shortPayload = (payload: string) => (payload.length > 40 ? `${payload.slice(0, 40)}…` : payload);

export function describeState(command: OutboxCommand): string {
  switch (command.state) {
    case 'failed':
      return msg('failed: {0}', command.reason === null ? msg('refused by the broker') : typeof command.reason === 'string' ? translated(command.reason) : problemWords(command.reason));
    case 'sending':
      if (command.stalledSince != null) {
        const seconds = Math.max(1, Math.round((command.updatedAt - command.stalledSince) / 1000));
        return msg('the broker has not acknowledged this command for {0} s (sent at {1}): the connection is made again to resend it', seconds, formatTime(command.stalledSince));
      }
      return command.stage === 'pubrel' ? msg('sending (received by the broker, releasing)') : msg('sending');
    case 'delivered':
      if (command.qosDowngraded) return msg('delivered · broker downgraded QoS 2 to 1 (at least once)');
      // MQTT 3.1.1 acknowledges a command the broker's ACL dropped as it does any other.
      if (command.unconfirmed && command.qos > 0)
        return command.qos === 1
          ? msg('acknowledged (at least once; MQTT 3.1.1 does not say whether the broker let it through)')
          : msg('acknowledged (exactly once; MQTT 3.1.1 does not say whether the broker let it through)');
      if (command.unconfirmed) return msg('sent (this broker does not confirm delivery)');
      return command.qos === 1 ? msg('delivered (at least once)') : command.qos === 2 ? msg('delivered (exactly once)') : msg('delivered');
    case 'queued':
      return msg('queued');
    case 'cancelled':
      return command.replacedBy ? msg('replaced by {0}', shortPayload(command.replacedBy.value)) : msg('cancelled');
  }
}

/** A control's command: what its device reported after it. */
export function describeConfirmation(command: OutboxCommand): string {
  const confirmation = command.confirmation;
  if (!confirmation) return '';
  switch (confirmation.state) {
    case 'waiting':
      return confirmation.deadline === null ? msg('waiting for the device') : msg('waiting for the device until {0}', formatTime(confirmation.deadline));
    case 'confirmed':
      return msg('confirmed by the device');
    case 'differs':
      return msg('the device reports {0}', shorten(confirmation.reported ?? ''));
    case 'no-answer':
      return msg('no answer from the device');
    case 'unconfirmable':
      return msg('not confirmed (no state topic)');
  }
}

/** The answer to a request: awaited, received (who answered, and what), or none in time. */
export function describeReply(command: OutboxCommand, from: string): string {
  const reply = command.reply;
  if (!reply) return '';
  switch (reply.state) {
    case 'waiting':
      return msg('awaiting a reply until {0}', formatTime(reply.deadline));
    case 'received':
      return msg('acknowledged by {0}: {1}', from, reply.text === null || reply.text === '' ? msg('(empty reply)') : shorten(reply.text));
    case 'none':
      return reply.text ? msg('no reply: {0}', translated(reply.text)) : msg('no reply within {0} s', command.replyTimeoutSeconds ?? '?');
  }
}

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

customElements.define('outbox-row', OutboxRowElement);

declare global {
  interface HTMLElementTagNameMap {
    'outbox-row': OutboxRowElement;
  }
}
