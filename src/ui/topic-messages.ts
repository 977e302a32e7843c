import { controlMake } from './controls/control-events';
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { MessageProperties } from '../mqtt/message-properties';
import type { LoggedMessage } from '../state/message-log';
import { dashboardContext } from './dashboard-context';
import { formatTime, formatTimestamp, unitSpace } from './format';
import { msg } from '../i18n/words';
import { commandTopic } from '../sparkplug/metric-write';
import { numericValue } from '../state/numeric-history';
import { commandNote, type FollowedCommand } from './command-note';
import { controlStyles } from './shared-styles';
import { dialogStyles } from './panel-styles';
import { StoreController } from './store-controller';
import './topic-chart';
import './topic-timeline';
import { formatBytes, type DecodedPayload } from '../mqtt/payload';
import './payload-viewer';
import './sparkplug-metric';
import type { MetricWriteEvent } from './sparkplug-metric';
import { problemWords } from './problem-words';
import { breakable, previewOf, visiblePayload } from './safe-text';
import { formatNumber, numberStyle, topicWithBreaks, type NumberStyle } from './value-format';

/** How many of a topic's recent messages are listed. */
const SHOWN = 100;

/**
 * A topic's chart when its values are numbers, and its recent messages, newest first, in a modal dialog: each with its QoS, retain and duplicate
 * flags, whether it was received while away, and its MQTT 5 properties on demand. Loaded only when opened.
 */
