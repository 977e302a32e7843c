/**
 * The subscriptions as the broker knows them: each entry is sent when connected (and again after every
 * CONNACK), and shows what the broker answered. Which filters exist is the caller's business.
 */
import type {  SubscribeOutcome } from '../mqtt/connection-types';
import { topicMatches } from '../mqtt/topic-filter';
import type { SubscriptionStore } from '../state/subscription-store';
import type { QoS } from '../shared/types';

/** What this needs from the transport (MqttConnection). */
export interface SubscriptionTransport {
  readonly status: { phase: string };
  subscribe(filter: string, qos: QoS): Promise<SubscribeOutcome>;
  unsubscribe(filter: string): Promise<void>;
}

export class BrokerSubscriptions {
  constructor(
    private readonly _store: SubscriptionStore,
    private readonly _transport: SubscriptionTransport,
  ) {}

  /** Adds (or replaces) a subscription; it is sent now when connected, else on the next CONNACK. */
  add(filter: string, qos: QoS, automatic: boolean | 'controls' | 'alarms' = false): void {
    this._store.put({ filter, requestedQos: qos, grantedQos: null, state: 'waiting', refusal: null, automatic });
    void this._send(filter, qos);
  }

  /** Whether any subscription's filter matches the topic. */
  matches(topic: string): boolean {
    for (const entry of this._store.entries) if (topicMatches(entry.filter, topic)) return true;
    return false;
  }

  /** Removes a subscription here, then on the broker (which may fail: the caller says so). */
  async drop(filter: string): Promise<void> {
    this._store.remove(filter);
    await this._transport.unsubscribe(filter);
  }

  /**
   * After a CONNACK: every subscription again, whether or not the broker kept the session (one added
   * while away is new to it). The retained values come again too: a retained value changed at QoS 0
   * while the dashboard was away is corrected, and unchanged ones are no longer stale.
   */
  async restoreAll(): Promise<void> {
    await Promise.all(this._store.entries.map((entry) => this._send(entry.filter, entry.requestedQos)));
  }

  /** After a Disconnect: everything not refused waits for the next connection. */
  markWaiting(): void {
    for (const entry of this._store.entries) {
      if (entry.state !== 'refused') this._store.patch(entry.filter, { state: 'waiting', grantedQos: null });
    }
  }

  private async _send(filter: string, qos: QoS): Promise<void> {
    if (this._transport.status.phase !== 'connected') return; // sent on the next CONNACK
    this._store.patch(filter, { state: 'pending', refusal: null });
    try {
      const outcome = await this._transport.subscribe(filter, qos);
      if (this._store.find(filter)?.requestedQos !== qos) return; // changed meanwhile
      this._store.patch(filter, {
        state: outcome.granted === null ? 'refused' : 'active',
        grantedQos: outcome.granted,
        refusal: outcome.refusal,
      });
    } catch {
      // Lost the connection before the SUBACK: it is sent again on the next CONNACK.
      this._store.patch(filter, { state: 'waiting', refusal: null });
    }
  }
}
