import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { TopicStore, TopicValue } from '../state/topic-store';
import { dashboardContext } from './dashboard-context';
import { controlStyles, tileGridStyles } from './shared-styles';
import { DeviceRenameEvent, RebirthRequestEvent } from './device-events';
import { StoreController } from './store-controller';
import { TileDetailController } from './tile-detail';
import { TileViewController } from './tile-view';
import './value-tile';
import { msg, msgPlural } from '../i18n/words';
import { formatCount } from './format';
import type { ControlPlacement, ControlsLayer } from './controls/controls-layer';
import { StableOrder, nameCollator } from './stable-order';
import { TILES_SHOWN, TileGrouping } from './tile-groups';
import { deviceAttention } from './attention';
import { locale } from '../i18n/words';
import type { DevicePresence } from '../state/presence-store';

/**
 * Tiles created in one frame at most, whether the grid grows or a new topic sorts in among drawn ones: a
 * tile costs about 1–2 ms to create, lay out and paint on a slow tablet, and a frame must stay short.
 * The first frame fills a screen; the rest follow a few frames later.
 */
const NEW_TILES_PER_FRAME = 8;
/** How long after the first values new cards and tiles still sort in by name; later ones go to the end. */
const FILLING_MS = 2000;

/** One frame's drawing of tiles: how many were created, which are drawn, whether some wait for the next. */
interface TileFrame {
  created: number;
  drawn: Set<string>;
  waiting: boolean;
}

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
    /* Its place is kept before its code arrives, so that nothing moves when it does. */
    attention-strip {
      display: block;
      min-height: 2.75rem;
    }
    summary {
      padding: 0.7rem 0;
      min-height: 44px;
      box-sizing: border-box;
    }
  `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  /** The other topics that have a tile: a tile, once created, stays until its topic sorts out of view. */
  private _tiled = new Set<string>();
  private _growing = false;
  private readonly _tileView = new TileViewController(this, () => this._service.value);
  private readonly _detail = new TileDetailController(this);
  /** Device cards (keyed by NUL + id) and tiles (by topic), in an order that stays still. */
  private readonly _order = new StableOrder(nameCollator(locale()));
  private readonly _grouping = new TileGrouping(this._order);
  private _filled = false;
  /** The controls' part of the screen, loaded with the first control. */
  private _controls: ControlsLayer | null = null;
  private _loadingControls: Promise<ControlsLayer> | null = null;

  private _controlsLayer(): Promise<ControlsLayer> {
    return (this._loadingControls ??= import('./controls/controls-layer').then(({ ControlsLayer }) => {
      this.requestUpdate();
      return (this._controls = new ControlsLayer(this, () => this._service.value));
    }));
  }

  constructor() {
    super();
    for (const type of ['control-make', 'control-edit']) this.addEventListener(type, (event) => void this._controlsLayer().then((layer) => layer.open(event)));
    new StoreController(this, () => this._service.value?.topics);
    new StoreController(this, () => this._service.value?.presence);
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._service.value?.display);
    this.addEventListener('device-rename', (event) => {
      if (!(event instanceof DeviceRenameEvent)) return;
      void this._service.value?.preferences().then((preferences) => preferences.renameDevice(event.device, event.name));
    });
    this.addEventListener('rebirth-request', (event) => {
      const service = this._service.value;
      if (!(event instanceof RebirthRequestEvent) || !service) return;
      void service.requestRebirth(event.node).then((problem) => problem && service.report(problem));
    });
  }

  private _sortAll(): void {
    this._order.sortAll();
    this._grouping.reset();
    this.requestUpdate();
  }

  /** The first values start the filling time; once over, the order stays still. */
  private _filling(): void {
    if (this._filled) return;
    this._filled = true;
    setTimeout(() => {
      this._order.settle();
    }, FILLING_MS);
  }

  /** Devices that need attention first (offline, stale, out of sync), each part in its stable order. */
  private _orderedDevices(devices: readonly DevicePresence[], names: ReadonlyMap<string, string>, status: Parameters<typeof deviceAttention>[1]): DevicePresence[] {
    const ordered = this._order.order(devices, (device) => `\u0000${device.id}`, (device) => names.get(device.id) ?? device.id);
    const first: DevicePresence[] = [];
    const rest: DevicePresence[] = [];
    for (const device of ordered) (deviceAttention(device, status) === null ? rest : first).push(device);
    return first.length === 0 ? ordered : [...first, ...rest];
  }

  override firstUpdated(): void {
    // Not on the first screen's code: the strip keeps its place until it arrives, and cards come with the
    // first device, after the connection.
    void import('./attention-strip');
    void import('./device-card');
  }

  override willUpdate(): void {
    // Rearranging pins and showing hidden tiles are loaded when there is something to rearrange or show.
    const settings = this._service.value?.settings.state;
    if (settings && settings.pinned.length > 0) void import('./pin-bar');
    if (settings && settings.hidden.length > 0) void import('./hidden-tiles');
    if (settings && settings.controls.length > 0) void this._controlsLayer();
  }

  /**
   * The tiles of one group (a device's, or the other topics) to draw this frame, in order: those that have
   * a tile, and new ones while this frame's budget of NEW_TILES_PER_FRAME lasts (shared by every group, so
   * that a Sparkplug node born with 1,000 metrics fills in over frames too); the rest come in the next
   * frames, until the first TILES_SHOWN of the group are drawn.
   */
  private _shown(topics: readonly string[], frame: TileFrame, values: TopicStore): readonly TopicValue[] {
    const shown: TopicValue[] = [];
    for (const topic of topics) {
      if (shown.length === TILES_SHOWN) break;
      const value = values.get(topic);
      if (!value) continue;
      if (this._tiled.has(topic)) shown.push(value);
      else if (frame.created < NEW_TILES_PER_FRAME) {
        frame.created++;
        shown.push(value);
      } else frame.waiting = true;
    }
    for (const value of shown) frame.drawn.add(value.topic);
    return shown;
  }

  /** The tiles drawn this frame are remembered; if some wait, the next frame is asked for. */
  private _nextFrameIfWaiting(frame: TileFrame): void {
    this._tiled = frame.drawn;
    if (!frame.waiting || this._growing) return;
    this._growing = true;
    // After this frame is painted, in a task of its own: not in the next frame's callback, where the
    // new tiles' making would add to that frame's style, layout and paint in one long task.
    requestAnimationFrame(() =>
      setTimeout(() => {
        this._growing = false;
        this.requestUpdate();
      }),
    );
  }

  override render() {
    const service = this._service.value;
    const view = this._tileView.view;
    if (!service || !view) return nothing;
    const topics = service.topics;
    const { pinned: pinnedFilters, hidden } = service.settings.state;
    const placement: ControlPlacement | null = service.settings.state.controls.length > 0 ? (this._controls?.place(view.now) ?? null) : null;
    const hiddenTopics = placement ? new Set([...hidden, ...placement.covered]) : new Set(hidden);
    const groups = this._grouping.groups(service, hiddenTopics, placement ? [...placement.covered].join('\u0000') : '');
    const valuesOf = (group: readonly string[]) => group.flatMap((topic) => topics.get(topic) ?? []);
    const pinned = valuesOf(groups.pinned);
    const others = groups.ordered.get(null) ?? [];
    if (topics.topicCount > 0) this._filling();
    const names = new Map(service.settings.state.deviceNames.map((entry) => [entry.device, entry.name]));
    const devices = this._orderedDevices(service.presence.list(), names, view.status);
    const frame: TileFrame = { created: 0, drawn: new Set(), waiting: false };
    const shownOf = new Map(devices.map((device) => [device.id, this._shown(groups.shown.get(device.id) ?? [], frame, topics)]));
    const shownOthers = this._shown(groups.shown.get(null) ?? [], frame, topics);
    this._nextFrameIfWaiting(frame);
    const { kiosk, kioskCommands } = service.display.state; // a kiosk is read-only: nothing to rearrange
    const deviceNames = service.settings.state.deviceNames;
    const counts = html`<small>(${msgPlural(topics.topicCount, '{0} topic', '{0} topics', formatCount(topics.topicCount))} · ${msgPlural(topics.messageCount, '{0} message', '{0} messages', formatCount(topics.messageCount))})</small>`;
    const otherCount = html`<small>(${msgPlural(others.length, '{0} topic', '{0} topics', formatCount(others.length))})</small>`;
    const strip = html`<attention-strip .fresh=${this._order.fresh} @attention-sort=${() => this._sortAll()}></attention-strip>`;
    if (devices.length === 0 && others.length === 0) {
      return html`${strip}<h2>${msg('Values')} ${counts}</h2>
        <p class="empty">${msg('No messages yet. Connect to a broker and subscribe to a topic filter, for example')} <code>#</code>.</p>
        ${placement?.loose} ${this._controls?.renderEditor() ?? nothing}`;
    }
    return html`${strip}${pinnedFilters.length === 0
        ? nothing
        : html`<div>
            <h2>${msg('Pinned')}</h2>
            ${kiosk ? nothing : html`<pin-bar .filters=${pinnedFilters}></pin-bar>`}
            <section class="tiles" aria-label=${msg('Pinned values')}>
              ${repeat(
                pinned,
                (value) => value.topic,
                (value) => html`<value-tile .value=${value} .view=${view}></value-tile>`,
              )}
            </section>
          </div>`}
      ${devices.length === 0
        ? nothing
        : html`<div>
            <h2>${msg('Devices')} <small>(${formatCount(devices.length)})</small></h2>
            <div class="devices" role="list" aria-label=${msg('Devices')}>
              ${repeat(
                devices,
                (device) => device.id,
                (device) =>
                  html`<device-card
                    role="listitem"
                    .device=${device}
                    .values=${shownOf.get(device.id) ?? []}
                    .more=${Math.max(0, (groups.ordered.get(device.id)?.length ?? 0) - TILES_SHOWN)}
                    .commands=${service.settings.state.savedCommands.filter((command) => service.deviceOf(command.topic) === device.id)}
                    .controls=${placement?.byDevice.get(device.id)}
                    .name=${deviceNames.find((entry) => entry.device === device.id)?.name}
                    ?kiosk=${kiosk}
                    .showCommands=${!kiosk || kioskCommands}
                    .view=${view}
                  ></device-card>`,
              )}
            </div>
          </div>`}
      ${placement?.loose}
      <div>
        <h2>${devices.length === 0 && pinnedFilters.length === 0 ? html`${msg('Values')} ${counts}` : html`${msg('Other topics')} ${otherCount}`}</h2>
        ${others.length === 0
          ? html`<p class="empty">${msg('Every topic belongs to a device above.')}</p>`
          : html`<section class="tiles" aria-label=${msg('Values')}>
              ${repeat(
                shownOthers,
                (value) => value.topic,
                (value) => html`<value-tile .value=${value} .view=${view}></value-tile>`,
              )}
            </section>`}
        ${others.length > TILES_SHOWN
          ? html`<p class="empty">
              ${msg('{0} more topics are not drawn here: find them in the Topic tree or the Message log, or pin a branch to see its tiles first.', others.length - TILES_SHOWN)}
            </p>`
          : nothing}
      </div>
      ${groups.dashboards.length === 0
        ? nothing
        : html`<details>
            <summary>${msg('Dashboards')} <small>(${formatCount(groups.dashboards.length)})</small></summary>
            <section class="tiles" aria-label=${msg('Dashboards')}>
              ${repeat(
                valuesOf(groups.dashboards),
                (value) => value.topic,
                (value) => html`<value-tile .value=${value} .view=${view}></value-tile>`,
              )}
            </section>
          </details>`}
      ${hidden.length === 0 || kiosk ? nothing : html`<hidden-tiles .topics=${hidden}></hidden-tiles>`}
      ${this._detail.render()} ${this._controls?.renderEditor() ?? nothing}`;
  }
}

customElements.define('value-grid', ValueGridElement);

declare global {
  interface HTMLElementTagNameMap {
    'value-grid': ValueGridElement;
  }
}
