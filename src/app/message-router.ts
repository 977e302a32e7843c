/**
 * Where each inbound message goes: the recent-message log, the latest value of its topic, device
 * presence, and, on the dashboard's reply topic, the outbox (the reply to a request).
 */
import type { InboundMessage } from '../mqtt/connection-types';
import { userProperty } from '../mqtt/message-properties';
import { decodePayload, toHex, type DecodedPayload } from '../mqtt/payload';
import { VIEWER_BYTES, type MessageLog } from '../state/message-log';
import type { NumericHistory } from '../state/numeric-history';
import type { TopicTree } from '../state/topic-tree';
import type { TopicStore, TopicValue } from '../state/topic-store';
import type { BrokerSubscriptions } from './broker-subscriptions';
import type { OutboxService } from './outbox-service';
import type { PresenceTracker } from './presence-tracker';
import { SparkplugGate } from './sparkplug-gate';
import type { SparkplugSinks } from './sparkplug-host';
import type { AlarmService } from './alarm-service';

/** What the Sparkplug B host needs beyond the router's own stores. */
export type SparkplugServices = Pick<SparkplugSinks, 'presence' | 'autoRebirth' | 'send'>;

export class MessageRouter {
  /** The owner tab's reply topic for requests (MQTT 5), or null when this tab does not send. */
  replyTopic: string | null = null;

  constructor(
    /** The current connection's CONNACK time (epoch ms), or null while not connected. */
    private readonly _connectedAt: () => number | null,
    private readonly _log: MessageLog,
    private readonly _topics: TopicStore,
    private readonly _presence: PresenceTracker,
    private readonly _broker: BrokerSubscriptions,
    private readonly _outbox: OutboxService,
    private readonly _history: NumericHistory,
    private readonly _tree: TopicTree,
    private readonly _alarms: AlarmService,
    sparkplug: SparkplugServices,
  ) {
    this.sparkplug = new SparkplugGate({
      ...sparkplug,
      devicesChanged: () => _presence.devicesChanged(),
      logged: (message, payload) => this._logged(message, false, payload),
      shown: (message, topic, payload) => this._show(message, topic, payload),
      undecodable: (message, reason) => {
        const bytes = message.payload.byteLength;
        const payload: DecodedPayload = { kind: 'binary', text: toHex(message.payload), bytes, truncated: bytes > 64, undecodable: reason };
        this._logged(message, false, payload);
        this._show(message, message.topic, payload);
      },
    });
  }

  /** Sparkplug B certificates and data: decoded by the host application, loaded with the first of them. */
  readonly sparkplug: SparkplugGate;

  route(message: InboundMessage): void {
    if (message.topic === this.replyTopic) {
      const payload = this._logged(message);
      const correlation = message.properties?.correlationData;
      if (correlation) this._outbox.replyReceived(correlation, payload.text, userProperty(message.properties, 'device'));
      return;
    }
    // Another dashboard's alarm state (when sharing): for the alarms, logged, not a tile.
    const sharedAlarm = this._alarms.sharedIdOf(message.topic);
    if (sharedAlarm !== null) {
      const payload = decodePayload(message.payload);
      const ignored = this._alarms.hearShared(sharedAlarm, payload.text, message.receivedAt) !== null;
      this._logged(message, false, payload, ignored);
      return;
    }
    // A message still in flight for a filter the user just removed must not bring its tile back.
    // Known topics passed this check already (unsubscribe drops the rest), so only new ones pay for it.
    const shown = this._topics.get(message.topic);
    if (!shown && !this._broker.matches(message.topic)) return;
    const sparkplugTopic = this.sparkplug.topicOf(message.topic);
    if (sparkplugTopic) {
      this.sparkplug.route(message, sparkplugTopic);
      return;
    }
    if (message.retain && shown && isNewerThanRetainedCopy(shown, this._connectedAt())) {
      this._logged(message, true);
      return;
    }
    const payload = this._logged(message);
    this._show(message, message.topic, payload);
    this._presence.observe(message.topic, message.payload, message.receivedAt, message.retain);
    if (this._outbox.controls.watches(message.topic)) this._outbox.controls.observe(message.topic, payload);
  }

  /** A tile's new value (a message's own topic, or a Sparkplug metric's), with its history and place in the tree. */
  private _show(message: InboundMessage, topic: string, payload: DecodedPayload): void {
    // Kept by the broker while the dashboard was away: placed in the chart between the topic's last value
    // and the return of the link, not piled up at its arrival.
    const seen = message.whileAway ? this._topics.get(topic)?.receivedAt : undefined;
    const back = this._connectedAt();
    this._history.record(topic, message.receivedAt, payload, seen !== undefined && back !== null ? { from: seen, to: back } : undefined);
    this._tree.observe(topic);
    if (this._alarms.watches(topic)) this._alarms.observe(topic, payload, message.receivedAt, message.whileAway);
    this._topics.update({
      topic,
      payload,
      qos: message.qos,
      retained: message.retain,
      receivedAt: message.receivedAt,
      whileAway: message.whileAway,
      dup: message.dup,
    });
  }

  private _logged(message: InboundMessage, superseded = false, decoded?: DecodedPayload, ignored = false): DecodedPayload {
    const payload = decoded ?? decodePayload(message.payload);
    const { topic, qos, retain, dup, whileAway, receivedAt, properties } = message;
    // Raw bytes are kept for a binary payload, and for a text holding bidi controls or invisible characters
    // (the screen shows them as ⟨U+202E⟩; the bytes show what came).
    const binary = payload.kind === 'binary' || (payload.kind !== 'empty' && HIDDEN_IN_TEXT.test(payload.text)) ? message.payload.slice(0, VIEWER_BYTES) : null;
    this._log.add({ topic, payload, qos, retained: retain, dup, whileAway, receivedAt, properties, binary, ...(superseded ? { superseded } : {}), ...(ignored ? { ignored } : {}) });
    return payload;
  }
}

/**
 * A retained copy comes from the broker's store, in answer to a SUBSCRIBE (sent again after every CONNACK).
 * A message delivered on the current connection before it (live, or queued by the persistent session)
 * was published after the value in that store or is the same one, unless it was itself a retained copy:
 * the copy must not roll the tile back. Brokers differ in when the copies come (Aedes sends them late),
 * so this looks at what the tile holds, not at timing.
 */
export function isNewerThanRetainedCopy(shown: TopicValue, connectedAt: number | null): boolean {
  return !shown.retained && connectedAt !== null && shown.receivedAt >= connectedAt;
}

/** Bidi controls and invisible characters a text payload may hide (line breaks and tabs are not). */
const HIDDEN_IN_TEXT = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]/u;
