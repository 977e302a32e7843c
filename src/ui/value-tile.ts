import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { DISPLAY_LIMIT_BYTES, formatBytes, type DecodedPayload } from '../mqtt/payload';
import type { TileFormat } from '../storage/settings';
import { staleSince } from '../state/staleness';
import type { TopicValue } from '../state/topic-store';
import { dashboardContext } from './dashboard-context';
import { formatAge, formatTime, formatTimestamp } from './format';
import { sparkline } from './sparkline';
import { StoreController } from './store-controller';

/** How many recent values the sparkline shows. */
const SPARKLINE_POINTS = 60;

/** One topic's latest value, its age, QoS and retained mark. Broker data is rendered as text only. */
export class ValueTileElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
      /* A tile's changes never move anything outside it; off-screen tiles are not laid out or painted. */
      contain: content;
      content-visibility: auto;
      contain-intrinsic-size: auto 10rem;
    }
    article {
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 10px;
      padding: 0.75rem 0.9rem;
      display: grid;
      gap: 0.35rem;
      height: 100%;
      box-sizing: border-box;
    }
    header {
      display: flex;
      gap: 0.5rem;
      justify-content: space-between;
      align-items: start;
    }
    h3 {
      margin: 0;
      font-size: 0.9rem;
      font-weight: 600;
      font-family: var(--mono);
      overflow-wrap: anywhere;
    }
    .away {
      font-size: 0.75rem;
      color: var(--warn);
      font-weight: 600;
      flex: none;
    }
    .actions {
      margin-left: auto;
      display: flex;
      gap: 0.4rem;
    }
    footer button {
      font: inherit;
      color: var(--text);
      background: none;
      border: 1px solid var(--border);
      border-radius: 6px;
      min-height: 44px;
      min-width: 44px;
      padding: 0 0.6rem;
    }
    .retained {
      font-size: 0.75rem;
      border: 1px solid var(--accent);
      color: var(--accent);
      border-radius: 999px;
      padding: 0 0.45rem;
      flex: none;
    }
    .value {
      margin: 0;
      font-size: 1.9rem;
      font-weight: 600;
      line-height: 1.15;
      font-variant-numeric: tabular-nums;
      overflow-wrap: anywhere;
      max-height: 9rem;
      overflow: auto;
    }
    .value.text {
      font-size: 1.1rem;
      font-weight: 500;
    }
    .value.binary,
    .value.json {
      font-family: var(--mono);
      font-size: 0.9rem;
      font-weight: 400;
    }
    .unit {
      font-size: 1rem;
      color: var(--muted);
      font-weight: 500;
    }
    article.stale {
      border-style: dashed;
    }
    article.stale .value {
      color: var(--muted);
    }
    .stale-mark {
      font-size: 0.75rem;
      color: var(--warn);
      font-weight: 600;
    }
    .sparkline {
      color: var(--accent);
      width: 100%;
      height: 28px;
    }
    footer {
      font-size: 0.8rem;
      color: var(--muted);
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
    }
  `;

  static override properties = { value: { attribute: false }, _messagesOpen: { state: true }, _customizing: { state: true } };
  declare value: TopicValue | undefined;
  declare private _messagesOpen: boolean;
  declare private _customizing: boolean;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.clock);
    new StoreController(this, () => this._service.value?.status);
    new StoreController(this, () => this._service.value?.settings);
    this._messagesOpen = false;
    this._customizing = false;
  }

  /** The sparkline changes only with the value: not redrawn on the clock's ticks. */
  private _sparkFor: TopicValue | null = null;
  private _spark: ReturnType<typeof sparkline> = null;

  private _sparkline(value: TopicValue): ReturnType<typeof sparkline> {
    if (value !== this._sparkFor) {
      this._sparkFor = value;
      this._spark = sparkline(this._service.value?.history.get(value.topic)?.lastValues(SPARKLINE_POINTS) ?? []);
    }
    return this._spark;
  }

  /** The message list is loaded on first use: the first screen does not need it. */
  private async _openMessages(): Promise<void> {
    await import('./topic-messages');
    this._messagesOpen = true;
    await this.updateComplete;
    await this.renderRoot.querySelector('topic-messages')?.open();
  }

  /** Unit and decimals are chosen in a small dialog, loaded on first use. */
  private async _customize(): Promise<void> {
    await import('./tile-settings');
    this._customizing = true;
    await this.updateComplete;
    this.renderRoot.querySelector('tile-settings')?.open();
  }

  override render() {
    const value = this.value;
    if (!value) return nothing;
    const service = this._service.value;
    const now = service?.clock.state.now ?? Date.now();
    const stale = service ? staleSince(value.receivedAt, service.status.state) : null;
    const payload = value.payload;
    const format = service?.settings.state.tileFormats.find((entry) => entry.topic === value.topic);
    const shown = formattedValue(payload, format);
    return html`<article aria-label=${value.topic} class=${stale === null ? '' : 'stale'}>
      <header>
        <h3>${value.topic}</h3>
        ${stale === null
          ? nothing
          : html`<span class="stale-mark" title="Not live: the connection was lost; a fresh message clears this"
              >stale since ${formatTime(stale)}</span
            >`}
        ${value.whileAway
          ? html`<span class="away" title="Kept by the broker in the persistent session while the dashboard was away: catch-up, not live"
              >received while away</span
            >`
          : nothing}
        ${value.retained ? html`<span class="retained" title="Sent by the broker from its retained store">retained</span>` : nothing}
      </header>
      <p class="value ${payload.kind}">${shown}</p>
      ${this._sparkline(value) ?? nothing}
      <footer>
        <span class="age" title=${formatTimestamp(value.receivedAt)}>${formatAge(now - value.receivedAt)}</span>
        <span>QoS ${value.qos}</span>
        ${value.dup ? html`<span title="The sender may have sent this message before (DUP flag)">duplicate flag</span>` : nothing}
        ${payload.kind === 'binary' ? html`<span>binary · ${formatBytes(payload.bytes)}</span>` : nothing}
        ${payload.truncated && payload.kind !== 'binary'
          ? html`<span>showing ${formatBytes(DISPLAY_LIMIT_BYTES)} of ${formatBytes(payload.bytes)}</span>`
          : nothing}
        <span class="actions">
          <button type="button" aria-label=${`Customize ${value.topic}`} title="Unit, decimals, pin, hide" @click=${() => void this._customize()}>
            ⚙
          </button>
          <button type="button" aria-label=${`History of ${value.topic}`} @click=${() => void this._openMessages()}>History</button>
        </span>
      </footer>
      ${this._customizing
        ? html`<tile-settings .topic=${value.topic} @close=${() => (this._customizing = false)}></tile-settings>`
        : nothing}
      ${this._messagesOpen
        ? html`<topic-messages .topic=${value.topic} @close=${() => (this._messagesOpen = false)}></topic-messages>`
        : nothing}
    </article>`;
  }
}

/** The value as the tile shows it: with the decimals and unit chosen for the topic, else as received. */
function formattedValue(payload: DecodedPayload, format: TileFormat | undefined) {
  if (payload.kind === 'empty') return html`<span class="unit">(empty)</span>`;
  const numeric = (payload.kind === 'number' || payload.kind === 'measure') && payload.value !== undefined;
  const unit = format && format.unit !== '' ? format.unit : payload.kind === 'measure' ? payload.unit : undefined;
  if (!numeric) return payload.text;
  const number = format?.decimals !== null && format?.decimals !== undefined ? (payload.value as number).toFixed(format.decimals) : payload.kind === 'number' ? payload.text : String(payload.value);
  return unit === undefined ? number : html`${number}<span class="unit"> ${unit}</span>`;
}

customElements.define('value-tile', ValueTileElement);

declare global {
  interface HTMLElementTagNameMap {
    'value-tile': ValueTileElement;
  }
}
