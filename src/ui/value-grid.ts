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
    .pins {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin: 0 0 0.75rem;
    }
    .pin {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      border: 1px solid var(--border);
      border-radius: 8px;
      background: var(--surface);
      padding: 0 0.25rem 0 0.5rem;
    }
    .filter {
      font-family: var(--mono);
      font-size: 0.85rem;
      overflow-wrap: anywhere;
    }
    button {
      font-size: 0.85rem;
      background: var(--surface);
      padding: 0 0.6rem;
    }
    .pin button {
      border: none;
    }
    .hidden-tiles summary {
      min-height: 44px;
      display: flex;
      align-items: center;
      cursor: pointer;
      color: var(--muted);
    }
    .hidden-tiles ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.4rem;
    }
    .hidden-tiles li {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem;
    }
  `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.topics);
    new StoreController(this, () => this._service.value?.presence);
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._service.value?.display);
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
            ${kiosk
              ? nothing
              : html`<p class="pins">
              ${pinnedFilters.map(
                (filter, index) => html`<span class="pin" role="group" aria-label=${`Pinned ${filter}`}>
                  <button type="button" aria-label=${`Move ${filter} earlier`} ?disabled=${index === 0} @click=${() => service.preferences.movePin(filter, -1)}>◀</button>
                  <span class="filter">${filter}</span>
                  <button type="button" aria-label=${`Move ${filter} later`} ?disabled=${index === pinnedFilters.length - 1} @click=${() => service.preferences.movePin(filter, 1)}>▶</button>
                  <button type="button" aria-label=${`Unpin ${filter}`} @click=${() => service.preferences.unpin(filter)}>✕</button>
                </span>`,
              )}
            </p>`}
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
                others.slice(0, TILES_SHOWN),
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
      ${hidden.length === 0 || kiosk
        ? nothing
        : html`<details class="hidden-tiles">
            <summary>${hidden.length} hidden ${hidden.length === 1 ? 'tile' : 'tiles'}</summary>
            <ul>
              ${hidden.map(
                (topic) => html`<li>
                  <span class="filter">${topic}</span>
                  <button type="button" aria-label=${`Show ${topic}`} @click=${() => service.preferences.show(topic)}>Show</button>
                </li>`,
              )}
            </ul>
          </details>`}`;
  }
}

customElements.define('value-grid', ValueGridElement);

declare global {
  interface HTMLElementTagNameMap {
    'value-grid': ValueGridElement;
  }
}
