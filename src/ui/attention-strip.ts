import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { dashboardContext } from './dashboard-context';
import { StoreController } from './store-controller';
import { controlStyles } from './shared-styles';
import { deviceAttention } from './attention';
import { staleSince } from '../state/staleness';
import { msg, msgPlural } from '../i18n/words';
import { formatCount } from './format';

/** Nobody touched the screen for this long: new topics and devices held back are shown. */
const UNTOUCHED_MS = 30_000;

/** What a tap on the strip shows. */
export type AttentionTarget = 'offline' | 'stale' | 'out-of-sync';

/**
 * The attention strip, at the top of the values, always in the same place and one row high: how many
 * devices are offline, out of sync or stale, how many values are stale, how many commands are pending or
 * failed, each a button to what it counts; `All devices online` when there is nothing, so that its silence
 * is information. New topics and devices, placed at the end of their group, are sorted in by name from here.
 */
export class AttentionStripElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      /* A grid item that scrolls sideways rather than widen the grid (one row, always). */
      :host {
        display: block;
        min-width: 0;
      }
      div {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        overflow-x: auto;
        white-space: nowrap;
        min-height: 2.75rem;
      }
      button {
        flex: none;
        border-radius: 999px;
        font-weight: 600;
      }
      .offline,
      .failed {
        color: var(--danger);
        border-color: var(--danger);
      }
      .stale,
      .pending,
      .out-of-sync {
        color: var(--warn);
        border-color: var(--warn);
      }
      .calm {
        color: var(--ok);
        font-weight: 600;
      }
      .calm::before {
        content: '✓ ';
      }
    `,
  ];

  static override properties = { fresh: { type: Number } };
  /** New cards and tiles placed at the end of their group since the last sort. */
  declare fresh: number;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  private _lastTouch = Date.now();
  private readonly _touched = (): void => {
    this._lastTouch = Date.now();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of ['pointerdown', 'keydown', 'wheel']) document.addEventListener(type, this._touched, { passive: true });
    document.addEventListener('visibilitychange', this._hidden);
  }

  /** Nobody is looking: the new ones are sorted in. */
  private readonly _hidden = (): void => {
    if (document.visibilityState === 'hidden' && this.fresh > 0) this._showNew();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of ['pointerdown', 'keydown', 'wheel']) document.removeEventListener(type, this._touched);
    document.removeEventListener('visibilitychange', this._hidden);
  }

  /** New ones are sorted in by themselves once nobody has touched the screen for a while (a wall display). */
  override updated(): void {
    if (this.fresh > 0 && Date.now() - this._lastTouch > UNTOUCHED_MS) this._showNew();
  }

  private _showNew(): void {
    this._lastTouch = Date.now();
    this.dispatchEvent(new Event('attention-sort', { bubbles: true }));
  }

  constructor() {
    super();
    this.fresh = 0;
    new StoreController(this, () => this._service.value?.presence);
    new StoreController(this, () => this._service.value?.outbox.store);
    new StoreController(this, () => this._service.value?.status);
    new StoreController(this, () => this._service.value?.clock); // stale values, counted once a second
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const status = service.status.state;
    const devices = service.presence.list();
    const count = (kind: AttentionTarget) => devices.filter((device) => deviceAttention(device, status) === kind).length;
    const offline = count('offline');
    const outOfSync = count('out-of-sync');
    const staleDevices = count('stale');
    let staleValues = 0;
    if (status.phase === 'connected') for (const value of service.topics.list()) if (staleSince(value.receivedAt, status, value.qos) !== null) staleValues++;
    const outbox = service.outbox.store;
    const pending = outbox.pendingCount;
    const failed = outbox.count('failed');
    const kiosk = service.display.state.kiosk;
    const show = (target: AttentionTarget) => () => this._reveal(target);
    const openOutbox = () => this.dispatchEvent(new Event('outbox-open', { bubbles: true, composed: true }));
    const calm = offline + outOfSync + staleDevices + staleValues + pending + failed === 0;
    return html`<div role="group" aria-label=${msg('Needs attention')}>
      <alarm-summary hidden></alarm-summary>
      ${offline > 0 ? html`<button type="button" class="offline" @click=${show('offline')}>${msgPlural(offline, '{0} device offline', '{0} devices offline', formatCount(offline))}</button>` : nothing}
      ${outOfSync > 0 ? html`<button type="button" class="out-of-sync" @click=${show('out-of-sync')}>${msgPlural(outOfSync, '{0} node out of sync', '{0} nodes out of sync', formatCount(outOfSync))}</button>` : nothing}
      ${staleDevices + staleValues > 0
        ? html`<button type="button" class="stale" @click=${show('stale')}>${staleDevices > 0 ? msgPlural(staleDevices, '{0} device stale', '{0} devices stale', formatCount(staleDevices)) : msgPlural(staleValues, '{0} stale value', '{0} stale values', formatCount(staleValues))}</button>`
        : nothing}
      ${failed > 0 ? this._outboxItem('failed', msgPlural(failed, '{0} command failed', '{0} commands failed', formatCount(failed)), kiosk, openOutbox) : nothing}
      ${pending > 0 ? this._outboxItem('pending', msgPlural(pending, '{0} command pending', '{0} commands pending', formatCount(pending)), kiosk, openOutbox) : nothing}
      ${calm ? html`<span class="calm">${devices.length > 0 ? msg('All devices online') : msg('Nothing needs attention')}</span>` : nothing}
      ${this.fresh > 0
        ? html`<button type="button" @click=${() => this._showNew()}>${msgPlural(this.fresh, 'Sort in {0} new topic or device', 'Sort in {0} new topics or devices', formatCount(this.fresh))}</button>`
        : nothing}
    </div>`;
  }

  /**
   * The first card the tapped count counts (or, for stale values, the first stale tile) comes into view,
   * with the focus. The strip sits in the grid's shadow root, with the cards.
   */
  private _reveal(what: AttentionTarget): void {
    const status = this._service.value?.status.state;
    const root = this.getRootNode();
    if (!status || !(root instanceof ShadowRoot)) return;
    const cards = [...root.querySelectorAll('device-card')];
    let found: HTMLElement | undefined = cards.find((card) => card.device && deviceAttention(card.device, status) === what);
    if (!found && what === 'stale') {
      const tiles = [...root.querySelectorAll('value-tile'), ...cards.flatMap((card) => [...(card.shadowRoot?.querySelectorAll('value-tile') ?? [])])];
      found = tiles.find((tile) => tile.shadowRoot?.querySelector('article.stale'));
    }
    if (!found) return;
    found.tabIndex = -1;
    found.scrollIntoView({ block: 'center' });
    found.focus({ preventScroll: true });
  }

  /** A count of the outbox: a button to it, or words on a kiosk (which has no outbox). */
  private _outboxItem(kind: string, words: string, kiosk: boolean, open: () => void) {
    return kiosk ? html`<span class=${kind}>${words}</span>` : html`<button type="button" class=${kind} @click=${open}>${words}</button>`;
  }
}

customElements.define('attention-strip', AttentionStripElement);

declare global {
  interface HTMLElementTagNameMap {
    'attention-strip': AttentionStripElement;
  }
}
