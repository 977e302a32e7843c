/**
 * The transport: one MQTT-over-WebSocket connection through mqtt.js, with protocol negotiation
 * (MQTT 5 first, then 3.1.1), a status in words, a keep-alive watchdog, reconnection with backoff (and
 * none while the browser has no network), and the dashboard's own birth and Last Will. Commands travel
 * through `commands` (command-transport). No DOM, no storage.
 */
import mqtt from 'mqtt';
import type { IConnackPacket, MqttClient } from 'mqtt';
import { clientOptions, presencePayload } from './client-options';
import { connectFieldProblem } from './connect-fields';
import { ReconnectBackoff } from './backoff';
import { brokerListProblem } from './broker-list';
import { ClusterFailover } from './cluster-failover';
import { CommandTransport } from './command-transport';
import { LinkWatchdog, pingAnswerTimeoutMs } from './link-watchdog';
import { CatchUpWindow, OwnEchoes } from './catch-up-window';
import { readMessageProperties } from './message-properties';
import { isProtocolVersionRefusal, isTransientRefusal } from './reason-codes';
import { BrokerConduct, closeForFault, type ConductFault } from './broker-conduct';
import { ShortLinkWatch } from './short-link-watch';
import type { LinkLoss, Problem } from '../shared/problems';
import {
  initialStatus,
  type ConnectRequest,
  type ConnectionEnvironment,
  type ConnectionStatus,
  type InboundMessage,
  type SubscribeOutcome,
} from './connection-types';
import { startTicker, type StopTicking } from './ticker';
import { withTimeout } from './with-timeout';
import type { ProtocolVersion, QoS } from '../shared/types';

const browserEnvironment: ConnectionEnvironment = {
  networkAvailable: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  now: () => Date.now(),
};

/** How long a user's Disconnect waits for its own `offline` to be acknowledged before it closes anyway. */
const GOODBYE_TIMEOUT_MS = 2000;
const WATCHDOG_TICK_MS = 250;
/** A watchdog tick this late means the page itself was stalled. */
const STALL_MS = 1000;

type StatusListener = (status: ConnectionStatus) => void;
type MessageListener = (message: InboundMessage) => void;
type ConnectedListener = (sessionPresent: boolean) => void;

export class MqttConnection {
  private _client: MqttClient | null = null;
  private _attempt = 0;
  private _request: ConnectRequest | null = null;
  /** When the current client's CONNECT was made: a Sparkplug host's STATE payloads carry it. */
  private _presenceAt = 0;
  private _status: ConnectionStatus;
  private _retryTimer: ReturnType<typeof setTimeout> | undefined;
  private _watchdog: LinkWatchdog | null = null;
  private _stopTicker: StopTicking | null = null;
  /** Why the current link is being torn down by the dashboard itself, for the status. */
  private _lossReason: LinkLoss | null = null;
  private _lastWatchAt = 0;
  private readonly _backoff = new ReconnectBackoff();
  /** The broker's URLs (several for a cluster), which one is used now, and a session pinned to a lost node. */
  private readonly _cluster = new ClusterFailover();
  /** Another device pushing this one off the broker with the same client id. */
  private readonly _takeover = new ShortLinkWatch();
  private readonly _catchUp = new CatchUpWindow();
  /** What the dashboard itself published on the current link: its echo is live, never "received while away". */
  private readonly _ownEchoes = new OwnEchoes();
  private readonly _statusListeners = new Set<StatusListener>();
  private readonly _messageListeners = new Set<MessageListener>();
  private readonly _connectedListeners = new Set<ConnectedListener>();
  /** Brokers that refused MQTT 5, so Auto goes straight to 3.1.1 next time. */
  private readonly _speaksOnly311 = new Set<string>();
  /** Commands with their exactly-once bookkeeping; outlives each mqtt.js client. */
  readonly commands = new CommandTransport(
    () => (this._client && this._status.phase === 'connected' ? { client: this._client, protocol: this._status.protocol ?? '3.1.1' } : null),
    () => this._client,
  );

  constructor(private readonly _environment: ConnectionEnvironment = browserEnvironment) {
    this._status = initialStatus(_environment.now());
  }

  get status(): ConnectionStatus {
    return this._status;
  }

