import { controlMake } from './controls/control-events';
import { ContextProvider } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { AppUpdate } from '../app/app-update';
import type { Dashboard } from '../mirror/dashboard';
import type { ConnectionStatus } from '../mqtt/connection-types';
import './connection-status';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';
import './traffic-counters';
import './value-grid';
import { ProblemWordsLoader, preloadProblemWords } from './problem-words-loader';
import { msg, translated } from '../i18n/words';
import { formatCount } from './format';

type View = 'values' | 'alarms' | 'log' | 'tree';
const VIEWS: readonly View[] = ['values', 'alarms', 'log', 'tree'];

/** What the page's polite live region says: each change of the connection's state once (not the countdown). */
function announcement(status: ConnectionStatus): string {
  switch (status.phase) {
    case 'connected':
      return `${msg('Connected')} ${msg('to {0}', status.brokerUrl)}`;
    case 'connecting':
      return msg('Connecting…');
    case 'reconnecting':
      return msg('Reconnecting…');
    case 'offline':
      return msg('Offline (no network)');
    case 'failed':
      return msg('Not connected');
    case 'disconnected':
      return msg('Disconnected');
  }
}

function viewName(view: View): string {
  return view === 'values' ? msg('Values') : view === 'alarms' ? msg('Alarms') : view === 'log' ? msg('Message log') : msg('Topic tree');
}

