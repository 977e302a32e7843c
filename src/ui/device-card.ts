import { visibleTopic } from './safe-text';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { DevicePresence } from '../state/presence-store';
import { staleSince } from '../state/staleness';
import type { TopicValue } from '../state/topic-store';
import type { SavedCommand } from '../storage/settings';
import { controlStyles, tileGridStyles } from './shared-styles';
import { formatAge, formatDuration, formatTime, formatTimestamp } from './format';
import type { TileView } from './tile-view';
import './value-tile';
import type { MemberNote } from '../sparkplug/sparkplug-types';
import { msg, msgPlural } from '../i18n/words';
import type { DeviceState } from '../state/presence-store';
import { controlMake } from './controls/control-events';
import type { TemplateResult } from 'lit';
import { DeviceRenameEvent, RebirthRequestEvent } from './device-events';


let noteWords: ((note: MemberNote) => string) | null = null;
/** A device's state in words. */
export function deviceStateWords(state: DeviceState): string {
  return state === 'online' ? msg('online') : state === 'offline' ? msg('offline') : msg('unknown');
}

/**
 * One device: its presence in words (online, offline, unknown), since when, when last heard, and its tiles.
 * A leaf: it shows its properties and raises `device-rename` and its tiles' `tile-open`.
 */
export class DeviceCardElement extends LitElement {
  static override styles = [
    controlStyles,
    tileGridStyles,
    css`
    :host {
      display: block;
    }
    section {
      border: 1px solid var(--border);
      border-left: 6px solid var(--muted);
      border-radius: 10px;
      padding: 0.75rem;
      background: color-mix(in srgb, var(--surface) 60%, transparent);
    }
    section.online {
      border-left-color: var(--ok);
    }
    section.offline {
      border-left-color: var(--danger);
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 1rem;
      margin-bottom: 0.6rem;
    }
    h3 {
      margin: 0;
      font-size: 1.2rem;
      font-family: var(--mono);
      overflow-wrap: anywhere;
    }
    .presence {
      font-size: 1.1rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .online .presence {
      color: var(--ok);
    }
    .offline .presence {
      color: var(--danger);
    }
    .unknown .presence {
      color: var(--muted);
    }
    .stale .presence {
      color: var(--muted);
    }
    .detail {
      color: var(--muted);
      font-size: 0.85rem;
    }
    .stale-mark,
    .unrecognised {
      color: var(--warn);
      font-size: 0.85rem;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    header button {
      padding: 0 0.6rem;
    }

    .rename input {
      width: auto;
    }
    .rename {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
  `,
  ];

  static override properties = {
    device: { attribute: false },
    values: { attribute: false },
    commands: { attribute: false },
    name: {},
    kiosk: { type: Boolean },
    showCommands: { attribute: false },
    view: { attribute: false },
    more: { attribute: false },
    controls: { attribute: false },
    _renaming: { state: true },
  };
  declare private _renaming: boolean;
  declare device: DevicePresence | undefined;
  declare values: readonly TopicValue[];
  /** The quick commands for this device's topics. */
  declare commands: readonly SavedCommand[];
  /** The name the user gave the device, if any (its id otherwise). */
  declare name: string | undefined;
  /** A kiosk: read-only, nothing to rename. */
  declare kiosk: boolean;
  /** Whether the quick commands are shown (a kiosk may hide them). */
  declare showCommands: boolean;
  declare view: TileView | undefined;
  /** The device's topics beyond what a card draws. */
  declare more: number;
  /** The cards of the controls on this device's topics, drawn first among its tiles. */
  declare controls: TemplateResult | null;

  constructor() {
    super();
    this.values = [];
    this.commands = [];
    this.kiosk = false;
    this.showCommands = true;
    this.more = 0;
    this.controls = null;
    this._renaming = false;
  }

  private _rename(event: SubmitEvent, device: string): void {
    event.preventDefault();
    const name = new FormData(event.target as HTMLFormElement).get('name');
    this.dispatchEvent(new DeviceRenameEvent(device, String(name ?? '')));
    this._renaming = false;
  }

  private async _startRename(): Promise<void> {
    this._renaming = true;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('.rename input');
    input?.focus();
    input?.select();
  }

  override willUpdate(): void {
    // The quick commands' buttons are loaded when a device has some: most first screens have none.
    if (this.commands.length > 0) void import('./quick-commands');
  }

  /** Sparkplug notes in words, loaded with the first note (most screens have none): the card redraws then. */
  private _noteWords(note: MemberNote): string {
    if (noteWords) return noteWords(note);
    void import('./sparkplug-words').then((module) => ((noteWords = module.memberNoteWords), this.requestUpdate()));
    return '';
  }

