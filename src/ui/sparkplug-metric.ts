import { LitElement, css, html, nothing } from 'lit';
import type { SparkplugTile } from '../mqtt/payload';
import { formatTimestamp } from './format';
import { controlStyles } from './shared-styles';
import { msg } from '../i18n/words';

/** The user wrote a value for a Sparkplug B metric. Raised by <sparkplug-metric>; the container queues it. */
export class MetricWriteEvent extends Event {
  constructor(
    readonly owner: string,
    readonly metric: string,
    readonly value: string,
  ) {
    super('metric-write', { bubbles: true, composed: true });
  }
}

/**
 * What a Sparkplug B metric is: its node or device, its datatype and unit, its own timestamp, a DataSet as
 * a table; and a form to write it (NCMD / DCMD). A leaf: it raises `metric-write`, and shows `outcome`.
 * Broker data (names, cells) is rendered as text only.
 */
export class SparkplugMetricElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        margin-top: 0.75rem;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 0.75rem;
        font-size: 0.9rem;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        font-family: var(--mono);
        overflow-wrap: anywhere;
      }
      .table {
        overflow: auto;
        max-height: 16rem;
        margin-top: 0.5rem;
      }
      table {
        border-collapse: collapse;
        font-family: var(--mono);
        font-size: 0.85rem;
      }
      th,
      td {
        border: 1px solid var(--border);
        padding: 0.2rem 0.5rem;
        text-align: left;
        white-space: nowrap;
      }
      th small {
        display: block;
        color: var(--muted);
        font-weight: 400;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
      label {
        display: grid;
        gap: 0.2rem;
        flex: 1 1 12rem;
      }
      .outcome {
        margin: 0.4rem 0 0;
        font-size: 0.9rem;
      }
      .outcome.problem {
        color: var(--danger);
      }
    `,
  ];

  static override properties = {
    metric: { attribute: false },
    writable: { type: Boolean },
    outcome: { attribute: false },
  };
  declare metric: SparkplugTile | undefined;
  /** Whether writes are offered (not in a read-only kiosk). */
  declare writable: boolean;
  /** What came of the last write: queued, or what is wrong (in words). */
  declare outcome: { problem: boolean; text: string } | null;

  constructor() {
    super();
    this.writable = true;
    this.outcome = null;
  }

  private _write(event: SubmitEvent, metric: SparkplugTile): void {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get('value');
    this.dispatchEvent(new MetricWriteEvent(metric.owner, metric.metric, String(value ?? '')));
  }

  override render() {
    const metric = this.metric;
    if (!metric) return nothing;
    const member = metric.owner.split('/').length === 2 ? msg('Edge node') : msg('Device');
    const table = metric.table;
    // Numbers open a keypad with a decimal separator (and the sign where the keyboard has one).
    const numeric = metric.datatype >= 1 && metric.datatype <= 10;
    return html`<section aria-label=${msg('Sparkplug B metric')}>
      <dl>
        <dt>${msg('Metric')}</dt>
        <dd dir="auto">${metric.metric}</dd>
        <dt>${member}</dt>
        <dd dir="auto">${metric.owner}</dd>
        <dt>${msg('Datatype')}</dt>
        <dd>${metric.type}</dd>
        ${metric.timestamp === null ? nothing : html`<dt>${msg('Metric timestamp')}</dt><dd>${formatTimestamp(metric.timestamp)}</dd>`}
      </dl>
      ${table ? datasetTable(table) : nothing}
      ${this.writable && WRITABLE.has(metric.datatype)
        ? html`<form @submit=${(event: SubmitEvent) => this._write(event, metric)}>
            <label>${msg('New value ({0})', metric.type)} <input name="value" autocomplete="off" spellcheck="false" inputmode=${numeric ? 'decimal' : 'text'} /></label>
            <button type="submit" class="primary">${msg('Write')}</button>
          </form>`
        : nothing}
      ${this.outcome ? html`<p class="outcome ${this.outcome.problem ? 'problem' : ''}" role="status">${this.outcome.text}</p>` : nothing}
    </section>`;
  }
}

/** The datatypes a value can be typed for: integers, floats, booleans, text, dates and UUIDs. */
const WRITABLE = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

function datasetTable(table: NonNullable<SparkplugTile['table']>) {
  return html`<div class="table">
    <table aria-label=${msg('DataSet')}>
      <thead>
        <tr>
          ${table.columns.map((column, index) => html`<th scope="col">${column} <small>${table.types[index] ?? ''}</small></th>`)}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}
      </tbody>
    </table>
  </div>`;
}

customElements.define('sparkplug-metric', SparkplugMetricElement);

declare global {
  interface HTMLElementTagNameMap {
    'sparkplug-metric': SparkplugMetricElement;
  }
  interface HTMLElementEventMap {
    'metric-write': MetricWriteEvent;
  }
}
