/**
 * The transport: one MQTT-over-WebSocket connection through mqtt.js, with protocol negotiation
 * (MQTT 5 first, then 3.1.1) and a status in words. No DOM, no storage.
 */
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { brokerUrlProblem } from './broker-url';
import { connackReason, isProtocolVersionRefusal, subackReason } from './reason-codes';

export type QoS = 0 | 1 | 2;
export type ProtocolChoice = 'auto' | '5' | '3.1.1';
export type ProtocolVersion = '5' | '3.1.1';

export interface ConnectRequest {
  brokerUrl: string;
  clientId: string;
  username: string;
  password: string;
  keepaliveSeconds: number;
  protocol: ProtocolChoice;
  cleanSession: boolean;
}

export type ConnectionPhase = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface ConnectionStatus {
  phase: ConnectionPhase;
  brokerUrl: string;
  protocol: ProtocolVersion | null;
  sessionPresent: boolean;
  /** What went wrong, in words, when something did. */
  error: string | null;
  /** Epoch milliseconds when the phase began. */
  since: number;
}

export interface InboundMessage {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  receivedAt: number;
}

export interface SubscribeOutcome {
  /** The QoS the broker granted, or null when it refused the subscription. */
  granted: QoS | null;
  /** Why it was refused, in words. */
  refusal: string | null;
}

/** How long mqtt.js waits between reconnection attempts. */
export const RECONNECT_PERIOD_MS = 2000;
const CONNECT_TIMEOUT_MS = 10_000;
const SESSION_EXPIRY_SECONDS = 3600;

type StatusListener = (status: ConnectionStatus) => void;
type MessageListener = (message: InboundMessage) => void;
type ConnectedListener = (sessionPresent: boolean) => void;

export class MqttConnection {
  private _client: MqttClient | null = null;
  private _attempt = 0;
  private _request: ConnectRequest | null = null;
  private _status: ConnectionStatus = initialStatus();
  private readonly _statusListeners = new Set<StatusListener>();
  private readonly _messageListeners = new Set<MessageListener>();
  private readonly _connectedListeners = new Set<ConnectedListener>();
  /** Brokers that refused MQTT 5, so Auto goes straight to 3.1.1 next time. */
  private readonly _speaksOnly311 = new Set<string>();

  get status(): ConnectionStatus {
    return this._status;
  }

  onStatus(listener: StatusListener): () => void {
    this._statusListeners.add(listener);
    return () => this._statusListeners.delete(listener);
  }

  onMessage(listener: MessageListener): () => void {
    this._messageListeners.add(listener);
    return () => this._messageListeners.delete(listener);
  }

  /** Called after every successful CONNACK, with the broker's "session present" flag. */
  onConnected(listener: ConnectedListener): () => void {
    this._connectedListeners.add(listener);
    return () => this._connectedListeners.delete(listener);
  }

  connect(request: ConnectRequest): void {
    this._closeClient();
    const brokerUrl = request.brokerUrl.trim();
    this._request = { ...request, brokerUrl };
    const problem =
      brokerUrlProblem(brokerUrl) ??
      (request.password && !request.username ? 'A password was given without a username: enter the username too.' : null);
    if (problem) {
      this._setStatus({ phase: 'failed', brokerUrl, protocol: null, sessionPresent: false, error: problem });
      return;
    }
    const first: ProtocolVersion =
      request.protocol === '3.1.1' || (request.protocol === 'auto' && this._speaksOnly311.has(brokerUrl)) ? '3.1.1' : '5';
    this._start(first);
  }

  async disconnect(): Promise<void> {
    const client = this._client;
    this._attempt++;
    this._client = null;
    this._setStatus({ phase: 'disconnected', protocol: null, sessionPresent: false, error: null });
    if (client) await client.endAsync().catch(() => client.end(true));
  }

