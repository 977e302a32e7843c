import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';
import type { Series } from '../engine/engine-frame';
import { historyCsv } from '../state/history-figures';
import type { TopicValue } from '../state/topic-store';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';
import { formatNumber, type NumberStyle } from './value-format';
import { formatCount, formatTickTime, unitSpace } from './format';
import { language, msg, msgPlural } from '../i18n/words';
import { chartData, seriesFrom, viewFigures } from './chart-data';

const HEIGHT = 240;

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
      /* Canvas takes colours, not CSS variables: these probes resolve the theme's (light-dark() included). */
      .probe {
        display: none;
      }
      .probe.line {
        color: var(--accent);
      }
      .probe.label {
        color: var(--muted);
      }
      .probe.grid {
        color: var(--border);
      }
      .stats {
        font-variant-numeric: tabular-nums;
        margin: 0.25rem 0;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        align-items: center;
        margin-bottom: 0.5rem;
      }
      /* The range shown: said by more than colour (a thicker border and bold words). */
      button[aria-pressed='true'] {
        border: 2px solid var(--accent);
        color: var(--accent);
        font-weight: 700;
      }
    `,
  ];

  static override properties = { topic: {}, numbers: { attribute: false }, _zoomed: { state: true }, _range: { state: true } };
  /** The time range shown (ms back from now), or null for everything kept. */
  declare private _range: number | null;
  declare topic: string;
  /** How the topic's numbers are written (the tile's decimals and unit). */
  declare numbers: NumberStyle;
  declare private _zoomed: boolean;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  private _plot: uPlot | null = null;
  private _plotColours = '';
  private _resizes: ResizeObserver | null = null;
  /** The series as the engine last sent it; asked for again when the topic's value changes. */
  private _series: Series = { times: new Float64Array(0), values: new Float64Array(0) };
  private _seriesOf: TopicValue | undefined | null = null;
  private _asking = false;
  private _askAgain = false;

  constructor() {
    super();
    this.topic = '';
    this.numbers = { decimals: 0, unit: undefined };
    this._zoomed = false;
    this._range = null;
    new StoreController(this, () => this._service.value?.topics);
  }

  override willUpdate(): void {
    const value = this._service.value?.topics.get(this.topic);
    if (value === this._seriesOf) return;
    this._seriesOf = value;
    this._askForSeries();
  }

  /** One question at a time: under a flood of values the chart follows as fast as answers come. */
  private _askForSeries(): void {
    const service = this._service.value;
    if (!service) return;
    if (this._asking) {
      this._askAgain = true;
      return;
    }
    this._asking = true;
    void service
      .series(this.topic)
      .then((series) => {
        this._series = series;
        this.requestUpdate();
      })
      .catch(() => undefined)
      .finally(() => {
        this._asking = false;
        if (this._askAgain) {
          this._askAgain = false;
          this._askForSeries();
        }
      });
  }

  override render() {
    const points = this._points();
    const stats = this._inView(points);
    const written = (value: number) => {
      const number = formatNumber(value, this.numbers.decimals);
      return this.numbers.unit === undefined ? number : `${number}${unitSpace()}${this.numbers.unit}`;
    };
    const shown = stats?.count ?? 0;
    const count = this._zoomed
      ? msgPlural(shown, '{0} point in view', '{0} points in view', formatCount(shown))
      : msgPlural(shown, '{0} point', '{0} points', formatCount(shown));
    // A status, but not read out as it changes (with every message while the chart is open).
    return html`<figure aria-label=${msg('Chart of {0}', this.topic)}>
      <span class="probe line"></span><span class="probe label"></span><span class="probe grid"></span>
      <div class="plot" aria-hidden="true"></div>
      <figcaption class="stats" role="status" aria-live="off">
        ${stats
          ? `${count} · ${msg('min {0} · max {1} · average {2}', written(stats.min), written(stats.max), written(stats.average))}`
          : msg('No numeric value yet.')}
      </figcaption>
      <div class="actions" role="group" aria-label=${msg('Time range')}>
        ${RANGES.map(
          ([range, words]) =>
            html`<button type="button" aria-pressed=${this._range === range ? 'true' : 'false'} @click=${() => ((this._range = range), (this._zoomed = false))}>${words()}</button>`,
        )}
      </div>
      <div class="actions">
        ${this._zoomed ? html`<button type="button" @click=${this._resetZoom}>${msg('Show all')}</button>` : nothing}
        <button type="button" aria-describedby="csv-note" @click=${this._exportCsv}>${msg('Export CSV')}</button>
        <small class="note" id="csv-note">${msg('For spreadsheets and scripts: ISO 8601 times (UTC) and dot decimals, whatever the screen’s language')}</small>
      </div>
    </figure>`;
  }

  override updated(): void {
    const points = this._points();
    // A chart scales by max − min: from -1e308 to 1e308 that is Infinity, and every point NaN. Such values
    // are drawn divided by SCALE_DOWN, and the axis written with their real size.
    let largest = 0;
    for (const value of points.values) largest = Math.max(largest, Math.abs(value));
    for (const value of points.highs ?? []) if (!Number.isNaN(value)) largest = Math.max(largest, Math.abs(value));
    for (const value of points.lows ?? []) if (!Number.isNaN(value)) largest = Math.max(largest, Math.abs(value));
    const factor = largest > 1e300 ? SCALE_DOWN : 1;
    const data = chartData(points, factor);
    const banded = data.length === 4;
    const colours = `${this._colours()}|${factor}|${language()}|${banded}`;
    if (this._plot && colours === this._plotColours) {
      this._plot.setData(data, !this._zoomed);
      this._aroundOnePoint(data);
      return;
    }
    this._plot?.destroy(); // the theme changed: canvas colours are fixed when drawn
    const container = this.renderRoot.querySelector('.plot') as HTMLElement | null;
    if (!container) return;
    const [line, label, grid] = colours.split('|') as [string, string, string];
    this._plotColours = colours;
    const decimals = this.numbers.decimals;
    const axis = { stroke: label, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    this._plot = new uPlot(
      {
        width: Math.max(280, container.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        series: [
          {},
          { label: this.topic, stroke: line, width: 2, points: { show: points.times.length < 60, fill: line } },
          // Thinned points' low and high: no line of their own, the band between them.
          ...(banded ? [{ stroke: 'transparent', width: 0, points: { show: false } }, { stroke: 'transparent', width: 0, points: { show: false } }] : []),
        ],
        ...(banded ? { bands: [{ series: [3, 2] as [number, number], fill: translucent(line) }] } : {}),
        axes: [
          // Times as the rest of the app writes them, in the screen's language (24-hour in French).
          { ...axis, space: 70, values: (_plot, ticks, _axis, _space, step) => ticks.map((tick) => formatTickTime(tick * 1000, step)) },
          // The tile's decimals, or more when the ticks are closer together than they show.
          { ...axis, size: 60, values: (_plot, ticks, _axis, _space, step) => ticks.map((tick) => formatNumber(tick * factor, Math.max(decimals, stepDecimals(step * factor)))) },
        ],
        hooks: { setSelect: [() => (this._zoomed = true)] },
      },
      data,
      container,
    );
    this._aroundOnePoint(data);
    this._resizes?.disconnect();
    this._resizes = new ResizeObserver(() => this._plot?.setSize({ width: Math.max(280, container.clientWidth), height: HEIGHT }));
    this._resizes.observe(container);
  }

  /** One point (a setpoint that rarely changes): the time axis spans a minute either side of it, not years. */
  private _aroundOnePoint(data: uPlot.AlignedData): void {
    const [times] = data;
    const only = times.length === 1 ? times[0] : undefined;
    if (only !== undefined && !this._zoomed) this._plot?.setScale('x', { min: only - 60, max: only + 60 });
  }

  /** The line, label and grid colours of the current theme, resolved to rgb() by the browser. */
  private _colours(): string {
    const probe = (name: string, fallback: string) => {
      const element = this.renderRoot.querySelector(`.probe.${name}`);
      return element ? getComputedStyle(element).color || fallback : fallback;
    };
    return `${probe('line', 'rgb(37, 99, 235)')}|${probe('label', 'rgb(110, 110, 110)')}|${probe('grid', 'rgb(200, 200, 200)')}`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._plot?.destroy();
    this._plot = null;
    this._resizes?.disconnect();
  }

  /** The points of the range chosen, with their breaks. */
  private _points(): Series {
    return this._range === null ? this._series : seriesFrom(this._series, Date.now() - this._range);
  }

  /** The figures of the zoomed time range, or of all the points. */
  private _inView(points: Series): ReturnType<typeof viewFigures> {
    const scale = this._plot?.scales['x'];
    if (!this._zoomed || !scale || scale.min === undefined || scale.max === undefined) return viewFigures(points);
    return viewFigures(points, scale.min * 1000, scale.max * 1000);
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

/** The ranges a chart offers: the last quarter hour to everything kept (a week, older than a day thinned). */
const RANGES: ReadonlyArray<readonly [number | null, () => string]> = [
  [15 * 60_000, () => msg('15 min')],
  [3_600_000, () => msg('1 h')],
  [8 * 3_600_000, () => msg('8 h')],
  [24 * 3_600_000, () => msg('24 h')],
  [null, () => msg('All')],
];

/** The line's colour, see-through, for the band of thinned points' lows and highs. */
function translucent(colour: string): string {
  const parts = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  return parts ? `rgba(${parts[1]}, ${parts[2]}, ${parts[3]}, 0.25)` : colour;
}

/** How many decimals tell apart ticks this far apart (0.05 needs 2). */
const SCALE_DOWN = 1e10;

function stepDecimals(step: number): number {
  if (!(step > 0) || step >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

customElements.define('topic-chart', TopicChartElement);

declare global {
  interface HTMLElementTagNameMap {
    'topic-chart': TopicChartElement;
  }
}
