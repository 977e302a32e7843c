import { ContextProvider } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { AppUpdate } from '../app/app-update';
import type { DashboardService } from '../app/dashboard-service';
import './connection-status';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';
import './traffic-counters';
import './value-grid';

type View = 'values' | 'log' | 'tree';
const VIEWS: ReadonlyArray<[View, string]> = [
  ['values', 'Values'],
  ['log', 'Message log'],
  ['tree', 'Topic tree'],
];

/** The application shell: header with the status, settings panels, and the values. */
export class MqttDashboardElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
    :host {
      display: block;
      min-height: 100vh;
    }
    header {
      position: sticky;
      top: 0;
      z-index: 1;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.6rem 1rem;
      background: var(--surface);
      border-bottom: 1px solid var(--border);
    }
    h1 {
      font-size: 1.1rem;
      margin: 0;
      white-space: nowrap;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(18rem, 24rem) 1fr;
      gap: 1rem;
      padding: 1rem;
      align-items: start;
    }
    aside {
      display: grid;
      gap: 1rem;
    }
    aside > * {
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 10px;
      padding: 1rem;
    }
    .pending {
      flex: none;
      font-size: 0.85rem;
      color: var(--muted);
      border: 1px solid var(--border);
      border-radius: 999px;
      padding: 0.2rem 0.6rem;
    }
    .pending.some {
      color: var(--warn);
      border-color: var(--warn);
      font-weight: 600;
    }
    .notice {
      margin: 0.75rem 1rem 0;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--warn);
      border-radius: 6px;
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      align-items: center;
    }
    nav {
      display: flex;
      gap: 0.5rem;
      margin-bottom: 0.75rem;
      flex-wrap: wrap;
    }
    nav button {
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 6px;
      padding: 0 0.9rem;
    }
    nav button[aria-pressed='true'] {
      border-color: var(--accent);
      color: var(--accent);
      font-weight: 600;
    }
    main {
      min-width: 0;
    }
    .layout.kiosk {
      grid-template-columns: 1fr;
    }
    @media (max-width: 52rem) {
      .layout {
        grid-template-columns: 1fr;
      }
      /* One column (portrait tablet, phone): the values first, the settings below them. */
      main {
        order: -1;
      }
    }
    @media (max-width: 64rem) {
      /* The status gets a row of its own under the title and the counters. */
      connection-status {
        order: 1;
        flex-basis: 100%;
      }
      h1 {
        margin-right: auto;
      }
    }
  `,
  ];

  static override properties = { service: { attribute: false }, appUpdate: { attribute: false }, _view: { state: true } };
  declare service: DashboardService | undefined;
  /** The service worker's "New version available". */
  declare appUpdate: AppUpdate | undefined;
  /** What the main area shows; the log and the tree are loaded when first shown. */
  declare private _view: View;

  private readonly _provider = new ContextProvider(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this.service?.notices);
    new StoreController(this, () => this.service?.outbox.store);
    new StoreController(this, () => this.service?.settings);
    new StoreController(this, () => this.service?.display);
    new StoreController(this, () => this.appUpdate?.state);
    this._view = 'values';
  }

  private async _show(view: View): Promise<void> {
    if (view === 'log') await import('./message-log-view');
    if (view === 'tree') await import('./topic-tree-view');
    this._view = view;
  }

  override firstUpdated(): void {
    // The settings panels come right after the first screen (the values), in their own chunk.
    void import('./settings-panels');
  }

  override willUpdate(): void {
    if (this.service && this._provider.value !== this.service) this._provider.setValue(this.service);
    const theme = this.service?.settings.state.theme ?? 'system';
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }

  private _fullScreen(): void {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  override render() {
    if (!this.service) return html`<p>Loading…</p>`;
    const messages = this.service.notices.state.messages;
    const pending = this.service.outbox.store.pendingCount;
    const kiosk = this.service.display.state.kiosk;
    const update = this.appUpdate?.state.state;
    return html`<header>
        <h1>MQTT Dashboard</h1>
        <connection-status></connection-status>
        <traffic-counters></traffic-counters>
        <span class="pending ${pending > 0 ? 'some' : ''}" role="status" aria-label="Pending commands">${pending} pending</span>
        ${kiosk ? html`<button type="button" class="full-screen" @click=${this._fullScreen}>Full screen</button>` : nothing}
      </header>
      ${update?.available
        ? html`<p class="notice update" role="status">
            <span>New version available. Reload to use it (queued commands are kept).</span
            ><button type="button" class="primary" @click=${() => void this.appUpdate?.reload()}>Reload</button>
          </p>`
        : nothing}
      ${update?.problem ? html`<p class="notice" role="alert"><span>${update.problem}</span></p>` : nothing}
      ${messages.map(
        (message) => html`<p class="notice" role="alert">
          <span>${message}</span
          ><button type="button" aria-label="Dismiss" @click=${() => this.service?.dismissNotice(message)}>✕</button>
        </p>`,
      )}
      <div class="layout ${kiosk ? 'kiosk' : ''}">
        ${kiosk
          ? nothing
          : html`<aside>
              <connection-panel></connection-panel>
              <subscription-panel></subscription-panel>
              <command-composer></command-composer>
              <outbox-panel></outbox-panel>
              <presence-panel></presence-panel>
              <layout-panel></layout-panel>
            </aside>`}
        <main>
          <nav aria-label="Views">
            ${VIEWS.map(
              ([view, label]) =>
                html`<button type="button" aria-pressed=${this._view === view ? 'true' : 'false'} @click=${() => void this._show(view)}>
                  ${label}
                </button>`,
            )}
          </nav>
          ${this._view === 'values'
            ? html`<value-grid></value-grid>`
            : this._view === 'log'
              ? html`<message-log-view></message-log-view>`
              : html`<topic-tree-view></topic-tree-view>`}
        </main>
      </div>`;
  }
}

customElements.define('mqtt-dashboard', MqttDashboardElement);

declare global {
  interface HTMLElementTagNameMap {
    'mqtt-dashboard': MqttDashboardElement;
  }
}
