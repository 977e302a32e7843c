import { ValueStore, type Scheduler } from './notifier';
import type { BrokerRefusal } from '../shared/problems';
import type { QoS } from '../shared/types';


/**
 * `waiting`: not sent yet (not connected); `pending`: SUBSCRIBE sent, no SUBACK yet;
 * `active`: granted; `refused`: the broker said no (SUBACK failure).
 */
export type SubscriptionState = 'waiting' | 'pending' | 'active' | 'refused';

export interface SubscriptionEntry {
  readonly filter: string;
  readonly requestedQos: QoS;
  readonly grantedQos: QoS | null;
  readonly state: SubscriptionState;
  /** Why the broker refused it (SUBACK failure), when it did. */
  readonly refusal: BrokerRefusal | null;
  /**
   * Made by the dashboard, not by the user: for device presence (true; it goes away with the presence rule),
   * for a control's state or answer topic no subscription of the user's covers (`controls`), or for the
   * alarm states other dashboards share (`alarms`).
   */
  readonly automatic: boolean | 'controls' | 'alarms';
}

export interface SubscriptionList {
  readonly entries: readonly SubscriptionEntry[];
}

/** The subscriptions the user asked for, in the order they were added, with what the broker answered. */
export class SubscriptionStore extends ValueStore<SubscriptionList> {
  constructor(schedule?: Scheduler) {
    super({ entries: [] }, schedule);
  }

  get entries(): readonly SubscriptionEntry[] {
    return this.state.entries;
  }

  find(filter: string): SubscriptionEntry | undefined {
    return this.state.entries.find((entry) => entry.filter === filter);
  }

  /** Adds a subscription, or replaces the one with the same filter (keeping its place). */
  put(entry: SubscriptionEntry): void {
    const entries = [...this.state.entries];
    const index = entries.findIndex((existing) => existing.filter === entry.filter);
    if (index === -1) entries.push(entry);
    else entries[index] = entry;
    this.replace({ entries });
  }

  patch(filter: string, patch: Partial<Omit<SubscriptionEntry, 'filter'>>): void {
    const existing = this.find(filter);
    if (existing) this.put({ ...existing, ...patch });
  }

  remove(filter: string): void {
    this.replace({ entries: this.state.entries.filter((entry) => entry.filter !== filter) });
  }
}
