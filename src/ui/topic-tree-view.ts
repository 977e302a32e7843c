import { visiblePayload, visibleTopic } from './safe-text';
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { TreeRow } from '../state/topic-tree';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { detailPaneStyles, virtualListStyles } from './panel-styles';
import { StoreController } from './store-controller';
import { TileDetailController } from './tile-detail';
import { TileViewController } from './tile-view';
import './value-tile';
import { ScrollWindow } from './virtual-rows';
import { problemWords } from './problem-words';

const ROW_HEIGHT = 44;
/** Indentation as elements, not inline styles (the Content-Security-Policy forbids those). */
const INDENTS = Array.from({ length: 24 }, () => html`<span class="indent"></span>`);
import { msg, msgPlural } from '../i18n/words';
import { formatCount } from './format';

/**
 * Every topic seen, as a tree by levels, with message counts per branch, the last value on topics and
 * retained marks; expand, collapse and search. Virtualized: only the rows in view are drawn. A selected
 * topic shows its tile (with its chart and messages); a branch can be subscribed to or pinned.
 */
export class TopicTreeViewElement extends LitElement {
  static override styles = [
    controlStyles,
    virtualListStyles,
    detailPaneStyles,
    css`
      .rows {
        margin-top: 0.5rem;
      }
      li {
        display: flex;
        align-items: center;
        height: ${ROW_HEIGHT}px;
        border-bottom: 1px solid var(--border);
        gap: 0.25rem;
        font-size: 0.9rem;
      }
      .indent {
        width: 1.1rem;
        flex: none;
      }
      li[aria-selected='true'] {
        background: var(--field);
      }
      .toggle {
        width: 44px;
        flex: none;
        background: none;
        border: none;
      }
      .name {
        flex: 1;
        min-width: 0;
        display: flex;
        gap: 0.6rem;
        align-items: center;
        background: none;
        border: none;
        text-align: left;
        overflow: hidden;
      }
      .label {
        font-family: var(--mono);
        white-space: nowrap;
      }
      .count,
      .value {
        color: var(--muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .retained {
        color: var(--accent);
        font-size: 0.75rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      h3 {
        margin: 0;
        font-family: var(--mono);
        font-size: 0.95rem;
        overflow-wrap: anywhere;
      }
      .done {
        color: var(--ok);
        margin: 0;
      }
    `,
  ];