  private _linkUpAt: number | null = null;
  /**
   * When the broker accepted the current link (its CONNACK), null without one. Ahead of the status: the
   * messages a broker kept for the session follow the CONNACK at once, before the status says connected.
   */
  get linkUpAt(): number | null {
    return this._linkUpAt;
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
    this._backoff.reset();
    this._takeover.reset();
    const brokerUrl = request.brokerUrl.trim();
    this._request = { ...request, brokerUrl };
    this._cluster.reset(brokerUrl, request.firstUrl ?? null);
    const problem =
      brokerListProblem(brokerUrl) ??
      connectFieldProblem(request) ??
      (request.password && !request.username ? ({ kind: 'password-without-username' } as const) : null);
    this._setStatus({ connectedAt: null, qos2Downgraded: false }); // not connected since this request yet
    if (problem) {
      this._setStatus({ phase: 'failed', brokerUrl, protocol: null, sessionPresent: false, error: problem, retryAt: null });
      return;
    }
    this._start(this._protocolFor(this._cluster.current));
  }

  /** The version to try first at this URL: 3.1.1 when asked, or when Auto found it speaks only that. */
  private _protocolFor(url: string): ProtocolVersion {
    const request = this._request;
    return request?.protocol === '3.1.1' || (request?.protocol === 'auto' && this._speaksOnly311.has(url)) ? '3.1.1' : '5';
  }

  /** A user's Disconnect: says `offline` on the presence topic itself (the Will is not sent), then leaves. */
  async disconnect(): Promise<void> {
    const client = this._client;
    const request = this._request;
    const presenceTopic = request?.presenceTopic ?? null;
    if (client && request && presenceTopic && this._status.phase === 'connected') {
      const goodbye = presencePayload(request, false, this._presenceAt);
      await withTimeout(client.publishAsync(presenceTopic, goodbye, { qos: 1, retain: true }), GOODBYE_TIMEOUT_MS).catch(() => {});
    }
    this._closeTimers();
    this._attempt++;
    this._client = null;
    this._setStatus({ phase: 'disconnected', protocol: null, sessionPresent: false, error: null, retryAt: null, connectedAt: null });
    if (client) await client.endAsync().catch(() => client.end(true));
  }

  /** Check the link now instead of waiting for a timer: the page became visible, the tablet woke up. */
  /**
   * A command is not acknowledged in time: the link is dropped and made again (MQTT resends an
   * unacknowledged PUBLISH or PUBREL only on a new connection), with the reason shown.
   */
  dropLink(loss: LinkLoss): void {
    const client = this._client;
    if (!client || this._status.phase !== 'connected') return;
    this._lossReason = loss;
    client.stream.destroy(); // 'close' follows, and the reconnection as for any loss
  }

  checkLink(): void {
    const client = this._client;
    if (!client) return;
    if (this._status.phase === 'connected') {
      if (!this._watchdog?.pingOutstanding) client.sendPing();
    } else if (this._status.phase === 'reconnecting' && this._status.retryAt !== null) {
      this._retryNow();
    } else if (this._status.phase === 'offline' && this._environment.networkAvailable()) {
      this._retryNow();
    }
  }

  /**
   * The user pressed Retry now: a new attempt at once. While one is under way, that attempt is dropped and
   * a fresh client starts (asking mqtt.js to reconnect in the middle of its own attempt can leave it stuck);
   * the commands' bookkeeping carries over (its store outlives each client).
   */
  retryNow(): void {
    const phase = this._status.phase;
    const underWay = phase === 'connecting' || (phase === 'reconnecting' && this._status.retryAt === null);
    if (underWay && this._request && this._client) {
      this._closeClient();
      this._start(this._status.protocol ?? '5', phase);
    } else if (phase === 'reconnecting' || phase === 'offline') {
      this._retryNow();
    } else if (phase === 'failed' && this._request) {
      this.connect(this._request); // a kiosk has no Connect button: Retry now starts over
    }
  }

  /** The browser's network came or went. */
  networkChanged(available: boolean): void {
    const client = this._client;
    if (!client || !this._request) return;
    if (available) {
      if (this._status.phase === 'offline' || this._status.phase === 'reconnecting') {
        this._backoff.reset();
        this._retryNow();
      }
      return;
    }
    clearTimeout(this._retryTimer);
    if (this._status.phase === 'reconnecting' || this._status.phase === 'offline') {
      this._setStatus({ phase: 'offline', retryAt: null, error: null });
    } else {
      this._lossReason = { kind: 'network-lost' };
      client.stream.destroy(); // 'close' follows and finds the network gone
    }
  }

