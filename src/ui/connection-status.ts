import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import type { ConnectionStatus } from '../mqtt/connection-types';
import { describeSession, type SessionView } from '../app/session-tracker';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';

/** The connection state in words, always visible in the header. */
export class ConnectionStatusElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      min-width: 0;
      /* On a narrow screen the status takes a row of its own in the header, never a sliver. */
      flex: 1 1 22rem;
    }
    .dot {
      width: 0.8rem;
      height: 0.8rem;
      border-radius: 50%;
      flex: none;
      background: var(--muted);
    }
    .connected .dot {
      background: var(--ok);
    }
    .connecting .dot,
    .reconnecting .dot {
      background: var(--warn);
    }
    .failed .dot,
    .offline .dot {
      background: var(--danger);
    }
    .actions {
      flex: none;
      margin-left: auto;
      display: flex;
      gap: 0.5rem;
    }
    p {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      min-width: 0;
      flex: 1 1 16rem;
    }
    .detail {
      color: var(--muted);
      overflow-wrap: anywhere;
      flex: 1 1 12rem;
      min-width: 0;
    }
    .failed .detail {
      color: var(--danger);
    }
  `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.status);
    new StoreController(this, () => this._service.value?.clock); // the "Reconnecting in N s" countdown
    new StoreController(this, () => this._service.value?.role);
    new StoreController(this, () => this._service.value?.session);
  }

  override render() {
    const service = this._service.value;
    const status = service?.status.state;
    if (!service || !status) return html``;
    const [headline, statusDetail] = describeStatus(status, Date.now(), service.session.state);
    const viewer = service.role.state.role === 'viewer' && status.phase !== 'disconnected';
    const detail = viewer ? `${statusDetail} · viewing: another tab holds this client id and sends the commands` : statusDetail;
    const active = status.phase !== 'disconnected' && status.phase !== 'failed';
    const canRetry = status.phase === 'reconnecting' && status.retryAt !== null;
    return html`<p class=${status.phase} role="status">
        <span class="dot" aria-hidden="true"></span><strong>${headline}</strong>
        ${detail ? html`<span class="detail">${detail}</span>` : ''}
      </p>
      <span class="actions">
        ${canRetry ? html`<button type="button" @click=${() => service.retryNow()}>Retry now</button>` : ''}
        ${active ? html`<button type="button" @click=${this._onDisconnect}>Disconnect</button>` : ''}
      </span>`;
  }

  private _onDisconnect(): void {
    void this._service.value?.disconnect();
  }
}

/** The status as a headline and a detail, both plain text. */
export function describeStatus(status: ConnectionStatus, now: number, sessionView: SessionView): [string, string] {
  switch (status.phase) {
    case 'connected': {
      const words = describeSession(sessionView) || (status.sessionPresent ? 'session present' : '');
      const session = words ? ` · ${words}` : '';
      const ping = status.pingRttMs === null ? '' : ` · ping ${status.pingRttMs} ms`;
      return ['Connected', `to ${status.brokerUrl} · MQTT ${status.protocol ?? ''}${session}${ping}`];
    }
    case 'connecting':
      return ['Connecting…', `to ${status.brokerUrl} · MQTT ${status.protocol ?? ''}`];
    case 'reconnecting': {
      const headline = status.retryAt === null ? 'Reconnecting…' : `Reconnecting in ${Math.max(1, Math.ceil((status.retryAt - now) / 1000))} s`;
      return [headline, status.error ?? ''];
    }
    case 'offline':
      return ['Offline (no network)', 'Reconnects as soon as the network is back.'];
    case 'failed':
      return ['Not connected', status.error ?? ''];
    case 'disconnected':
      return ['Disconnected', ''];
  }
}

customElements.define('connection-status', ConnectionStatusElement);

declare global {
  interface HTMLElementTagNameMap {
    'connection-status': ConnectionStatusElement;
  }
}