  static override properties = { _search: { state: true }, _expanded: { state: true }, _selected: { state: true }, _done: { state: true } };
  declare private _search: string;
  declare private _expanded: ReadonlySet<string>;
  declare private _selected: string | null;
  declare private _done: string;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });
  private readonly _tileView = new TileViewController(this, () => this._service.value);
  private readonly _tileDetail = new TileDetailController(this);
  private readonly _scroll = new ScrollWindow(this);

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.tree ?? undefined);
    this._search = '';
    this._expanded = new Set();
    this._selected = null;
    this._done = '';
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    if (!service.tree) {
      void service.loadTree().then(() => this.requestUpdate());
      return html`<p>${msg('Loading…')}</p>`;
    }
    const rows = service.tree.rows(this._expanded, this._search);
    const window = this._scroll.rows(rows.length, ROW_HEIGHT);
    return html`<section aria-label=${msg('Topic tree')} class=${this._detailShown() ? 'with-detail' : ''}>
      <div class="list">
      <label>${msg('Search')} <input name="search" placeholder=${msg('part of a topic')} spellcheck="false" autocapitalize="off" .value=${this._search} @input=${(event: Event) => (this._search = (event.target as HTMLInputElement).value)} /></label>
      <div class="rows">
        <ol aria-label=${msg('Topics by level')}>
          ${rows.slice(window.first, window.end).map((row) => this._row(row))}
        </ol>
      </div>
      </div>
      ${this._detail()}
    </section>`;
  }

  override updated(): void {
    const rows = this.renderRoot.querySelector<HTMLElement>('.rows');
    this._scroll.attach(rows);
    this._scroll.applySpacing(rows?.querySelector('ol') ?? null);
  }

  private _row({ node, expanded }: TreeRow) {
    const service = this._service.value;
    const value = node.isTopic ? service?.topics.get(node.path) : undefined;
    const branch = node.children.size > 0;
    const messages = msgPlural(node.messages, '{0} msg', '{0} msgs', formatCount(node.messages));
    const counts = branch ? `${messages} · ${msgPlural(node.topics, '{0} topic', '{0} topics', formatCount(node.topics))}` : messages;
    return html`<li aria-label=${node.path}>
      ${INDENTS.slice(0, Math.min(node.depth, INDENTS.length))}
      ${branch
        ? html`<button class="toggle" type="button" aria-expanded=${expanded ? 'true' : 'false'} aria-label=${expanded ? msg('Collapse {0}', node.path) : msg('Expand {0}', node.path)} @click=${() => this._toggle(node.path)}>
            ${expanded ? '▾' : '▸'}
          </button>`
        : html`<span class="toggle"></span>`}
      <button class="name" type="button" aria-current=${this._selected === node.path ? 'true' : 'false'} @click=${() => this._select(node.path)}>
        <span class="label">${node.name === '' ? msg('(empty level)') : visibleTopic(node.name)}</span>
        <span class="count">${counts}</span>
        ${value ? html`<span class="value">${visiblePayload(value.payload.text.slice(0, 60))}</span>` : nothing}
        ${value?.retained ? html`<span class="retained">${msg('retained')}</span>` : nothing}
      </button>
    </li>`;
  }

  private _detailShown(): boolean {
    return this._selected !== null && this._service.value?.tree?.find(this._selected) !== undefined;
  }

  private _detail() {
    const service = this._service.value;
    const path = this._selected;
    if (!service || path === null) return nothing;
    const node = service.tree?.find(path);
    if (!node) return nothing;
    const value = node.isTopic ? service.topics.get(path) : undefined;
    const branchFilter = `${path}/#`;
    return html`<div class="detail-pane" role="region" aria-label=${msg('Selected topic')}>
      <button type="button" class="close" @click=${() => (this._selected = null)}>${msg('Close')}</button>
      <h3>${path}</h3>
      ${value ? html`<value-tile .value=${value} .view=${this._tileView.view ?? undefined}></value-tile>` : nothing}
      ${this._tileDetail.render()}
      ${node.children.size > 0
        ? html`<div class="actions">
            <button type="button" @click=${() => this._subscribe(branchFilter)}>${msg('Subscribe to {0}', branchFilter)}</button>
            <button type="button" @click=${() => this._pin(branchFilter)}>${msg('Pin {0} to the dashboard', branchFilter)}</button>
          </div>`
        : html`<div class="actions"><button type="button" @click=${() => this._pin(path)}>${msg('Pin {0} to the dashboard', path)}</button></div>`}
      <p class="done" role="status">${this._done}</p>
    </div>`;
  }

  private _toggle(path: string): void {
    const next = new Set(this._expanded);
    if (!next.delete(path)) next.add(path);
    this._expanded = next;
  }

  private _select(path: string): void {
    this._selected = path;
    this._done = '';
  }

  private _subscribe(filter: string): void {
    const problem = this._service.value?.subscribe(filter, 1);
    this._done = problem ? problemWords(problem) : msg('Subscribed to {0} (QoS 1).', filter);
  }

  private _pin(filter: string): void {
    void this._service.value?.preferences().then((preferences) => preferences.pin(filter));
    this._done = msg('Pinned: {0} shows first on the dashboard.', filter);
  }
}

customElements.define('topic-tree-view', TopicTreeViewElement);

declare global {
  interface HTMLElementTagNameMap {
    'topic-tree-view': TopicTreeViewElement;
  }
}