  async subscribe(filter: string, qos: QoS): Promise<SubscribeOutcome> {
    const client = this._connectedClient();
    const protocol = this._status.protocol ?? '3.1.1';
    return new Promise((resolve, reject) => {
      client.subscribe(filter, { qos }, (error, _granted, packet) => {
        const code = packet?.granted?.[0];
        const reasonString = packet?.properties?.reasonString;
        if (typeof code === 'number' && code >= 0x80) {
          resolve({ granted: null, refusal: { code, protocol, reasonString: reasonString ?? null } });
        } else if (error) {
          reject(error);
        } else {
          const granted = (typeof code === 'number' ? code : qos) as QoS;
          if (qos === 2 && granted < 2 && !this._status.qos2Downgraded) this._setStatus({ qos2Downgraded: true });
          resolve({ granted, refusal: null });
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

  private _start(protocol: ProtocolVersion, phase: 'connecting' | 'reconnecting' = 'connecting'): void {
    const request = this._request;
    if (!request) return;
    const url = this._cluster.current;
    const attempt = ++this._attempt;
    let acknowledged = false;
    let connackAt = 0;
    /** A CONNACK refusal worth trying again (the server busy or unavailable): the close that follows retries. */
    let transientRefusal: Problem | null = null;
    let connackReasonString: string | null = null;
    /** The WebSocket opened (an unreachable broker never gets that far): a CONNECT then went out. */
    let socketOpened = false;
    /** No CONNACK in time: silence, not a broker closing the socket on MQTT 5. */
    let connackTimedOut = false;
    const connectAt = this._environment.now();
    this._presenceAt = connectAt;
    const options = clientOptions(request, protocol, this.commands.clientOptions(), connectAt);
    /** The link broke the protocol: what follows on it is not to be trusted, and it is being closed. */
    let broken = false;
    const fault = (found: ConductFault) => {
      if (!current() || broken) return;
      broken = true;
      this._lossReason = { kind: 'protocol-error', code: found.code, detail: found.detail };
      closeForFault(client, protocol, found);
    };
    const conduct = new BrokerConduct(protocol, request.maximumPacketBytes, fault);

    // A session pinned to a lost node stays in view (and can be ended) through each attempt.
    this._setStatus({ phase, brokerUrl: url, protocol, sessionPresent: false, error: this._cluster.pinnedProblem(request.clientId), retryAt: null });
    const client = mqtt.connect(url, options);
    this._client = client;
    const current = () => attempt === this._attempt;
    const watchdog = new LinkWatchdog(pingAnswerTimeoutMs(request.keepaliveSeconds), (pingRttMs) => {
      if (current()) this._setStatus({ pingRttMs });
    });
    this._watchdog = watchdog;
    this._stopTicker?.();
    this._stopTicker = request.keepaliveSeconds > 0 ? startTicker(WATCHDOG_TICK_MS, () => current() && this._watch(client)) : null;

    // mqtt.js gives up 1.5 keep-alives after a ping unless a PINGRESP (or an ack of ours) comes back, but a
    // broker answers a ping after the messages it has already queued: under a flood of them the PINGRESP
    // comes late and mqtt.js would drop a healthy link (and, with a clean session, the queue). Any packet
    // after a ping proves the link alive: mqtt.js's keep-alive starts over, and pings again a period later.
    let pingAwaitingLife = false;
    client.on('packetsend', (packet) => {
      if (!current()) return;
      if (packet.cmd === 'connect') {
        // Each attempt of this client has a socket of its own.
        socketOpened = false;
        connackTimedOut = false;
        onSocketOpen(client, () => (socketOpened = true));
        broken = false; // a new socket
        upOnThisSocket = false;
        this._linkUpAt = null;
        conduct.guardStream(client);
      }
      if (packet.cmd === 'pingreq') pingAwaitingLife = true;
      watchdog.packetSent(packet.cmd, this._environment.now());
      if (packet.cmd === 'publish') this._ownEchoes.sent(packet.topic, packet.payload);
    });
    client.on('packetreceive', (packet) => {
      if (!current() || broken) return;
      const found = conduct.packetReceived(packet);
      if (found) {
        fault(found);
        return;
      }
      const now = this._environment.now();
      watchdog.packetReceived(packet.cmd, now);
      if (pingAwaitingLife && packet.cmd === 'publish') {
        pingAwaitingLife = false;
        client.reschedulePing(true);
      } else if (packet.cmd === 'pingresp') pingAwaitingLife = false;
      // Mosquitto's queued messages follow the CONNACK at once, before mqtt.js's 'connect' event.
      if (packet.cmd === 'connack') {
        connackAt = now;
        connackReasonString = packet.properties?.reasonString ?? null;
        this._catchUp.connected(packet.sessionPresent, now);
        this._ownEchoes.clear();
        const accepted = (packet.reasonCode ?? packet.returnCode ?? 0) === 0;
        if (accepted) {
          this._linkUpAt = now;
          queueMicrotask(() => client.connected && linkUp(packet));
        }
      }
      if (packet.cmd === 'pingresp') this._catchUp.pingAnswered(now);
      if (packet.cmd === 'puback' && this.commands.isQos2(packet.messageId ?? 0) && !this._status.qos2Downgraded) {
        this._setStatus({ qos2Downgraded: true }); // a PUBACK for QoS 2: the broker gives at least once, no more
      }
      if (packet.cmd === 'puback' || packet.cmd === 'pubrec' || packet.cmd === 'pubcomp') {
        this.commands.noteAck(packet.cmd, packet.messageId ?? 0, packet.reasonCode, packet.properties?.reasonString ?? null);
        // Only an outbox command's: the presence birth is acknowledged at once, while Aedes may still be streaming its queue.
        if (this.commands.carriesCommand(packet.messageId ?? 0)) this._catchUp.ownPublicationAcknowledged();
      }
    });

    /**
     * The broker accepted this socket's CONNECT. mqtt.js says 'connect' only once the packets it resends
     * from the last connection are all acknowledged: a broker that never acknowledges one would leave the
     * status "connecting" on a link that works. The CONNACK itself is the link coming up.
     */
    let upOnThisSocket = false;
    const linkUp = (connack: IConnackPacket) => {
      if (!current() || broken || upOnThisSocket) return;
      upOnThisSocket = true;
      acknowledged = true;
      const now = this._environment.now();
      if (connack.sessionPresent) client.sendPing(); // its answer marks the end of what the broker kept
      this._backoff.connected(now);
      this._takeover.linkUp(now);
      this._cluster.linkUp(now);
      watchdog.reset(now);
      this._setStatus({
        phase: 'connected',
        protocol,
        sessionPresent: connack.sessionPresent,
        error: null,
        retryAt: null,
        connectedAt: connackAt || now,
        sessionSince: connack.sessionPresent && this._status.sessionSince !== null ? this._status.sessionSince : connackAt || now,
        maximumPacketSize: connack.properties?.maximumPacketSize ?? null,
        receiveMaximum: connack.properties?.receiveMaximum ?? 65_535,
      });
      if (request.presenceTopic) client.publish(request.presenceTopic, presencePayload(request, true, connectAt), { qos: 1, retain: true });
      for (const listener of this._connectedListeners) listener(connack.sessionPresent);
    };
    client.on('connect', linkUp);

    client.on('error', (error: Error & { code?: unknown }) => {
      if (!current()) return;
      if (error.message === 'Keepalive timeout') this._lossReason = { kind: 'keepalive-timeout', keepaliveSeconds: request.keepaliveSeconds };
      if (error.message === 'connack timeout') connackTimedOut = true;
      if (acknowledged) {
        const found = broken ? null : conduct.clientError(error);
        if (found) fault(found);
        return; // transport errors are reported by 'close'
      }
      const code = typeof error.code === 'number' ? error.code : null;
      if (code === null) return;
      if (isProtocolVersionRefusal(code) && protocol === '5' && request.protocol === 'auto') {
        this._learnOnly311();
        client.end(true);
        this._start('3.1.1');
        return;
      }
      const refusal: Problem = {
        kind: 'connect-refused',
        code,
        protocol,
        reasonString: connackReasonString,
        auto: request.protocol === 'auto',
        usernameSent: request.username !== '',
        passwordSent: request.password !== '',
      };
      if (isTransientRefusal(code, protocol)) {
        transientRefusal = refusal;
        return; // mqtt.js closes the socket: 'close' schedules the next attempt, with the usual backoff
      }
      this._closeClient(); // a permanent refusal (credentials, authorization, client id, ban) is not hammered
      this._setStatus({ phase: 'failed', error: refusal, retryAt: null });
    });

    client.on('disconnect', (packet) => {
      // MQTT 5: the broker closes the connection itself and says why (no reason code: 0x00, normal).
      // The DISCONNECT ends the connection whatever the socket does: a broker that leaves it open
      // would otherwise keep the status at Connected; closing it reconnects as for any loss.
      if (!current()) return;
      const reasonString = packet.properties?.reasonString;
      this._lossReason = { kind: 'closed-by-broker', code: packet.reasonCode ?? 0, reasonString: reasonString ?? null };
      client.stream.destroy();
    });

    client.on('close', () => {
      if (!current()) return;
      this._linkUpAt = null;
      this._catchUp.closed();
      if (acknowledged && this._handledClash(request.clientId, protocol)) return;
      if (!acknowledged) this._takeover.attemptFailed();
      // Some brokers (RabbitMQ) close the socket on an MQTT 5 CONNECT instead of refusing it: with Auto,
      // that is the answer "not MQTT 5", and 3.1.1 is tried at once.
      if (!acknowledged && socketOpened && !connackTimedOut && !transientRefusal && protocol === '5' && request.protocol === 'auto' && this._lossReason === null) {
        this._learnOnly311();
        client.end(true);
        this._start('3.1.1', phase);
        return;
      }
      // While a cluster's nodes keep dropping a pinned session, that stays the problem shown.
      const error: Problem =
        this._cluster.pinnedProblem(request.clientId) ??
        (acknowledged || this._lossReason?.kind === 'protocol-error'
          ? { kind: 'link-lost', cause: this._lossReason }
          : (transientRefusal ?? { kind: 'unreachable', brokerUrl: url }));
      acknowledged = false;
      transientRefusal = null;
      this._lossReason = null;
      this._scheduleRetry(error);
    });

    client.on('message', (topic, payload, packet) => {
      if (!current() || broken) return;
      const now = this._environment.now();
      const message: InboundMessage = {
        topic,
        payload,
        qos: packet.qos,
        retain: packet.retain,
        dup: packet.dup,
        receivedAt: now,
        // Only a message the catch-up window would take for one kept while away is compared with what the
        // dashboard itself sent: its own command's echo is live.
        whileAway: !packet.retain && this._catchUp.receivedWhileAway(now) && !this._ownEchoes.isEcho(topic, payload),
        properties: readMessageProperties(packet.properties),
      };
      for (const listener of this._messageListeners) listener(message);
    });
    client.connect();
  }

  /**
   * The link the broker had accepted is gone: another device with the same client id may have pushed it
   * off. MQTT 5 says so (0x8E): stop, rather than push that device off in turn, for ever. On 3.1.1 (and
   * from brokers that just close the socket) links closed right after their CONNACK again and again only
   * suggest it, as a flapping network would too: say so, and let the backoff space the attempts out (a
   * link that lasts under 10 s does not reset it), so that a kiosk on a flapping network still recovers.
   */
  private _handledClash(clientId: string, protocol: ProtocolVersion): boolean {
    const loss = this._lossReason;
    const takenOver = loss?.kind === 'closed-by-broker' && loss.code === 0x8e;
    const closedByBroker = loss === null || loss.kind === 'closed-by-broker';
    const now = this._environment.now();
    const pinned = this._cluster.linkDown(now, closedByBroker, clientId);
    if (pinned && !takenOver) {
      this._lossReason = null;
      this._scheduleRetry(pinned); // the lost node may return; the dashboard may take a fresh session
      return true;
    }
    const drops = this._takeover.shortDrops + 1;
    // In a cluster, links dropped at once are a pinned session; MQTT 5's "taken over" is a clash anywhere.
    // A clash is only guessed from links closed without a word: a broker that gives its reason (0x98
    // administrative action…) is believed, and its reason shown.
    const clash = this._takeover.linkDown(now, loss === null) && !this._cluster.several;
    if (!takenOver && !clash) return false;
    this._lossReason = null;
    const evidence = takenOver ? 'taken-over' : 'dropped-after-connack';
    const error: Problem = { kind: 'client-id-taken', clientId, protocol, evidence, drops };
    if (takenOver) {
      this._closeClient();
      this._setStatus({ phase: 'failed', sessionPresent: false, error, retryAt: null });
    } else {
      this._scheduleRetry(error);
    }
    return true;
  }

  /** On every tick: a ping left unanswered means the link is dead, even if the socket looks open. */
  private _watch(client: MqttClient): void {
    if (this._status.phase !== 'connected') return;
    // After a long stall of the page itself, the broker's answer may be waiting behind this tick:
    // judge on the next tick, once the socket's pending data has been read.
    const now = this._environment.now();
    const stalled = now - this._lastWatchAt > STALL_MS;
    this._lastWatchAt = now;
    if (stalled) return;
    const silence = this._watchdog?.silenceBeyondLimit(this._environment.now());
    if (silence === null || silence === undefined) return;
    this._lossReason = { kind: 'broker-silent', silentSeconds: Math.round(silence / 1000) };
    client.stream.destroy(); // as mqtt.js does on its own keep-alive timeout; 'close' follows
  }

  private _scheduleRetry(error: Problem): void {
    clearTimeout(this._retryTimer);
    if (!this._environment.networkAvailable()) {
      this._setStatus({ phase: 'offline', sessionPresent: false, error, retryAt: null });
      return;
    }
    const now = this._environment.now();
    const delay = this._cluster.nextDelay(() => this._backoff.nextDelay(now));
    this._setStatus({ phase: 'reconnecting', sessionPresent: false, error, retryAt: now + delay });
    this._retryTimer = setTimeout(() => this._retryNow(), delay);
  }

  private _retryNow(): void {
    clearTimeout(this._retryTimer);
    const client = this._client;
    if (!client) return;
    if (!this._environment.networkAvailable()) {
      this._setStatus({ phase: 'offline', retryAt: null });
      return;
    }
    this._setStatus({ phase: 'reconnecting', retryAt: null });
    this._watchdog?.reset(this._environment.now());
    // A cluster: the next attempt goes to the next URL, with a client of its own (the commands'
    // bookkeeping outlives each client).
    if (this._cluster.advance()) {
      this._closeClient();
      this._start(this._protocolFor(this._cluster.current), 'reconnecting');
      return;
    }
    // Keep mqtt.js's stores: without arguments, reconnect() would swap them for empty ones.
    client.reconnect({ incomingStore: client.incomingStore, outgoingStore: this.commands.clientOptions().outgoingStore });
  }

  /** Auto found MQTT 3.1.1 only: for every URL of the list, since a cluster's nodes run the same broker. */
  private _learnOnly311(): void {
    for (const url of this._cluster.urls) this._speaksOnly311.add(url);
  }

  private _closeTimers(): void {
    clearTimeout(this._retryTimer);
    this._stopTicker?.();
    this._stopTicker = null;
  }

  private _closeClient(): void {
    this._closeTimers();
    this._attempt++;
    this._client?.end(true);
    this._client = null;
  }

  private _setStatus(patch: Partial<ConnectionStatus>): void {
    const previous = this._status;
    const phaseChanged = patch.phase !== undefined && patch.phase !== previous.phase;
    const now = this._environment.now();
    const dropped = phaseChanged && previous.phase === 'connected';
    const lostAt = dropped ? now : previous.lostAt;
    // Kept once connected again, so the reason for a reconnect stays on screen.
    const lastDrop = dropped && patch.error ? { at: now, problem: patch.error } : previous.lastDrop;
    const failed = !dropped && patch.error && patch.error !== previous.error && previous.phase !== 'connected' && patch.phase !== 'connected';
    const lastFailedAttempt = failed && patch.error ? { at: now, problem: patch.error } : previous.lastFailedAttempt;
    this._status = { ...previous, ...patch, since: phaseChanged ? now : previous.since, lostAt, lastDrop, lastFailedAttempt };
    for (const listener of this._statusListeners) listener(this._status);
  }
}

/**
 * Calls back once mqtt.js's WebSocket is open (at once if it is already). mqtt.js writes the CONNECT into a
 * buffer before the socket opens, so its 'packetsend' does not tell whether anything answered at all.
 */
function onSocketOpen(client: MqttClient, opened: () => void): void {
  const socket = (client.stream as unknown as { socket?: { readyState: number; addEventListener?(type: 'open', listener: () => void): void } }).socket;
  if (!socket) return;
  if (socket.readyState === 1) opened();
  else socket.addEventListener?.('open', opened);
}
