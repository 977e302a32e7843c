import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { describeSession } from '../app/session-tracker';
import type { ConnectionStatus } from '../mqtt/connection-types';
import { dashboardContext } from './dashboard-context';
import { formatTime } from './format';
import { StoreController } from './store-controller';
import { msg } from '../i18n/words';
import { problemWords } from './problem-words';

/**
 * The whole story of the connection, opened from the status in the header: broker, version, session, ping,
 * error, and why the last link dropped. Closes with Escape and a tap outside (its opener listens).
 */
export class ConnectionDetailsElement extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      top: calc(100% + 0.5rem);
      left: 0;
      z-index: 5;
      width: min(32rem, calc(100vw - 2rem));
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 10px;
      box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
      padding: 0.75rem 1rem;
    }
    dl {
      margin: 0;
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.35rem 1rem;
      font-size: 0.9rem;
    }
    dt {
      color: var(--muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
      font-variant-numeric: tabular-nums;
    }
  `;

  static override properties = { status: { attribute: false }, headline: {}, detail: {} };
  declare status: ConnectionStatus | undefined;
  declare headline: string;
  declare detail: string;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.headline = '';
    this.detail = '';
    new StoreController(this, () => this._service.value?.session);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this._onKey);
    document.addEventListener('pointerdown', this._onPointer);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this._onKey);
    document.removeEventListener('pointerdown', this._onPointer);
  }

  /** Escape closes, and the focus goes back to (i): `close` with detail true. */
  private readonly _onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.dispatchEvent(new CustomEvent('close', { detail: true }));
  };

  /** A tap anywhere outside the status (whose (i) toggles them) closes them. */
  private readonly _onPointer = (event: PointerEvent): void => {
    const root = this.getRootNode();
    const status = root instanceof ShadowRoot ? root.host : this;
    if (!event.composedPath().includes(status)) this.dispatchEvent(new CustomEvent('close', { detail: false }));
  };

  override render() {
    const { status, headline, detail } = this;
    if (!status) return nothing;
    const rows: Array<[string, string]> = [[msg('State'), headline]];
    if (status.brokerUrl) rows.push([msg('Broker'), status.brokerUrl]);
    if (status.protocol) rows.push([msg('MQTT version'), status.protocol]);
    rows.push([msg('Since'), formatTime(status.since)]);
    if (status.phase === 'connected') {
      const view = this._service.value?.session.state;
      const session = view ? describeSession(view) : '';
      if (session) rows.push([msg('Session'), session]);
      if (status.pingRttMs !== null) rows.push([msg('Ping'), msg('{0} ms', status.pingRttMs)]);
      // A message bigger than the dashboard accepts never shows: say where it goes.
      const kib = this._service.value?.settings.state.maxPacketKiB ?? 1024;
      const limit = kib % 1024 === 0 ? msg('{0} MiB', kib / 1024) : msg('{0} KiB', kib);
      rows.push([
        msg('Largest packet accepted'),
        status.protocol === '5'
          ? msg('messages over {0} are dropped by the broker (Largest packet accepted)', limit)
          : msg('a message over {0} closes the connection (MQTT 3.1.1 cannot tell the broker the limit)', limit),
      ]);
    } else if (detail) rows.push([msg('Detail'), detail]);
    if (status.lastDrop) rows.push([msg('Last drop'), msg('{0}: {1}', formatTime(status.lastDrop.at), problemWords(status.lastDrop.problem))]);
    const failed = status.lastFailedAttempt;
    if (failed) rows.push([msg('Last failed attempt'), msg('{0}: {1}', formatTime(failed.at), problemWords(failed.problem))]);
    return html`<div class="panel" role="region" aria-label=${msg('Connection details')}>
      <dl>${rows.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>
    </div>`;
  }
}

customElements.define('connection-details', ConnectionDetailsElement);

declare global {
  interface HTMLElementTagNameMap {
    'connection-details': ConnectionDetailsElement;
  }
}