/** The application shell: header with the status, settings panels, and the values. */
export class MqttDashboardElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
    :host {
      display: block;
      min-height: 100vh;
      --header-height: 3.5rem;
    }
    /* One row of fixed height on tablets and desktops: it never grows while reconnecting. */
    header {
      position: sticky;
      top: 0;
      z-index: 3;
      display: flex;
      flex-wrap: nowrap;
      align-items: center;
      gap: 0.75rem;
      height: var(--header-height);
      box-sizing: border-box;
      padding: 0 1rem;
      background: var(--surface);
      border-bottom: 1px solid var(--border);
    }
    h1 {
      font-size: 1.05rem;
      margin: 0;
      white-space: nowrap;
    }
    connection-status {
      flex: 1 1 auto;
      min-width: 0;
    }
    .pending {
      flex: none;
      font-size: 0.85rem;
      color: var(--muted);
      border: 1px solid var(--border);
      border-radius: 999px;
      padding: 0.2rem 0.6rem;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .pending.some {
      color: var(--warn);
      border-color: var(--warn);
      font-weight: 600;
    }
    /* Tappable (it opens the outbox): the pill is the button, tall enough for a finger. */
    .pending.tap {
      border-width: 0;
      padding: 0;
    }
    .pending.tap > button {
      color: inherit;
      font-weight: inherit;
      background: none;
      border-color: inherit;
      border-radius: 999px;
    }
    .settings-toggle {
      display: none;
      flex: none;
    }
    header > button {
      flex: none;
      white-space: nowrap;
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
      min-width: 0;
    }
    aside > * {
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 10px;
      padding: 1rem;
    }
    .drawer-head {
      display: none;
    }
    main {
      min-width: 0;
    }
    .layout.kiosk {
      grid-template-columns: 1fr;
    }
    /* Below 75rem, once connected, the settings fold into a drawer: the values get the width. */
    @media (max-width: 75rem) {
      .layout.folded {
        grid-template-columns: 1fr;
      }
      header.folded .settings-toggle {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
      .layout.folded aside {
        display: none;
      }
      .layout.folded.drawer-open aside {
        display: grid;
        align-content: start;
        position: fixed;
        z-index: 4;
        top: var(--header-height);
        right: 0;
        bottom: 0;
        width: min(26rem, 100vw);
        box-sizing: border-box;
        overflow: auto;
        padding: 1rem;
        background: var(--bg, var(--surface));
        border-left: 1px solid var(--border);
        box-shadow: -8px 0 24px rgb(0 0 0 / 0.2);
      }
      .layout.folded.drawer-open .drawer-head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        padding: 0;
        border: none;
        background: none;
      }
      .drawer-head h2 {
        margin: 0;
        font-size: 1.05rem;
      }
    }
    @media (max-width: 52rem) {
      .layout {
        grid-template-columns: 1fr;
      }
      /* A portrait tablet: the status needs the row more than the title does (kept for screen readers). */
      h1 {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    }
    /* A phone: two short rows (title and actions, then the status), at most about 15 % of the height. */
    @media (max-width: 40rem) {
      header {
        height: auto;
        flex-wrap: wrap;
        gap: 0.25rem 0.5rem;
        padding: 0.35rem 0.75rem;
      }
      /* The title gives way (cut with …) before the actions wrap to a third row. */
      h1 {
        position: static;
        width: auto;
        height: auto;
        flex: 1 1 0;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        clip-path: none;
        margin-right: auto;
        font-size: 1rem;
      }
      connection-status {
        order: 1;
        flex-basis: 100%;
      }
      .settings-label {
        display: none;
      }
      .layout.folded.drawer-open aside {
        top: 0;
        width: 100vw;
        z-index: 6;
      }
    }
  `,
  ];

  static override properties = {
    service: { attribute: false },
    appUpdate: { attribute: false },
    _view: { state: true },
    _drawerOpen: { state: true },
  };
  /** The settings drawer, when the settings are folded away (connected, on a tablet). */
  declare private _drawerOpen: boolean;
  declare service: Dashboard | undefined;
  /** The service worker's "New version available". */
  declare appUpdate: AppUpdate | undefined;
  /** What the main area shows; the log and the tree are loaded when first shown. */
  declare private _view: View;

  private readonly _provider = new ContextProvider(this, { context: dashboardContext });
  private readonly _words = new ProblemWordsLoader(this);

  constructor() {
    super();
    this.addEventListener('outbox-open', () => void this._openOutbox()); // from the attention strip
    this.addEventListener('alarms-open', () => void this._show('alarms')); // from the alarm summary
    new StoreController(this, () => this.service?.notices);
    new StoreController(this, () => this.service?.outbox.store);
    new StoreController(this, () => this.service?.settings);
    new StoreController(this, () => this.service?.display);
    new StoreController(this, () => this.appUpdate?.state);
    new StoreController(this, () => this.service?.status);
    this._view = 'values';
    this._drawerOpen = false;
    // A control made from a tile of the topic tree: made on the values, where controls live.
    this.addEventListener('control-make', (event) => {
      if (this._view === 'values') return;
      this._view = 'values';
      void this.updateComplete.then(() => this.renderRoot.querySelector('value-grid')?.dispatchEvent(controlMake(event.detail)));
    });
  }

  /** Escape closes the drawer wherever the focus is (even on the page itself, after a button it was on went away). */
  private readonly _onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this._drawerOpen) this._closeDrawer();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
  }

  /** The drawer (a side panel, not modal: the values stay usable beside it) takes the focus when it opens. */
  private async _toggleDrawer(): Promise<void> {
    if (this._drawerOpen) {
      this._closeDrawer();
      return;
    }
    this._drawerOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.drawer-close')?.focus();
  }

  /** Closing gives the focus back to the button that opened it. */
  private _closeDrawer(): void {
    if (!this._drawerOpen) return;
    this._drawerOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.settings-toggle')?.focus());
  }

  /** The pending count opens the outbox: the drawer opens where the settings are folded into it. */
  private async _openOutbox(): Promise<void> {
    await import('./settings-panels');
    const aside = this.renderRoot.querySelector('aside');
    if (aside && aside.getClientRects().length === 0) this._drawerOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector('outbox-panel')?.reveal();
  }

  private async _show(view: View): Promise<void> {
    if (view === 'log') await import('./message-log-view');
    if (view === 'tree') await import('./topic-tree-view');
    if (view === 'alarms') await import('./alarms/alarm-view');
    this._view = view;
  }

  override firstUpdated(): void {
    // The settings panels come right after the first screen (the values), in their own chunk.
    void import('./settings-panels');
    preloadProblemWords();
  }

  override willUpdate(): void {
    if (this.service && this._provider.value !== this.service) {
      this._provider.setValue(this.service);
      // What edits the preferences comes right after the first screen, so that an edit is saved at once.
      void this.service.preferences();
    }
    const theme = this.service?.settings.state.theme ?? 'system';
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }

  private _fullScreen(): void {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  override render() {
    if (!this.service) return html`<p>${msg('Loading…')}</p>`;
    const messages = this.service.notices.state.messages;
    const pending = this.service.outbox.store.pendingCount;
    const kiosk = this.service.display.state.kiosk;
    const update = this.appUpdate?.state.state;
    const status = this.service.status.state;
    // The alarms' code (the summaries in the header and the strip, the tiles' marks) comes with the first alarm.
    if (this.service.settings.state.alarms.length) void import('./alarms/alarm-summary');
    // Folded once the link has been up since the last Connect, and while it tries to come back: the values
    // get the room. Disconnected or refused, the settings come back to fix what is wrong.
    const folded = !kiosk && status.connectedAt !== null && status.phase !== 'disconnected' && status.phase !== 'failed';
    return html`<header class=${folded ? 'folded' : ''}>
        <h1>${msg('MQTT Dashboard')}</h1>
        <connection-status></connection-status>
        <alarm-summary compact hidden></alarm-summary>
        <traffic-counters></traffic-counters>
        <span class="pending ${pending > 0 ? 'some' : ''} ${kiosk ? '' : 'tap'}" role="status" aria-label=${msg('Pending commands')}
          >${kiosk ? msg('{0} pending', formatCount(pending)) : html`<button type="button" @click=${() => void this._openOutbox()}>${msg('{0} pending', formatCount(pending))}</button>`}</span
        >
        ${kiosk ? html`<button type="button" class="full-screen" @click=${this._fullScreen}>${msg('Full screen')}</button>` : nothing}
        ${kiosk
          ? nothing
          : html`<button type="button" class="settings-toggle" aria-label=${msg('Settings')} aria-expanded=${this._drawerOpen ? 'true' : 'false'} aria-controls="settings" @click=${() => void this._toggleDrawer()}>
              <span aria-hidden="true">☰</span><span class="settings-label"> ${msg('Settings')}</span>
            </button>`}
      </header>
      ${update?.available
        ? html`<p class="notice update" role="status">
            <span>${msg('New version available. Reload to use it (queued commands are kept).')}</span
            ><button type="button" class="primary" @click=${() => void this.appUpdate?.reload()}>${msg('Reload')}</button>
          </p>`
        : nothing}
      ${update?.problem
        ? html`<p class="notice" role="status">
            <span>${translated(update.problem)}</span
            ><button type="button" aria-label=${msg('Dismiss')} @click=${() => this.appUpdate?.dismissProblem()}>✕</button>
          </p>`
        : nothing}
      ${messages.map(
        (message) => html`<p class="notice" role="alert">
          <span>${this._words.of(message)}</span
          ><button type="button" aria-label=${msg('Dismiss')} @click=${() => this.service?.dismissNotice(message)}>✕</button>
        </p>`,
      )}
      <div class="layout ${kiosk ? 'kiosk' : ''} ${folded ? 'folded' : ''} ${this._drawerOpen ? 'drawer-open' : ''}">
        ${kiosk
          ? nothing
          : html`<aside id="settings" aria-label=${msg('Settings')}>
              <div class="drawer-head">
                <h2>${msg('Settings')}</h2>
                <button type="button" class="drawer-close" @click=${() => this._closeDrawer()}>${msg('Close')}</button>
              </div>
              <connection-panel></connection-panel>
              <subscription-panel></subscription-panel>
              <command-composer></command-composer>
              <outbox-panel></outbox-panel>
              <presence-panel></presence-panel>
              <alarm-settings></alarm-settings>
              <layout-panel></layout-panel>
            </aside>`}
        <div class="visually-hidden" aria-live="polite">${announcement(status)}</div>
        <main>
          <nav aria-label=${msg('Views')}>
            ${VIEWS.map(
              (view) =>
                html`<button type="button" aria-pressed=${this._view === view ? 'true' : 'false'} @click=${() => void this._show(view)}>
                  ${viewName(view)}
                </button>`,
            )}
          </nav>
          ${this._view === 'values'
            ? html`<value-grid></value-grid>`
            : this._view === 'alarms'
              ? html`<alarm-view></alarm-view>`
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