export class TopicMessagesElement extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      ol {
        list-style: none;
        margin: 0.75rem 0 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      li {
        border-top: 1px solid var(--border);
        padding-top: 0.5rem;
        display: grid;
        gap: 0.25rem;
      }
      .flags {
        font-size: 0.8rem;
        color: var(--muted);
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
      }
      .away {
        color: var(--warn);
        font-weight: 600;
      }
      .payload {
        margin: 0;
        font-variant-numeric: tabular-nums;
        font-family: var(--mono);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
        max-height: 8rem;
        overflow: auto;
      }
      summary {
        min-height: 44px;
        display: flex;
        align-items: center;
        cursor: pointer;
        font-size: 0.85rem;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 0.75rem;
        font-size: 0.85rem;
      }
      dd {
        margin: 0;
        font-family: var(--mono);
        overflow-wrap: anywhere;
      }
      .none {
        color: var(--muted);
      }
    `,
  ];

  static override properties = { topic: {}, _viewing: { state: true }, _writeOutcome: { state: true }, _written: { state: true } };
  /** What came of the last Sparkplug write from this dialog. */
  /** Why the last Sparkplug write was refused. */
  declare private _writeOutcome: { problem: boolean; text: string } | null;
  /** The last Sparkplug write queued from here, followed in the outbox. */
  declare private _written: FollowedCommand | null;
  declare topic: string;
  /** The message whose whole payload is shown, by its sequence number. */
  declare private _viewing: number | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.topic = '';
    this._viewing = null;
    this._writeOutcome = null;
    this._written = null;
    new StoreController(this, () => this._service.value?.messages ?? undefined);
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => (this._written ? this._service.value?.outbox.store : undefined));
  }

  /** Opens the dialog (the element must be connected). */
  async open(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    this.requestUpdate(); // the chart sizes itself to the open dialog
  }

  /** This topic becomes a new control's state topic: the container that drew the tile opens the control's editor. */
  private _makeControl(): void {
    const topic = this.topic;
    this.renderRoot.querySelector('dialog')?.close();
    this.dispatchEvent(controlMake({ stateTopic: topic }));
  }

  override render() {
    const log = this._service.value?.messages;
    if (!log) void this._service.value?.loadMessages().then(() => this.requestUpdate());
    const messages = log ? log.newest(SHOWN, (message) => message.topic === this.topic) : [];
    const service = this._service.value;
    const kiosk = service?.display.state.kiosk ?? false;
    const shown = service?.topics.get(this.topic);
    const format = service?.settings.state.tileFormats.find((entry) => entry.topic === this.topic);
    const style = shown ? numberStyle(shown.payload, shown.precision, format) : { decimals: 0, unit: undefined };
    const sparkplug = shown?.payload.sparkplug;
    return html`<dialog aria-label=${msg('History of {0}', this.topic)} @close=${this._onClose}>
      <header>
        <h2>${topicWithBreaks(this.topic)}</h2>
        ${kiosk
          ? nothing
          : html`<button type="button" title=${msg('Unit, decimals, pin, hide')} @click=${() => this.dispatchEvent(new Event('customize'))}><span aria-hidden="true">⚙ </span>${msg('Tile settings')}</button>
              ${sparkplug ? nothing : html`<button type="button" @click=${this._makeControl}>${msg('Make a control')}</button>`}`}
        <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${msg('Close')}</button>
      </header>
      ${(service?.history.get(this.topic)?.length ?? 0) > 0 || (shown && numericValue(shown.payload) !== null)
        ? html`<topic-chart .topic=${this.topic} .numbers=${style}></topic-chart>`
        : shown?.payload.kind === 'text'
          ? html`<topic-timeline .topic=${this.topic}></topic-timeline>`
          : nothing}
      ${sparkplug
        ? html`<sparkplug-metric
            .metric=${sparkplug}
            ?writable=${!kiosk || (service?.display.state.kioskCommands ?? false)}
            .outcome=${this._writeOutcome ?? this._writtenNote()}
            @metric-write=${(event: MetricWriteEvent) => void this._write(event)}
          ></sparkplug-metric>`
        : nothing}
      ${messages.length === 0
        ? sparkplug
          ? nothing
          : html`<p class="none">${msg('No message on this topic is left in the recent-message log.')}</p>`
        : html`<ol aria-label=${msg('Recent messages, newest first')}>
            ${messages.map((message) => this._row(message, style))}
          </ol>`}
    </dialog>`;
  }

  private _row(message: LoggedMessage, style: NumberStyle) {
    const text = message.payload.kind === 'empty' ? msg('(empty)') : (numberWithUnit(message.payload, style) ?? visiblePayload(message.payload.text));
    return html`<li aria-label=${msg('Message {0}', message.seq)}>
      <span class="flags">
        <span title=${formatTimestamp(message.receivedAt)}>${formatTime(message.receivedAt)}</span>
        <span>QoS ${message.qos}</span>
        ${message.retained ? html`<span>${msg('retained')}</span>` : nothing}
        ${message.dup ? html`<span title=${msg('The sender may have sent this message before (DUP flag)')}>${msg('duplicate flag')}</span>` : nothing}
        ${message.whileAway
          ? html`<span class="away" title=${msg('Kept by the broker in the persistent session while the dashboard was away')}>${msg('received while away')}</span>`
          : nothing}
      </span>
      ${this._payload(message, text)}
      ${message.properties ? propertiesView(message.properties) : nothing}
    </li>`;
  }

  /** A bounded preview; the whole payload in the viewer, on request. */
  private _payload(message: LoggedMessage, text: string) {
    const preview = previewOf(text);
    if (!preview.cut) return html`<p class="payload" dir="auto">${breakable(text)}</p>`;
    const open = this._viewing === message.seq;
    return html`<p class="payload" dir="auto">${breakable(preview.text)}</p>
      <button type="button" aria-expanded=${open ? 'true' : 'false'} @click=${() => (this._viewing = open ? null : message.seq)}>
        ${open ? msg('Hide the whole payload') : msg('Whole payload ({0})', formatBytes(message.payload.bytes))}
      </button>
      ${open ? html`<payload-viewer .message=${message}></payload-viewer>` : nothing}`;
  }

  /** A Sparkplug B write: checked against the metric's datatype by the engine, then queued in the outbox. */
  private async _write(event: MetricWriteEvent): Promise<void> {
    const service = this._service.value;
    if (!service) return;
    const since = Date.now();
    const problem = await service.writeMetric(event.owner, event.metric, event.value);
    const topic = commandTopic(event.owner);
    this._writeOutcome = problem ? { problem: true, text: problemWords(problem) } : null;
    this._written = problem || topic === null ? null : { topic, since, target: `${event.metric} = ${event.value.trim()}` };
  }

  private _writtenNote(): { problem: boolean; text: string } | null {
    if (!this._written) return null;
    const note = commandNote(this._service.value?.outbox.store, this._written);
    return { problem: note.refused, text: note.text };
  }

  private _onClose(): void {
    this.dispatchEvent(new Event('close'));
  }
}

function propertiesView(properties: MessageProperties) {
  const rows: Array<[string, string]> = [];
  for (const [key, value] of properties.userProperties) rows.push([msg('User property {0}', key), value]);
  if (properties.contentType !== null) rows.push([msg('Content type'), properties.contentType]);
  if (properties.payloadFormat !== null) rows.push([msg('Payload format'), properties.payloadFormat]);
  if (properties.messageExpirySeconds !== null) rows.push([msg('Message expiry'), msg('{0} s left', properties.messageExpirySeconds)]);
  if (properties.responseTopic !== null) rows.push([msg('Response topic'), properties.responseTopic]);
  if (properties.correlationData !== null) rows.push([msg('Correlation data'), properties.correlationData]);
  return html`<details>
    <summary>${msg('MQTT 5 properties ({0})', rows.length)}</summary>
    <dl>${rows.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>
  </details>`;
}

/** "68.0 °C" for a numeric payload, or null when the payload is not a number. */
function numberWithUnit(payload: DecodedPayload, style: NumberStyle): string | null {
  if ((payload.kind !== 'number' && payload.kind !== 'measure') || payload.value === undefined) return null;
  const number = formatNumber(payload.value, style.decimals);
  return style.unit === undefined ? number : `${number}${unitSpace()}${style.unit}`;
}

customElements.define('topic-messages', TopicMessagesElement);

declare global {
  interface HTMLElementTagNameMap {
    'topic-messages': TopicMessagesElement;
  }
}
