import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { topicFilterProblem } from '../mqtt/topic-filter';
import { logFilter } from '../state/log-filter';
import type { LoggedMessage, MessageLog } from '../state/message-log';
import { dashboardContext } from './dashboard-context';
import { LOG_ROW_HEIGHT, MessageSelectEvent } from './log-row';
import './payload-viewer';
import { controlStyles } from './shared-styles';
import { detailPaneStyles, virtualListStyles } from './panel-styles';
import { StoreController } from './store-controller';
import { ScrollWindow } from './virtual-rows';
import { problemWords } from './problem-words';
import { msg } from '../i18n/words';
import { formatCount } from './format';

const CAPACITIES = [1000, 10_000, 50_000, 100_000];

/**
 * The most recent messages across all topics, newest first: filter by topic filter and by text; Pause
 * freezes the view while counting goes on; a selected message opens in the payload viewer. Virtualized:
 * only the rows in view are drawn.
 */
export class MessageLogViewElement extends LitElement {
  static override styles = [
    controlStyles,
    virtualListStyles,
    detailPaneStyles,
    css`
      .controls {
        display: grid;
        grid-template-columns: 1fr 1fr auto auto;
        gap: 0.5rem;
        align-items: end;
      }
      .summary,
      .problem {
        font-size: 0.85rem;
        margin: 0.5rem 0;
      }
      .summary {
        color: var(--muted);
      }
      .problem {
        color: var(--danger);
      }
      @media (max-width: 40rem) {
        .controls {
          grid-template-columns: 1fr 1fr;
        }
      }
    `,
  ];

  static override properties = {
    _filter: { state: true },
    _text: { state: true },
    _paused: { state: true },
    _selected: { state: true },
  };
  declare private _filter: string;
  declare private _text: string;
  /** The view frozen by Pause, and how many messages had come by then. */
  declare private _paused: { rows: LoggedMessage[]; total: number } | null;
  declare private _selected: LoggedMessage | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  private readonly _scroll = new ScrollWindow(this);

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.messages ?? undefined);
    this._filter = '';
    this._text = '';
    this._paused = null;
    this._selected = null;
  }

  override render() {
    const log = this._service.value?.messages;
    if (!log) {
      void this._service.value?.loadMessages().then(() => this.requestUpdate());
      return nothing;
    }
    const problem = this._filter.trim() === '' ? null : topicFilterProblem(this._filter.trim());
    const rows = this._rows(log, problem === null);
    const window = this._scroll.rows(rows.count, LOG_ROW_HEIGHT);
    const drawn: LoggedMessage[] = [];
    for (let index = window.first; index < window.end; index++) {
      const message = rows.at(index);
      if (message) drawn.push(message);
    }
    const since = this._paused ? log.total - this._paused.total : 0;
    return html`<section aria-label=${msg('Message log')} class=${this._selected ? 'with-detail' : ''}>
      <div class="list">
      <div class="controls">
        <label>${msg('Topic filter')} <input name="filter" placeholder="usine/+/pression" spellcheck="false" autocapitalize="off" .value=${this._filter} @input=${(event: Event) => (this._filter = (event.target as HTMLInputElement).value)} /></label>
        <label>${msg('Text')} <input name="text" placeholder=${msg('text to find')} spellcheck="false" .value=${this._text} @input=${(event: Event) => (this._text = (event.target as HTMLInputElement).value)} /></label>
        <button type="button" @click=${this._togglePause}>${this._paused ? msg('Resume') : msg('Pause')}</button>
        <label
          >${msg('Keep')}
          <select name="capacity" @change=${this._onCapacity}>
            ${CAPACITIES.map((capacity) => html`<option value=${capacity} ?selected=${capacity === log.capacity}>${formatCount(capacity)}</option>`)}
          </select></label
        >
      </div>
      ${problem ? html`<p class="problem" role="alert">${problemWords(problem)}</p>` : nothing}
      <p class="summary" role="status" aria-live="off">
        ${this._paused
          ? msg('Paused: {0} new messages since. Resume to catch up.', formatCount(since))
          : msg('{0} shown of the last {1} kept · {2} received', formatCount(rows.count), formatCount(log.size), formatCount(log.total))}
      </p>
      <div class="rows">
        <ol aria-label=${msg('Messages, newest first')} @message-select=${(event: MessageSelectEvent) => (this._selected = event.message)}>
          ${drawn.map((message) => html`<log-row .message=${message} ?selected=${this._selected?.seq === message.seq}></log-row>`)}
        </ol>
      </div>
      </div>
      ${this._selected
        ? html`<div class="detail-pane">
            <button type="button" class="close" @click=${() => (this._selected = null)}>${msg('Close')}</button>
            <payload-viewer .message=${this._selected}></payload-viewer>
          </div>`
        : nothing}
    </section>`;
  }

  override updated(): void {
    const rows = this.renderRoot.querySelector<HTMLElement>('.rows');
    this._scroll.attach(rows);
    this._scroll.applySpacing(rows?.querySelector('ol') ?? null);
  }

  /** The rows to list: without filter or pause, read straight from the ring (no copy of 10,000 rows each frame). */
  private _rows(log: MessageLog, filterValid: boolean): { count: number; at: (index: number) => LoggedMessage | undefined } {
    const frozen = this._paused?.rows;
    if (frozen) return { count: frozen.length, at: (index) => frozen[index] };
    if (filterValid && this._filter.trim() === '' && this._text.trim() === '') return { count: log.size, at: (index) => log.fromNewest(index) };
    const matching = this._matching(filterValid);
    return { count: matching.length, at: (index) => matching[index] };
  }

  private _matching(filterValid: boolean): LoggedMessage[] {
    const log = this._service.value?.messages;
    if (!log) return [];
    if (!filterValid) return [];
    return log.newest(log.size, logFilter(this._filter, this._text));
  }

  private _togglePause(): void {
    const log = this._service.value?.messages;
    if (!log) return;
    this._paused = this._paused ? null : { rows: this._matching(true), total: log.total };
  }

  private _onCapacity(event: Event): void {
    const capacity = Number((event.target as HTMLSelectElement).value);
    void this._service.value?.preferences().then((preferences) => preferences.setLogCapacity(capacity));
  }
}

customElements.define('message-log-view', MessageLogViewElement);

declare global {
  interface HTMLElementTagNameMap {
    'message-log-view': MessageLogViewElement;
  }
}
