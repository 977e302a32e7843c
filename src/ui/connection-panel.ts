import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { DEFAULT_ACK_TIMEOUT_SECONDS, DEFAULT_MAX_PACKET_KIB, MAX_MAX_PACKET_KIB, type StoredSettings } from '../storage/settings';
import { isCredentialRefusal } from '../mqtt/reason-codes';
import './broker-profiles';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { foldingPanelStyles } from './panel-styles';
import { StoreController } from './store-controller';
import type { ProtocolChoice } from '../shared/types';
import { problemWords } from './problem-words';
import { msg } from '../i18n/words';

/** Broker URL, client id, credentials, keep-alive, MQTT version; Connect and Disconnect. */
export class ConnectionPanelElement extends LitElement {
  static override styles = [
    controlStyles,
    foldingPanelStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      }
      .wide {
        grid-column: 1 / -1;
      }
      .field-error {
        margin: -0.4rem 0 0;
        color: var(--danger);
        font-size: 0.9rem;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .hint {
        margin: -0.4rem 0 0;
        color: var(--muted);
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        align-items: end;
      }
    `,
  ];

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    new StoreController(this, () => this._service.value?.settings);
    new StoreController(this, () => this._service.value?.status);
  }

  override render() {
    const service = this._service.value;
    if (!service) return html``;
    const settings = service.settings.state;
    const status = service.status.state;
    const phase = status.phase;
    // Open until the link is up; folds away then so the values get the room (the user can reopen it).
    // A lost link does not unfold it: the header says what is going on, and Retry now is there. An attempt
    // that fails before the link was ever up keeps it open, with the error next to the field to change.
    const connectedOnce = status.connectedAt !== null && phase !== 'failed' && phase !== 'disconnected';
    const problem = !connectedOnce && status.error ? status.error : null;
    const error = problem ? problemWords(problem) : null;
    const credentialsError =
      problem !== null &&
      (problem.kind === 'password-without-username' || (problem.kind === 'connect-refused' && isCredentialRefusal(problem.code)));
    const clientIdError = problem !== null && (problem.kind === 'client-id-taken' || (problem.kind === 'bad-connect-field' && problem.field === 'client-id'));
    const errorNote = html`<p class="field-error wide" role="alert">${error}</p>`;
    const open = phase === 'disconnected' || phase === 'failed' || error !== null;
    // A password is shown, and sent, only for the broker it was typed for.
    const passwordFits = settings.password !== '' && settings.passwordFor === settings.brokerUrl;
    const passwordShown = passwordFits ? settings.password : '';
    const passwordNote =
      settings.password === ''
        ? null
        : passwordFits
          ? settings.rememberPassword
            ? msg('The remembered password is for {0} only.', settings.passwordFor)
            : null
          : msg('The password given earlier is for {0}, not this broker: type the password for {1}, if it needs one.', settings.passwordFor, settings.brokerUrl);
    return html`<details ?open=${open}>
      <summary><h2>${msg('Connection')}</h2></summary>
      <broker-profiles></broker-profiles>
      <form @submit=${this._onSubmit} novalidate>
      <label class="wide"
        >${msg('Broker URL')}
        <input
          name="brokerUrl"
          type="text"
          inputmode="url"
          autocomplete="url"
          spellcheck="false"
          placeholder=${msg('ws://host:9001 or wss://host:8884/mqtt')}
          aria-describedby="broker-url-hint"
          .value=${settings.brokerUrl}
      /></label>
      ${error && !credentialsError && !clientIdError ? errorNote : nothing}
      <p class="hint wide" id="broker-url-hint">${msg('A cluster: several URLs separated by spaces. The first that answers is used; the next one when it is lost.')}</p>
      <label>${msg('Client ID')} <input name="clientId" spellcheck="false" .value=${settings.clientId} /></label>
      ${clientIdError ? errorNote : nothing}
      <label>${msg('Username')} <input name="username" autocomplete="username" .value=${settings.username} /></label>
      <label
        >${msg('Password')} <input name="password" type="password" autocomplete="current-password" .value=${passwordShown}
          @input=${() => (this._passwordTyped = true)}
      /></label>
      ${credentialsError ? errorNote : nothing}
      <label class="inline"
        ><input name="rememberPassword" type="checkbox" .checked=${settings.rememberPassword} /> ${msg('Remember password')}</label
      >
      ${passwordNote ? html`<p class="hint wide">${passwordNote}</p>` : nothing}
      <label
        >${msg('Keep-alive (seconds)')}
        <input name="keepaliveSeconds" type="number" inputmode="numeric" min="0" max="65535" .value=${String(settings.keepaliveSeconds)}
      /></label>
      <label
        >${msg('Acknowledgement timeout (seconds)')}
        <input name="ackTimeoutSeconds" type="number" inputmode="numeric" min="5" max="3600" .value=${String(settings.ackTimeoutSeconds)}
      /></label>
      ${settings.keepaliveSeconds === 0
        ? html`<p class="hint wide">${msg('Keep-alive 0 turns off dead-link detection: a broker or a network that goes silent is not noticed. Use 5 s or more.')}</p>`
        : nothing}
      <label
        >${msg('MQTT version')}
        <select name="protocol" .value=${settings.protocol}>
          <option value="auto" ?selected=${settings.protocol === 'auto'}>${msg('Auto (5, then 3.1.1)')}</option>
          <option value="5" ?selected=${settings.protocol === '5'}>5</option>
          <option value="3.1.1" ?selected=${settings.protocol === '3.1.1'}>3.1.1</option>
        </select></label
      >
      <label class="inline"
        ><input name="cleanSession" type="checkbox" .checked=${settings.cleanSession} /> ${msg('Clean session')}</label
      >
      <label
        >${msg('Session expiry (seconds, MQTT 5; persistent session only)')}
        <input name="sessionExpirySeconds" type="number" inputmode="numeric" min="0" max="4294967295" .value=${String(settings.sessionExpirySeconds)}
      /></label>
      <label
        >${msg('Largest packet accepted (KiB)')}
        <input name="maxPacketKiB" type="number" inputmode="numeric" min="1" max=${MAX_MAX_PACKET_KIB} .value=${String(settings.maxPacketKiB)}
      /></label>
      <label class="inline wide"
        ><input name="lastWill" type="checkbox" .checked=${settings.lastWill} /> ${msg("Announce this dashboard's presence (online, and a Last Will saying offline)")}</label
      >
      <label class="inline wide"
        ><input name="freshSessionWhenPinned" type="checkbox" .checked=${settings.freshSessionWhenPinned} /> ${msg('Start a fresh session when a cluster keeps dropping this one (its node is gone); otherwise wait for that node')}</label
      >
      <label
        >${msg('Sparkplug B host id (optional)')}
        <input name="sparkplugHostId" spellcheck="false" placeholder=${msg('off')} .value=${settings.sparkplugHostId}
      /></label>
      <label
        >${msg('Sparkplug node out of sync')}
        <select name="sparkplugRebirth" .value=${settings.sparkplugRebirth}>
          <option value="auto" ?selected=${settings.sparkplugRebirth === 'auto'}>${msg('Request a rebirth at once')}</option>
          <option value="ask" ?selected=${settings.sparkplugRebirth === 'ask'}>${msg('Offer a button')}</option>
        </select></label
      >
      ${settings.sparkplugHostId.trim() === ''
        ? nothing
        : html`<p class="hint wide">
            ${msg('As Sparkplug host application “{0}”, the dashboard publishes spBv1.0/STATE/{0} (retained, online on connect, offline as its Last Will) instead of its own presence, and subscribes to spBv1.0/#.', settings.sparkplugHostId.trim())}
          </p>`}
      <div class="actions wide">
        <button class="primary" type="submit">${phase === 'disconnected' || phase === 'failed' ? msg('Connect') : msg('Reconnect')}</button>
      </div>
    </form>
    </details>`;
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const service = this._service.value;
    if (!service) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const keepalive = Number(text('keepaliveSeconds'));
    const expiry = Number(text('sessionExpirySeconds'));
    const maxPacket = Number(text('maxPacketKiB'));
    const ackTimeout = Number(text('ackTimeoutSeconds'));
    const settings: StoredSettings = {
      ...service.settings.state,
      brokerUrl: text('brokerUrl'),
      clientId: text('clientId') || service.settings.state.clientId,
      username: text('username'),
      ...this._password(text('brokerUrl'), String(form.get('password') ?? '')),
      rememberPassword: form.get('rememberPassword') === 'on',
      keepaliveSeconds: Number.isInteger(keepalive) && keepalive >= 0 && keepalive <= 65_535 ? keepalive : 30,
      protocol: text('protocol') as ProtocolChoice,
      cleanSession: form.get('cleanSession') === 'on',
      sessionExpirySeconds: Number.isInteger(expiry) && expiry >= 0 && expiry <= 4_294_967_295 ? expiry : 3600,
      lastWill: form.get('lastWill') === 'on',
      freshSessionWhenPinned: form.get('freshSessionWhenPinned') === 'on',
      sparkplugHostId: text('sparkplugHostId'),
      sparkplugRebirth: text('sparkplugRebirth') === 'ask' ? 'ask' : 'auto',
      ackTimeoutSeconds: Number.isInteger(ackTimeout) && ackTimeout >= 5 && ackTimeout <= 3600 ? ackTimeout : DEFAULT_ACK_TIMEOUT_SECONDS,
      maxPacketKiB: Number.isInteger(maxPacket) && maxPacket >= 1 && maxPacket <= MAX_MAX_PACKET_KIB ? maxPacket : DEFAULT_MAX_PACKET_KIB,
    };
    service.connect(settings);
  }

  /** Whether the user typed in the password field since the panel last connected. */
  private _passwordTyped = false;

  /**
   * The password to keep, and the broker it is for. A password filled in for one broker and left untouched
   * while the URL was changed is not given to the new broker: it must be typed for it.
   */
  private _password(brokerUrl: string, entered: string): { password: string; passwordFor: string } {
    const typed = this._passwordTyped;
    this._passwordTyped = false;
    const settings = this._service.value?.settings.state;
    if (entered !== '' && !typed && brokerUrl !== settings?.passwordFor) return { password: '', passwordFor: '' };
    return { password: entered, passwordFor: entered === '' ? '' : brokerUrl };
  }
}

customElements.define('connection-panel', ConnectionPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'connection-panel': ConnectionPanelElement;
  }
}
