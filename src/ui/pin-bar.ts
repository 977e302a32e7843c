import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { msg } from '../i18n/words';
import type { Preferences } from '../app/preferences';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';

const styles = css`
  .pins {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin: 0 0 0.75rem;
  }
  .pin {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    border: 1px solid var(--border);
    border-radius: 8px;
    background: var(--surface);
    padding: 0 0.25rem 0 0.5rem;
  }
  .filter {
    font-family: var(--mono);
    font-size: 0.85rem;
    overflow-wrap: anywhere;
  }
  button {
    font-size: 0.85rem;
    background: none;
    border: none;
    padding: 0 0.6rem;
  }
`;

/** The pinned filters, to move earlier or later, or unpin. Loaded once something is pinned. */
export class PinBarElement extends LitElement {
  static override styles = [controlStyles, styles];
  static override properties = { filters: { attribute: false } };
  declare filters: readonly string[];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.filters = [];
  }

  override render() {
    const edit = (change: (preferences: Preferences) => void) => void this._service.value?.preferences().then(change);
    const filters = this.filters;
    return html`<p class="pins">
      ${filters.map(
        (filter, index) => html`<span class="pin" role="group" aria-label=${msg('Pinned {0}', filter)}>
          <button type="button" aria-label=${msg('Move {0} earlier', filter)} ?disabled=${index === 0} @click=${() => edit((preferences) => preferences.movePin(filter, -1))}>◀</button>
          <span class="filter">${filter}</span>
          <button type="button" aria-label=${msg('Move {0} later', filter)} ?disabled=${index === filters.length - 1} @click=${() => edit((preferences) => preferences.movePin(filter, 1))}>▶</button>
          <button type="button" aria-label=${msg('Unpin {0}', filter)} @click=${() => edit((preferences) => preferences.unpin(filter))}>✕</button>
        </span>`,
      )}
    </p>`;
  }
}

customElements.define('pin-bar', PinBarElement);

declare global {
  interface HTMLElementTagNameMap {
    'pin-bar': PinBarElement;
  }
}
