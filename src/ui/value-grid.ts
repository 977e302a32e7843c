import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { topicMatches } from '../mqtt/topic-filter';
import type { TopicValue } from '../state/topic-store';
import { dashboardContext } from './dashboard-context';
import { controlStyles, tileGridStyles } from './shared-styles';
import './device-card';
import { StoreController } from './store-controller';
import './value-tile';

/** Tiles drawn at most under "Other topics", so that a `#` subscription on a busy broker stays smooth. */
const TILES_SHOWN = 240;
/** New tiles drawn in one frame, to begin with: the number adapts to how long the last update took. */
const FIRST_NEW_TILES = 40;
/** An update longer than this draws fewer new tiles next time; a shorter one, more. */
const UPDATE_BUDGET_MS = 12;

/**
 * The devices, each with its presence and its tiles, then the topics that belong to no known device.
 * Only tiles whose value changed re-render.
 */
export class ValueGridElement extends LitElement {
  static override styles = [
    controlStyles,
    tileGridStyles,
    css`
    :host {
      display: grid;
      gap: 1.25rem;
    }
    .devices {
      display: grid;
      gap: 0.75rem;
    }
    .empty {
      color: var(--muted);
    }
  `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  /** Tiles of other topics drawn so far (grows a few dozen a frame up to TILES_SHOWN). */
  private _drawn = 0;
  private _growing = false;
  /** New tiles the next frame may draw: a burst of new topics never costs one long task. */
  private _newTiles = FIRST_NEW_TILES;
  private _updateStartedAt = 0;

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.topics);
    new StoreController(this, () => this._service.value?.presence);
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._service.value?.display);
  }

  override updated(): void {
    const took = performance.now() - this._updateStartedAt;
    this._newTiles = took > UPDATE_BUDGET_MS ? Math.max(8, this._newTiles >> 1) : Math.min(TILES_SHOWN, this._newTiles * 2);
  }

  override willUpdate(): void {
    this._updateStartedAt = performance.now();
    // Rearranging pins and showing hidden tiles are loaded when there is something to rearrange or show.
    const settings = this._service.value?.settings.state;
    if (settings && settings.pinned.length > 0) void import('./pin-bar');
    if (settings && settings.hidden.length > 0) void import('./hidden-tiles');
  }

  /** The other topics' tiles to draw this frame; more follow in the next frames. */
  private _shown(others: readonly TopicValue[]): readonly TopicValue[] {
    const wanted = Math.min(TILES_SHOWN, others.length);
    const drawn = Math.min(wanted, this._drawn + this._newTiles);
    this._drawn = drawn;
    if (drawn < wanted && !this._growing) {
      this._growing = true;
      requestAnimationFrame(() => {
        this._growing = false;
        this.requestUpdate();
      });
    }
    return others.slice(0, drawn);
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const topics = service.topics;
    const devices = service.presence.list();
    const byDevice = new Map<string, TopicValue[]>();
    const others: TopicValue[] = [];
    const { pinned: pinnedFilters, hidden } = service.settings.state;
    const hiddenTopics = new Set(hidden);
    // One bucket per pinned filter, in the order the user gave them; a topic goes to the first that matches.
    const pinnedBuckets: TopicValue[][] = pinnedFilters.map(() => []);
    for (const value of topics.list()) {
      if (hiddenTopics.has(value.topic)) continue;
      const pinIndex = pinnedFilters.length === 0 ? -1 : pinnedFilters.findIndex((filter) => topicMatches(filter, value.topic));
      if (pinIndex !== -1) {
        pinnedBuckets[pinIndex]?.push(value);
        continue;
      }
      const owner = devices.length === 0 ? null : service.deviceOf(value.topic);
      if (owner === null) others.push(value);
      else {
        const group = byDevice.get(owner);
        if (group) group.push(value);
        else byDevice.set(owner, [value]);
      }
    }
    const pinned = pinnedBuckets.flat();
    const kiosk = service.display.state.kiosk; // read-only: nothing to rearrange
    const counts = html`<small>(${topics.topicCount} topics · ${topics.messageCount} messages)</small>`;
    const otherCount = html`<small>(${others.length} ${others.length === 1 ? 'topic' : 'topics'})</small>`;
    if (devices.length === 0 && others.length === 0) {
      return html`<h2>Values ${counts}</h2>
        <p class="empty">No messages yet. Connect to a broker and subscribe to a topic filter, for example <code>#</code>.</p>`;
    }
    return html`${pinnedFilters.length === 0
        ? nothing
        : html`<div>
            <h2>Pinned</h2>
            ${kiosk ? nothing : html`<pin-bar .filters=${pinnedFilters}></pin-bar>`}
            <section class="tiles" aria-label="Pinned values">
              ${repeat(
                pinned,
                (value) => value.topic,
                (value) => html`<value-tile .value=${value}></value-tile>`,
              )}
            </section>
          </div>`}
      ${devices.length === 0
        ? nothing
        : html`<div>
            <h2>Devices <small>(${devices.length})</small></h2>
            <div class="devices" role="list" aria-label="Devices">
              ${repeat(
                devices,
                (device) => device.id,
                (device) =>
                  html`<device-card
                    role="listitem"
                    .device=${device}
                    .values=${byDevice.get(device.id) ?? []}
                    .commands=${service.settings.state.savedCommands.filter((command) => service.deviceOf(command.topic) === device.id)}
                  ></device-card>`,
              )}
            </div>
          </div>`}
      <div>
        <h2>${devices.length === 0 && pinnedFilters.length === 0 ? html`Values ${counts}` : html`Other topics ${otherCount}`}</h2>
        ${others.length === 0
          ? html`<p class="empty">Every topic belongs to a device above.</p>`
          : html`<section class="tiles" aria-label="Values">
              ${repeat(
                this._shown(others),
                (value) => value.topic,
                (value) => html`<value-tile .value=${value}></value-tile>`,
              )}
            </section>`}
        ${others.length > TILES_SHOWN
          ? html`<p class="empty">
              ${others.length - TILES_SHOWN} more topics are not drawn here: find them in the Topic tree or the Message log, or pin a
              branch to see its tiles first.
            </p>`
          : nothing}
      </div>
      ${hidden.length === 0 || kiosk ? nothing : html`<hidden-tiles .topics=${hidden}></hidden-tiles>`}`;
  }
}

customElements.define('value-grid', ValueGridElement);

declare global {
  interface HTMLElementTagNameMap {
    'value-grid': ValueGridElement;
  }
}
