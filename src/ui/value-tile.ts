import { OnScreen, offScreen } from './on-screen';
import { LitElement, css, html, nothing } from 'lit';
import { formatBytes, type DecodedPayload } from '../mqtt/payload';
import { PREVIEW_CHARACTERS, breakable, previewOf, visiblePayload, visibleTopic } from './safe-text';
import type { DeviceState } from '../state/presence-store';
import { staleSince } from '../state/staleness';
import type { TopicValue } from '../state/topic-store';
import { formatAge, formatTime, formatTimestamp, unitSpace } from './format';
import { sparkline } from './sparkline';
import { TileOpenEvent, type TileView } from './tile-view';
import { formatNumber, numberStyle, topicWithBreaks, type NumberStyle } from './value-format';
import { language, msg } from '../i18n/words';

/**
 * One topic's latest value, its age, QoS and retained mark. Broker data is rendered as text only.
 * A leaf: it shows its properties and raises `tile-open` (TileOpenEvent) when tapped; the container that
 * draws it opens the detail.
 */
export class ValueTileElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
      /* A tile's changes never move anything outside it; off-screen tiles are not laid out or painted. */
      contain: content;
      content-visibility: auto;
      contain-intrinsic-size: auto 8.5rem;
    }
    article {
      position: relative;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 10px;
      padding: 0.8rem 0.9rem 0.6rem; /* room for an alarm's tab, hanging from the top edge */
      /* Block flow, not a grid: a grid sizes its column from every child's min- and max-content width,
         which for wrapped topics and values means measuring every break opportunity of every tile. */
      display: block;
      box-sizing: border-box;
      min-width: 0;
    }
    article > * + :not(h3) {
      margin-top: 0.2rem;
    }
    /* The whole tile is the button that opens its detail; the text stays selectable above nothing else. */
    .open {
      position: absolute;
      inset: 0;
      width: 100%;
      border: none;
      border-radius: 10px;
      background: none;
      cursor: pointer;
      padding: 0;
    }
    .open:focus-visible {
      outline: 3px solid var(--accent);
      outline-offset: 2px;
    }
    article:hover {
      border-color: var(--accent);
    }
    h3,
    p,
    footer {
      pointer-events: none;
      margin: 0;
      min-width: 0;
    }
    h3 {
      font-size: 0.95rem;
      font-weight: 600;
      overflow-wrap: break-word;
    }
    .topic {
      font-family: var(--mono);
      font-size: 0.72rem;
      color: var(--muted);
      overflow-wrap: break-word;
    }
    .value {
      font-size: 2rem;
      font-weight: 650;
      line-height: 1.15;
      font-variant-numeric: tabular-nums;
      overflow-wrap: anywhere;
      max-height: 6.5rem;
      overflow: hidden;
    }
    /* 64-bit integers: up to 20 digits, wrapping only between groups of three (see exactDigits). */
    .value.long {
      font-size: 1.05rem;
    }
    .value.text {
      font-size: 1.25rem;
      font-weight: 500;
    }
    .value.binary,
    .value.json {
      font-family: var(--mono);
      font-size: 0.85rem;
      font-weight: 400;
    }
    .unit {
      font-size: 1rem;
      color: var(--muted);
      font-weight: 500;
    }
    .sparkline {
      display: block;
      color: var(--accent);
      width: 100%;
      height: 24px;
      pointer-events: none;
    }
    footer {
      font-size: 0.78rem;
      color: var(--muted);
      display: flex;
      flex-wrap: wrap;
      gap: 0.15rem 0.6rem;
      font-variant-numeric: tabular-nums;
    }
    .mark {
      color: var(--warn);
      font-weight: 600;
    }
    .retained {
      color: var(--accent);
    }
    article.stale,
    article.device-offline {
      border-style: dashed;
    }
    /* Dimmed with a dashed border, a mark and a word; the colour still reads at 4.5:1. */
    article.stale .value,
    article.device-offline .value,
    article.stale .sparkline,
    article.device-offline .sparkline {
      color: var(--muted);
    }
    .offline-mark {
      color: var(--danger);
    }
  `;

  static override properties = {
    value: { attribute: false },
    label: {},
    deviceState: { attribute: false },
    view: { attribute: false },
  };
  declare value: TopicValue | undefined;
  /** The tile's name: under a device, the rest of the topic (`température`); the whole topic otherwise. */
  declare label: string | undefined;
  /** The presence of the device the topic belongs to, if any: an offline device's values are dimmed. */
  declare deviceState: DeviceState | undefined;
  /** The clock, the connection's status, the formats and the trends, shared by every tile of a container. */
  declare view: TileView | undefined;

  /** The sparkline changes only with the value: not redrawn on the clock's ticks. */
  /** Whether it is on screen (it skips clock-only redraws out of view). */
  readonly onScreen = new OnScreen(this);
  private _sparkFor: TopicValue | null = null;
  private _spark: ReturnType<typeof sparkline> = null;

  /**
   * A new view alone redraws a tile in view for a tick of the clock or a change of its own alarm mark (the
   * alarms change many times a second when many are set: not every tile); out of view, a tick waits until
   * the tile is seen (anything else redraws it).
   */
  protected override shouldUpdate(changed: Map<PropertyKey, unknown>): boolean {
    // (A switch of language redraws every tile, seen or not.)
    const before = changed.get('view') as TileView | undefined;
    const view = this.view;
    if (changed.size !== 1 || !before || !view || this._drawnValue !== this.value || this._drawnLanguage !== language() || before.status !== view.status || before.formats !== view.formats) return true;
    const topic = String(this.value?.topic);
    return !offScreen(this) && (before.now !== view.now || before.alarmOf(topic) !== view.alarmOf(topic));
  }

  /** The value last drawn. */
  private _drawnValue: TopicValue | undefined = undefined;

  private _sparkLanguage = language();

  /** The language the tile was last drawn in. */
  private _drawnLanguage = language();

  protected override updated(): void {
    this._drawnValue = this.value;
    this._drawnLanguage = language();
  }

  /** The time received, in full, for the age's tooltip: written once per value, not on every tick. */
  private _receivedTitle = '';

  private _sparkline(value: TopicValue): ReturnType<typeof sparkline> {
    if (value !== this._sparkFor || this._sparkLanguage !== language()) {
      this._sparkFor = value;
      this._sparkLanguage = language();
      this._spark = sparkline(this.view?.trendOf(value.topic) ?? []);
      this._receivedTitle = formatTimestamp(value.receivedAt);
    }
    return this._spark;
  }

  override render() {
    const value = this.value;
    if (!value) return nothing;
    const view = this.view;
    const now = view?.now ?? Date.now();
    const stale = view ? staleSince(value.receivedAt, view.status, value.qos) : null;
    const deviceOffline = this.deviceState === 'offline';
    const payload = value.payload;
    const format = view?.formats.find((entry) => entry.topic === value.topic);
    const shownTopic = visibleTopic(value.topic); // a spoof with a zero-width space has another name, to the ear too
    const label = this.label && this.label !== shownTopic ? this.label : null;
    const alarm = view?.alarmOf(value.topic);
    const classes = `${stale === null ? '' : 'stale'} ${deviceOffline ? 'device-offline' : ''}`;
    const style = numberStyle(payload, value.precision, format);
    const marks = [
      alarm?.words,
      deviceOffline ? offlineWords(payload) : null,
      stale === null ? null : msg('stale since {0}', formatTime(stale)),
      value.whileAway ? msg('received while away') : null,
      value.retained ? msg('retained') : null,
    ].filter(Boolean);
    // What a glance gives, to the ear: name, value and unit, state, age.
    const spoken = [label ?? shownTopic, spokenValue(payload, style), ...marks, formatAge(now - value.receivedAt)].join(', ');
    return html`<article aria-label=${shownTopic} class=${classes}>
      <button type="button" class="open" aria-label=${spoken} title=${msg('Chart, recent messages and settings of this tile')} @click=${() => this.dispatchEvent(new TileOpenEvent(value.topic))}></button>
      ${alarm ? html`<alarm-mark .alarm=${alarm}></alarm-mark>` : nothing}
      <h3>${label ? breakable(label) : topicWithBreaks(value.topic)}</h3>
      ${label ? html`<p class="topic">${topicWithBreaks(value.topic)}</p>` : nothing}
      <p class="value ${payload.kind} ${(payload.exact?.length ?? 0) > 12 ? 'long' : ''}" dir="auto">${shownValue(payload, style)}</p>
      ${this._sparkline(value) ?? nothing}
      <footer>
        <span class="age" title=${this._receivedTitle}>${formatAge(now - value.receivedAt)}</span>
        <span class="qos">QoS ${value.qos}</span>
        ${deviceOffline ? offlineMark(payload) : nothing}
        ${payload.sparkplug ? html`<span class="datatype" title=${msg('Sparkplug B datatype')}>${payload.sparkplug.type}</span>` : nothing}
        ${stale === null
          ? nothing
          : html`<span class="mark" title=${msg('Not live: the connection was lost; a fresh message clears this')}>⚠ ${msg('stale since {0}', formatTime(stale))}</span>`}
        ${value.whileAway
          ? html`<span class="mark" title=${msg('Kept by the broker in the persistent session while the dashboard was away: catch-up, not live')}>${msg('received while away')}</span>`
          : nothing}
        ${value.retained ? html`<span class="retained" title=${msg('Sent by the broker from its retained store')}>${msg('retained')}</span>` : nothing}
        ${value.dup ? html`<span title=${msg('The sender may have sent this message before (DUP flag)')}>${msg('duplicate flag')}</span>` : nothing}
        ${payload.notFinite ? html`<span title=${msg('Shown as sent; charts leave it out')}>${msg('not a finite number · not charted')}</span>` : nothing}
        ${payload.kind === 'binary' ? html`<span>${msg('binary · {0}', formatBytes(payload.bytes))}</span>` : nothing}
        ${payload.kind !== 'binary' && (payload.truncated || payload.text.length > PREVIEW_CHARACTERS)
          ? html`<span title=${msg('Open the tile, then a message, to see the whole payload')}>${msg('preview of {0}', formatBytes(payload.bytes))}</span>`
          : nothing}
      </footer>
    </article>`;
  }
}


/** The device (or Sparkplug node) is offline: the value is its last one, stale. */
function offlineMark(payload: DecodedPayload) {
  const owner = payload.sparkplug?.owner;
  if (owner === undefined) return html`<span class="mark offline-mark" title=${msg('The device this topic belongs to is offline: the value is its last one')}>${offlineWords(payload)}</span>`;
  const node = owner.split('/').length === 2;
  const title = node
    ? msg('The Sparkplug node {0} is offline (its death certificate came): the value is its last one', owner)
    : msg('The Sparkplug device {0} is offline (its death certificate came): the value is its last one', owner);
  return html`<span class="mark offline-mark" title=${title}>${offlineWords(payload)}</span>`;
}

function offlineWords(payload: DecodedPayload): string {
  const owner = payload.sparkplug?.owner;
  if (owner === undefined) return msg('device offline');
  return owner.split('/').length === 2 ? msg('stale · node offline') : msg('stale · device offline');
}

/** The value as words for a screen reader: the number with its unit, or the text. */
function spokenValue(payload: DecodedPayload, style: NumberStyle): string {
  if (payload.kind === 'empty') return msg('(empty)');
  if (payload.undecodable !== undefined) return msg('Undecodable Sparkplug B payload ({0})', formatBytes(payload.bytes));
  if (payload.exact !== undefined) return style.unit === undefined ? payload.exact : `${payload.exact} ${style.unit}`;
  if ((payload.kind !== 'number' && payload.kind !== 'measure') || payload.value === undefined) return visiblePayload(previewOf(payload.text).text.slice(0, 120));
  const number = formatNumber(payload.value, style.decimals);
  return style.unit === undefined ? number : `${number}${unitSpace()}${style.unit}`;
}

/**
 * A 64-bit integer's digits, all of them, with break points between groups of three (from the right): on a
 * narrow tile it wraps as `9007199254 / 740993`, never inside a group, and copies as one number.
 */
function exactDigits(text: string) {
  const head = text.length % 3 || 3;
  const groups = [text.slice(0, head)];
  for (let at = head; at < text.length; at += 3) groups.push(text.slice(at, at + 3));
  return groups.map((group, index) => (index === 0 ? group : html`<wbr />${group}`));
}

/** The value as the tile shows it: numbers with their decimals and unit (64-bit integers exact), other payloads as received. */
function shownValue(payload: DecodedPayload, style: NumberStyle) {
  if (payload.kind === 'empty') return html`<span class="unit">${msg('(empty)')}</span>`;
  if (payload.undecodable !== undefined) return msg('Undecodable Sparkplug B payload ({0})', formatBytes(payload.bytes));
  if (payload.exact !== undefined) {
    const digits = exactDigits(payload.exact);
    return style.unit === undefined ? digits : html`${digits}<span class="unit">${unitSpace()}${style.unit}</span>`;
  }
  if ((payload.kind !== 'number' && payload.kind !== 'measure') || payload.value === undefined) return breakable(visiblePayload(previewOf(payload.text).text));
  const number = formatNumber(payload.value, style.decimals);
  return style.unit === undefined ? number : html`${number}<span class="unit">${unitSpace()}${style.unit}</span>`;
}

customElements.define('value-tile', ValueTileElement);

declare global {
  interface HTMLElementTagNameMap {
    'value-tile': ValueTileElement;
  }
}
