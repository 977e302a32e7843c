import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';
import { historyCsv, summarize } from '../state/numeric-history';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';

const HEIGHT = 240;
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

/**
 * A topic's numeric history as a chart with a time axis (uPlot): drag across it to zoom, with the
 * minimum, maximum and average of what is in view, and the history as a CSV file. Loaded only when opened.
 */
export class TopicChartElement extends LitElement {
  static override styles = [
    controlStyles,
    unsafeCSS(uPlotStyles),
    css`
      .plot {
        min-height: ${HEIGHT}px;
      }
      .stats {
        font-variant-numeric: tabular-nums;
        margin: 0.25rem 0;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    `,
  ];

  static override properties = { topic: {}, _zoomed: { state: true } };
  declare topic: string;
  declare private _zoomed: boolean;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  private _plot: uPlot | null = null;

  constructor() {
    super();
    this.topic = '';
    this._zoomed = false;
    new StoreController(this, () => this._service.value?.topics);
  }

  override render() {
    const points = this._points();
    const shown = this._inView(points);
    const stats = summarize(shown);
    return html`<figure aria-label=${`Chart of ${this.topic}`}>
      <div class="plot"></div>
      <figcaption class="stats" role="status">
        ${stats
          ? `${shown.length} points${this._zoomed ? ' in view' : ''} · min ${number.format(stats.min)} · max ${number.format(stats.max)} · average ${number.format(stats.average)}`
          : 'No numeric value yet.'}
      </figcaption>
      <div class="actions">
        ${this._zoomed ? html`<button type="button" @click=${this._resetZoom}>Show all</button>` : nothing}
        <button type="button" @click=${this._exportCsv}>Export CSV</button>
      </div>
    </figure>`;
  }

  override updated(): void {
    const points = this._points();
    const data: uPlot.AlignedData = [points.times.map((time) => time / 1000), points.values];
    if (this._plot) {
      this._plot.setData(data, !this._zoomed);
      return;
    }
    const container = this.renderRoot.querySelector('.plot') as HTMLElement | null;
    if (!container) return;
    const accent = getComputedStyle(this).getPropertyValue('--accent').trim() || '#2563eb';
    const muted = getComputedStyle(this).getPropertyValue('--muted').trim() || '#888';
    this._plot = new uPlot(
      {
        width: Math.max(280, container.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        series: [{}, { label: this.topic, stroke: accent, width: 2, points: { show: points.times.length < 60 } }],
        axes: [{ stroke: muted }, { stroke: muted }],
        hooks: { setSelect: [() => (this._zoomed = true)] },
      },
      data,
      container,
    );
    new ResizeObserver(() => this._plot?.setSize({ width: Math.max(280, container.clientWidth), height: HEIGHT })).observe(container);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._plot?.destroy();
    this._plot = null;
  }

  private _points(): { times: Float64Array; values: Float64Array } {
    return this._service.value?.history.get(this.topic)?.read() ?? { times: new Float64Array(0), values: new Float64Array(0) };
  }

  /** The values within the zoomed time range, or all of them. */
  private _inView(points: { times: Float64Array; values: Float64Array }): Float64Array {
    const scale = this._plot?.scales['x'];
    if (!this._zoomed || !scale || scale.min === undefined || scale.max === undefined) return points.values;
    const from = scale.min * 1000;
    const to = scale.max * 1000;
    return points.values.filter((_, index) => (points.times[index] as number) >= from && (points.times[index] as number) <= to);
  }

  private _resetZoom(): void {
    this._zoomed = false;
  }

  private _exportCsv(): void {
    const { times, values } = this._points();
    const blob = new Blob([historyCsv(this.topic, times, values)], { type: 'text/csv' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${this.topic.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}

customElements.define('topic-chart', TopicChartElement);

declare global {
  interface HTMLElementTagNameMap {
    'topic-chart': TopicChartElement;
  }
}