  async subscribe(filter: string, qos: QoS): Promise<SubscribeOutcome> {
    const client = this._connectedClient();
    const protocol = this._status.protocol ?? '3.1.1';
    return new Promise((resolve, reject) => {
      client.subscribe(filter, { qos }, (error, _granted, packet) => {
        const code = packet?.granted?.[0];
        const reasonString = packet?.properties?.reasonString;
        if (typeof code === 'number' && code >= 0x80) {
          const words = subackReason(code, protocol);
          resolve({ granted: null, refusal: reasonString ? `${words} (${reasonString})` : words });
        } else if (error) {
          reject(error);
        } else {
          resolve({ granted: (typeof code === 'number' ? code : qos) as QoS, refusal: null });
        }
      });
    });
  }

  async unsubscribe(filter: string): Promise<void> {
    if (this._status.phase !== 'connected' || !this._client) return; // nothing to undo on the broker
    await this._client.unsubscribeAsync(filter);
  }

  private _connectedClient(): MqttClient {
    if (!this._client || this._status.phase !== 'connected') throw new Error('Not connected to a broker.');
    return this._client;
  }

  private _start(protocol: ProtocolVersion): void {
    const request = this._request;
    if (!request) return;
    const attempt = ++this._attempt;
    let acknowledged = false;
    const options: IClientOptions = {
      protocolVersion: protocol === '5' ? 5 : 4,
      clientId: request.clientId,
      keepalive: request.keepaliveSeconds,
      clean: request.cleanSession,
      reconnectPeriod: RECONNECT_PERIOD_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      resubscribe: false, // the dashboard restores its own subscriptions on every CONNACK
      queueQoSZero: false,
    };
    if (request.username) options.username = request.username;
    if (request.password) options.password = request.password;
    if (protocol === '5' && !request.cleanSession) options.properties = { sessionExpiryInterval: SESSION_EXPIRY_SECONDS };

    this._setStatus({ phase: 'connecting', brokerUrl: request.brokerUrl, protocol, sessionPresent: false, error: null });
    const client = mqtt.connect(request.brokerUrl, options);
    this._client = client;
    const current = () => attempt === this._attempt;

    client.on('connect', (connack) => {
      if (!current()) return;
      acknowledged = true;
      this._setStatus({ phase: 'connected', protocol, sessionPresent: connack.sessionPresent, error: null });
      for (const listener of this._connectedListeners) listener(connack.sessionPresent);
    });

    client.on('error', (error: Error & { code?: unknown }) => {
      if (!current()) return;
      const code = typeof error.code === 'number' ? error.code : null;
      if (code === null || acknowledged) return; // transport errors are reported by 'close'
      if (isProtocolVersionRefusal(code) && protocol === '5' && request.protocol === 'auto') {
        this._speaksOnly311.add(request.brokerUrl);
        client.end(true);
        this._start('3.1.1');
        return;
      }
      const words = connackReason(code, protocol);
      const hint = isProtocolVersionRefusal(code) ? ' Choose Auto or another MQTT version.' : '';
      this._attempt++;
      client.end(true);
      this._client = null;
      this._setStatus({ phase: 'failed', error: `Connection refused: ${words}.${hint}` });
    });

    client.on('close', () => {
      if (!current()) return;
      const error = acknowledged
        ? 'Connection lost.'
        : `Cannot reach ${request.brokerUrl}: no MQTT answer over WebSocket. Check the address, the port, the path and that the broker has a WebSocket listener.`;
      acknowledged = false;
      this._setStatus({ phase: 'reconnecting', sessionPresent: false, error });
    });

    client.on('message', (topic, payload, packet) => {
      if (!current()) return;
      const message: InboundMessage = {
        topic,
        payload,
        qos: packet.qos,
        retain: packet.retain,
        dup: packet.dup,
        receivedAt: Date.now(),
      };
      for (const listener of this._messageListeners) listener(message);
    });
  }

  private _closeClient(): void {
    this._attempt++;
    this._client?.end(true);
    this._client = null;
  }

  private _setStatus(patch: Partial<ConnectionStatus>): void {
    const phaseChanged = patch.phase !== undefined && patch.phase !== this._status.phase;
    this._status = { ...this._status, ...patch, since: phaseChanged ? Date.now() : this._status.since };
    for (const listener of this._statusListeners) listener(this._status);
  }
}

function initialStatus(): ConnectionStatus {
  return { phase: 'disconnected', brokerUrl: '', protocol: null, sessionPresent: false, error: null, since: Date.now() };
}