  override render() {
    const device = this.device;
    const view = this.view;
    if (!device || !view) return nothing;
    const now = view.now;
    const stale = staleSince(device.stateAt, view.status);
    const kiosk = this.kiosk;
    const name = this.name ?? device.id;
    return html`<section aria-label=${name} class="${device.state} ${stale === null ? '' : 'stale'}">
      <header>
        ${this._renaming
          ? html`<form class="rename" @submit=${(event: SubmitEvent) => this._rename(event, device.id)}>
              <input name="name" aria-label=${msg('Name for {0}', device.id)} .value=${name} />
              <button type="submit">${msg('Save')}</button>
              <button type="button" @click=${() => (this._renaming = false)}>${msg('Cancel')}</button>
            </form>`
          : html`<h3 dir="auto">${name === device.id ? visibleTopic(name) : name}</h3>
              ${name === device.id ? nothing : html`<span class="detail">${visibleTopic(device.id)}</span>`}
              ${kiosk
                ? nothing
                : html`<button type="button" class="rename-button" aria-label=${msg('Rename {0}', device.id)} title=${msg('Rename this device')} @click=${() => void this._startRename()}>✎</button>`}`}
        <strong class="presence">${deviceStateWords(device.state)}</strong>
        <span class="detail since" title=${device.sinceKnown ? formatTimestamp(device.since) : msg('From the broker’s retained status: the state began before this time')}
          >${device.sinceKnown ? msg('since {0}', formatTime(device.since)) : msg('since {0} or earlier', formatTime(device.since))} (${formatDuration(now - device.since)})</span
        >
        <span class="detail" title=${formatTimestamp(device.heardAt)}>${msg('last heard {0}', formatAge(now - device.heardAt))}</span>
        ${stale === null ? nothing : html`<span class="stale-mark">⚠ ${msg('stale since {0}', formatTime(stale))}</span>`}
        ${device.note ? html`<span class=${device.note.kind === 'out-of-sync' ? 'unrecognised note' : 'detail note'}>${this._noteWords(device.note)}</span>` : nothing}
        ${device.sparkplug === 'node' && (!kiosk || this.showCommands)
          ? html`<button type="button" class="rebirth" title=${msg('Ask the edge node to publish its birth certificates again (NCMD Node Control/Rebirth)')} @click=${() => this.dispatchEvent(new RebirthRequestEvent(device.id))}>
              ${msg('Request rebirth')}
            </button>`
          : nothing}
        ${kiosk || device.sparkplug
          ? nothing
          : html`<button type="button" class="add-control" @click=${() => this.dispatchEvent(controlMake({ device: device.id }))}>${msg('Add control')}</button>`}
        ${device.unrecognised === null
          ? nothing
          : html`<span class="unrecognised">${msg('unrecognised status on {0}: “{1}”', device.statusTopic, device.unrecognised)}</span>`}
      </header>
      ${this.commands.length === 0 || !this.showCommands
        ? nothing
        : html`<quick-commands .device=${device.id} .commands=${this.commands} .confirm=${kiosk}></quick-commands>`}
      <div class="tiles">
        ${this.controls}
        ${repeat(
          this.values,
          (value) => value.topic,
          (value) => html`<value-tile .value=${value} .label=${nameUnder(device.id, value.topic)} .deviceState=${device.state} .view=${view}></value-tile>`,
        )}
      </div>
      ${this.more > 0 ? html`<p class="detail more">${msgPlural(this.more, '{0} more topic of this device not drawn here: see the Topic tree, or pin them.', '{0} more topics of this device not drawn here: see the Topic tree, or pin them.', this.more)}</p>` : nothing}
    </section>`;
  }
}

/** A topic named under its device: `moteur/température` is `température` on the moteur card. */
export function nameUnder(deviceId: string, topic: string): string {
  const sparkplugPrefix = `spBv1.0/${deviceId}/`; // a Sparkplug metric: its name
  if (topic.startsWith(sparkplugPrefix) && topic.length > sparkplugPrefix.length) return visibleTopic(topic.slice(sparkplugPrefix.length));
  const levels = topic.split('/');
  const at = levels.indexOf(deviceId);
  const rest = at === -1 ? [] : levels.slice(at + 1);
  return visibleTopic(rest.length === 0 || rest.every((level) => level === '') ? topic : rest.join('/'));
}

customElements.define('device-card', DeviceCardElement);

declare global {
  interface HTMLElementTagNameMap {
    'device-card': DeviceCardElement;
  }
  interface HTMLElementEventMap {
    'rebirth-request': RebirthRequestEvent;
  }
}
