import { LitElement, css, html, nothing } from 'lit';
import { toHex } from '../mqtt/payload';
import type { LoggedMessage } from '../state/message-log';
import { formatCount, formatTimestamp } from './format';
import { msg, msgPlural } from '../i18n/words';
import { blocksOf, breakable, visiblePayload, visibleTopic } from './safe-text';
import { controlStyles } from './shared-styles';

type Mode = 'text' | 'json' | 'hex';

/** One message's payload: as text, as pretty JSON, or as hex for binary; with a Copy button. Text only, never HTML. */
export class PayloadViewerElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      .modes {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        align-items: center;
      }
      button[aria-pressed='true'] {
        border-color: var(--accent);
        color: var(--accent);
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 0.95rem;
        font-family: var(--mono);
        overflow-wrap: anywhere;
      }
      pre {
        font-family: var(--mono);
        font-size: 0.85rem;
        white-space: pre-wrap;
        max-height: 50vh;
        overflow: auto;
        background: var(--field);
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 0.6rem;
        margin: 0.5rem 0 0;
      }
      /* Out of view, a block is not laid out: any size of payload opens at once. */
      .block {
        display: block;
        content-visibility: auto;
        contain-intrinsic-size: auto 20em;
      }
      .meta {
        color: var(--muted);
        font-size: 0.8rem;
      }
    `,
  ];

  static override properties = { message: { attribute: false }, _mode: { state: true }, _copied: { state: true } };
  declare message: LoggedMessage | null;
  declare private _mode: Mode | null;
  declare private _copied: string;
  private _shownBlocks: { text: string; blocks: HTMLElement[] } | null = null;

  constructor() {
    super();
    this.message = null;
    this._mode = null;
    this._copied = '';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('message')) {
      this._mode = null;
      this._copied = '';
    }
  }

  override render() {
    const message = this.message;
    if (!message) return nothing;
    const kind = message.payload.kind;
    const modes: Mode[] = kind === 'binary' ? ['hex'] : kind === 'json' || kind === 'measure' ? ['json', 'text'] : ['text'];
    // A text with hidden characters (shown as ⟨U+202E⟩) keeps its raw bytes: they can be read as they came.
    if (kind !== 'binary' && message.binary) modes.push('hex');
    const mode = this._mode ?? (modes[0] as Mode);
    const shown = this._content(message, mode);
    return html`<section aria-label=${msg('Payload viewer')}>
      <h3>${breakable(visibleTopic(message.topic))}</h3>
      <p class="meta">
        ${formatTimestamp(message.receivedAt)} · QoS ${message.qos}${message.retained ? ` · ${msg('retained')}` : ''}${message.dup ? ` · ${msg('duplicate flag')}` : ''} ·
        ${msgPlural(message.payload.bytes, '{0} byte', '{0} bytes', message.payload.bytes)}
      </p>
      <div class="modes">
        ${modes.map(
          (each) =>
            html`<button type="button" aria-pressed=${each === mode ? 'true' : 'false'} @click=${() => (this._mode = each)}>${modeName(each)}</button>`,
        )}
        <button type="button" @click=${() => void this._copy(shown)}>${msg('Copy')}</button>
        <span role="status">${this._copied}</span>
      </div>
      <pre dir="auto">${this._blocks(shown)}</pre>
    </section>`;
  }

  /** The blocks of the text shown, made again only when that text changes (not when Copy says something). */
  private _blocks(text: string): HTMLElement[] {
    if (this._shownBlocks?.text !== text) this._shownBlocks = { text, blocks: blocksOf(text) };
    return this._shownBlocks.blocks;
  }

  private _content(message: LoggedMessage, mode: Mode): string {
    if (mode === 'hex') {
      const bytes = message.binary;
      if (!bytes) return message.payload.text;
      const hex = toHex(bytes, bytes.byteLength);
      return message.payload.bytes > bytes.byteLength ? `${hex}\n… ${msg('({0} more bytes not kept)', formatCount(message.payload.bytes - bytes.byteLength))}` : hex;
    }
    if (mode === 'json' && !message.payload.notFinite) {
      try {
        return visiblePayload(JSON.stringify(JSON.parse(message.payload.source ?? message.payload.text), null, 2));
      } catch {
        return visiblePayload(message.payload.source ?? message.payload.text);
      }
    }
    return message.payload.kind === 'empty' ? msg('(empty)') : visiblePayload(message.payload.text);
  }

  private async _copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this._copied = msg('Copied.');
    } catch {
      this._copied = msg('The browser refused the clipboard: select the text and copy it by hand.');
    }
  }
}

function modeName(mode: Mode): string {
  return mode === 'text' ? msg('Text') : mode === 'json' ? msg('Pretty JSON') : msg('Hex');
}

customElements.define('payload-viewer', PayloadViewerElement);

declare global {
  interface HTMLElementTagNameMap {
    'payload-viewer': PayloadViewerElement;
  }
}
