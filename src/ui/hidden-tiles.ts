import { visibleTopic } from './safe-text';
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { msg, msgPlural } from '../i18n/words';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';

const styles = css`
  summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  .filter {
    font-family: var(--mono);
    font-size: 0.85rem;
    overflow-wrap: anywhere;
  }
  button {
    font-size: 0.85rem;
    background: var(--surface);
    padding: 0 0.6rem;
  }
`;

/** The hidden tiles, each with Show. Loaded once something is hidden. */
export class HiddenTilesElement extends LitElement {
  static override styles = [controlStyles, styles];
  static override properties = { topics: { attribute: false } };
  declare topics: readonly string[];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.topics = [];
  }

  override render() {
    const topics = this.topics;
    return html`<details>
      <summary>${msgPlural(topics.length, '{0} hidden tile', '{0} hidden tiles', topics.length)}</summary>
      <ul>
        ${topics.map(
          (topic) => html`<li>
            <span class="filter">${visibleTopic(topic)}</span>
            <button type="button" aria-label=${msg('Show {0}', visibleTopic(topic))} @click=${() => void this._service.value?.preferences().then((preferences) => preferences.show(topic))}>${msg('Show')}</button>
          </li>`,
        )}
      </ul>
    </details>`;
  }
}

customElements.define('hidden-tiles', HiddenTilesElement);

declare global {
  interface HTMLElementTagNameMap {
    'hidden-tiles': HiddenTilesElement;
  }
}
