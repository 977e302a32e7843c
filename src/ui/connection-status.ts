import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { ConnectionStatus } from '../mqtt/connection-types';
import { describeSession, type SessionView } from '../app/session-tracker';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';
import { ProblemWordsLoader } from './problem-words-loader';
import type { Problem } from '../shared/problems';
import { newClientId } from '../storage/settings';
import { msg } from '../i18n/words';

/**
 * The connection state in words, always visible in the header on one line: a dot, the headline and the
 * detail (cut with an ellipsis when long). Tapping it opens the whole story: broker, version, session,
 * ping, the error in full. Retry now is there during every attempt; Connect after a Disconnect.
 */
export class ConnectionStatusElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
    :host {
      position: relative;
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-width: 0;
    }
    .details-toggle {
      flex: none;
      padding: 0;
      display: inline-flex;
      align-items: center;
      justify-content: center;
    }
    .summary {
      flex: 1 1 auto;
      min-width: 0;
      display: flex;
      align-items: center;
      gap: 0.5rem;
      border: none;
      background: none;
      padding: 0 0.25rem;
      text-align: left;
      cursor: pointer;
    }
    .line {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .dot {
      display: inline-block;
      width: 0.8rem;
      height: 0.8rem;
      border-radius: 50%;
      flex: none;
      background: var(--muted);
      margin-right: 0.4rem;
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
    .detail {
      color: var(--muted);
      margin-left: 0.5rem;
    }
    .failed .detail {
      color: var(--danger);
    }
    .actions {
      flex: none;
      display: flex;
      gap: 0.5rem;
    }
  `,
  ];

  static override properties = { _open: { state: true } };
  declare private _open: boolean;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this._open = false;
    new StoreController(this, () => this._service.value?.status);
    new StoreController(this, () => this._service.value?.clock); // the "Reconnecting in N s" countdown
    new StoreController(this, () => this._service.value?.role);
    new StoreController(this, () => this._service.value?.session);
    new StoreController(this, () => this._service.value?.display);
  }

  override render() {
    const service = this._service.value;
    const status = service?.status.state;
    if (!service || !status) return html``;
    const [headline, statusDetail] = describeStatus(status, Date.now(), service.session.state, this._words.of);
    const viewer = service.role.state.role === 'viewer' && status.phase !== 'disconnected';
    const detail = viewer ? `${statusDetail} · ${msg('viewing: another tab holds this client id and sends the commands')}` : statusDetail;
    const kiosk = service.display.state.kiosk;
    const active = status.phase !== 'disconnected' && status.phase !== 'failed';
    // After the user's Disconnect, Connect takes its place.
    const afterDisconnect = status.phase === 'disconnected' && status.lostAt !== null;
    const clash = (status.phase === 'failed' || status.phase === 'reconnecting') && status.error?.kind === 'client-id-taken';
    const pinned = status.phase === 'reconnecting' && status.error?.kind === 'session-pinned';
    const canRetry = status.phase === 'reconnecting' || status.phase === 'connecting' || (kiosk && status.phase === 'failed' && !clash);
    // The line is the status, but not read out at each change (the countdown ticks every second): the page's
    // announcer (<mqtt-dashboard>) says each change of state once.
    // A tap on the line opens the details too; (i) is the button (a line that holds the error's words would
    // make a button named like the actions next to it).
    return html`<span class="summary ${status.phase}" title=${`${headline} ${detail}`.trim()} @click=${() => void this._toggleDetails()}>
        <span class="line" role="status" aria-live="off"><span class="dot" aria-hidden="true"></span><strong>${headline}</strong> ${detail ? html`<span class="detail">${detail}</span>` : nothing}</span>
      </span>
      <button type="button" class="details-toggle" aria-label=${msg('Status details')} aria-expanded=${this._open ? 'true' : 'false'} @click=${() => void this._toggleDetails()}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" /><path d="M12 10.5v7M12 6.5v1.5" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" /></svg>
      </button>
      <span class="actions">
        ${canRetry ? html`<button type="button" @click=${() => service.retryNow()}>${msg('Retry now')}</button>` : nothing}
        ${clash
          ? html`<button type="button" class="primary" title=${msg("Connect with a client id of this dashboard's own: a new session, so what the broker kept for the old id is not delivered here")} @click=${this._onNewClientId}>${msg('Use a new client id')}</button>`
          : nothing}
        ${pinned
          ? html`<button type="button" class="primary" title=${msg('Connect now under a new client id: commands in the outbox are resent; what the lost node kept for the old session is not delivered here')} @click=${() => service.freshSession()}>${msg('Start a fresh session')}</button>`
          : nothing}
        ${active && !kiosk ? html`<button type="button" @click=${this._onDisconnect}>${msg('Disconnect')}</button>` : nothing}
        ${afterDisconnect && !kiosk
          ? html`<button type="button" class="primary" aria-label=${msg('Connect again')} title=${msg('Connect again with the saved settings')} @click=${this._onConnect}>${msg('Connect')}</button>`
          : nothing}
      </span>
      ${this._open
        ? html`<connection-details .status=${status} .headline=${headline} .detail=${detail} @close=${(event: Event) => ((this._open = false), (event as CustomEvent<boolean>).detail && this.renderRoot.querySelector<HTMLElement>('.details-toggle')?.focus())}></connection-details>`
        : nothing}`;
  }

  /** The details are loaded on first use: the first screen does not need them. */
  private async _toggleDetails(): Promise<void> {
    if (!this._open) await import('./connection-details');
    this._open = !this._open;
  }

  private readonly _words = new ProblemWordsLoader(this);

  private _onDisconnect(): void {
    void this._service.value?.disconnect();
  }

  /** Ends a client id clash: this dashboard takes an id of its own (a new session) and connects. */
  private _onNewClientId(): void {
    const service = this._service.value;
    if (service) service.connect({ ...service.settings.state, clientId: newClientId(), sessionKey: null });
  }

  private _onConnect(): void {
    const service = this._service.value;
    if (service) service.connect(service.settings.state);
  }
}

/** The status as a headline and a detail, both plain text. */
export function describeStatus(status: ConnectionStatus, now: number, sessionView: SessionView, problemWords: (problem: Problem) => string): [string, string] {
  switch (status.phase) {
    case 'connected': {
      const words = describeSession(sessionView) || (status.sessionPresent ? msg('session present') : '');
      const session = words ? ` · ${words}` : '';
      const ceiling = status.qos2Downgraded ? ` · ${msg('this broker gives at most QoS 1: QoS 2 is delivered at least once, not exactly once')}` : '';
      return [msg('Connected'), `${msg('to {0}', status.brokerUrl)} · MQTT ${status.protocol ?? ''}${session}${ceiling}`];
    }
    case 'connecting':
      return [msg('Connecting…'), `${msg('to {0}', status.brokerUrl)} · MQTT ${status.protocol ?? ''}`];
    case 'reconnecting': {
      const headline = status.retryAt === null ? msg('Reconnecting…') : msg('Reconnecting in {0} s', Math.max(1, Math.ceil((status.retryAt - now) / 1000)));
      return [headline, status.error ? problemWords(status.error) : ''];
    }
    case 'offline':
      return [msg('Offline (no network)'), msg('Reconnects as soon as the network is back.')];
    case 'failed':
      return [msg('Not connected'), status.error ? problemWords(status.error) : ''];
    case 'disconnected':
      return [msg('Disconnected'), ''];
  }
}

customElements.define('connection-status', ConnectionStatusElement);

declare global {
  interface HTMLElementTagNameMap {
    'connection-status': ConnectionStatusElement;
  }
}
