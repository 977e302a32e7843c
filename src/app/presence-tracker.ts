/**
 * Turns messages into device presence with the user's presence rules: status topics set the state,
 * any other message under a known device's prefix counts as hearing from it.
 */
import { sparkplugOwner } from '../sparkplug/sparkplug-owner';
import { owningDevice, recognisePresence, statusTopicDevice, type PresenceRule } from '../mqtt/presence-rules';
import type { PresenceStore, StatusReading } from '../state/presence-store';

const decoder = new TextDecoder('utf-8', { fatal: true });

export class PresenceTracker {
  private _rules: readonly PresenceRule[] = [];
  /** Which known device each topic belongs to; forgotten when a device appears or the rules change. */
  private readonly _owners = new Map<string, string | null>();
  /** Whether each topic is a status topic, and of which rule and device; forgotten when the rules change. */
  private readonly _statusOf = new Map<string, { rule: PresenceRule; id: string } | null>();

  constructor(private readonly _store: PresenceStore) {}

  get rules(): readonly PresenceRule[] {
    return this._rules;
  }

  /** Replaces the rules; devices no rule knows any more are forgotten. */
  setRules(rules: readonly PresenceRule[]): void {
    this._rules = rules;
    this._owners.clear();
    this._statusOf.clear();
    // Sparkplug nodes and devices come from their certificates, whatever the rules.
    this._store.retain((device) => device.sparkplug !== undefined || rules.some((rule) => statusTopicDevice(rule, device.statusTopic) === device.id));
  }

  /** Devices were added other than by a status topic (Sparkplug certificates): topics' owners are worked out again. */
  devicesChanged(): void {
    this._owners.clear();
  }

  /** Called for every message: each topic is matched against the rules once, then remembered. */
  observe(topic: string, payload: Uint8Array, at: number, retained = false): void {
    const status = this._statusTopic(topic);
    if (status) {
      if (!this._store.has(status.id)) this._owners.clear();
      // Online since a retained status (since when: unknown), then its birth received live: it connected
      // again now, so `since` starts again and is known. (A live `online` repeated on a known one is a
      // heartbeat some firmwares publish: it does not.)
      const known = this._store.get(status.id);
      const reborn = !retained && known?.state === 'online' && !known.sinceKnown;
      this._store.noteStatus(status.id, topic, readStatus(status.rule, payload), at, retained, reborn);
      return;
    }
    const owner = this.deviceOf(topic);
    if (owner !== null) this._store.noteHeard(owner, at);
  }

  private _statusTopic(topic: string): { rule: PresenceRule; id: string } | null {
    let known = this._statusOf.get(topic);
    if (known !== undefined) return known;
    known = null;
    for (const rule of this._rules) {
      const id = statusTopicDevice(rule, topic);
      if (id !== null) {
        known = { rule, id };
        break;
      }
    }
    this._statusOf.set(topic, known);
    return known;
  }

  /** The known device a topic belongs to, or null. Asked per message and per drawn tile: remembered. */
  deviceOf(topic: string): string | null {
    const known = this._owners.get(topic);
    if (known !== undefined) return known;
    const isKnown = (id: string) => this._store.has(id);
    const owner = sparkplugOwner(topic, isKnown) ?? owningDevice(this._rules, topic, isKnown);
    this._owners.set(topic, owner);
    return owner;
  }
}

function readStatus(rule: PresenceRule, payload: Uint8Array): StatusReading {
  if (payload.length === 0) return { kind: 'cleared' };
  let text: string;
  try {
    text = decoder.decode(payload);
  } catch {
    return { kind: 'unrecognised', text: `binary, ${payload.length} bytes` };
  }
  const state = recognisePresence(rule, text);
  return state ? { kind: 'state', state } : { kind: 'unrecognised', text };
}
