import { Notifier, type Scheduler } from './notifier';
import type { MemberNote } from '../sparkplug/sparkplug-types';

export type DeviceState = 'online' | 'offline' | 'unknown';

/** What the dashboard knows of one device. Replaced, never mutated, so renderers can compare by identity. */
export interface DevicePresence {
  readonly id: string;
  readonly state: DeviceState;
  /** Since when the device is in this state, as far as the dashboard saw it (epoch ms). */
  readonly since: number;
  /**
   * False when the state came first from a retained status (a new browser, or after the device was
   * forgotten): the device was already in it at `since`, for how long before is unknown.
   */
  readonly sinceKnown: boolean;
  /** The last message from any of the device's topics (epoch ms). */
  readonly heardAt: number;
  /** The last status message that set the state (epoch ms): the state is only as fresh as this. */
  readonly stateAt: number;
  /** The status topic the state comes from. */
  readonly statusTopic: string;
  /** The last status payload that matched no rule, shown as is; null once a known payload arrives. */
  readonly unrecognised: string | null;
  /** A Sparkplug B edge node (`group/node`) or device (`group/node/device`), its presence from its certificates. */
  readonly sparkplug?: 'node' | 'device';
  /** What else to say about its state: why it went offline, or that a Sparkplug node is out of sync. */
  readonly note?: MemberNote | null;
}

/** What a status message said: a state, a cleared retained status (empty payload), or something unknown. */
export type StatusReading = { kind: 'state'; state: 'online' | 'offline' } | { kind: 'cleared' } | { kind: 'unrecognised'; text: string };

const UNRECOGNISED_LIMIT = 80;
const HEARD_RESOLUTION_MS = 1000;

/** Device presence, by device id, kept in id order. Announced at most once per animation frame. */
export class PresenceStore extends Notifier {
  private readonly _devices = new Map<string, DevicePresence>();
  private _list: readonly DevicePresence[] | null = [];

  constructor(schedule?: Scheduler) {
    super(schedule);
  }

  get(id: string): DevicePresence | undefined {
    return this._devices.get(id);
  }

  has(id: string): boolean {
    return this._devices.has(id);
  }

  /** Every known device, sorted by id. The same array is returned until something changes. */
  list(): readonly DevicePresence[] {
    if (this._list === null) this._list = [...this._devices.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this._list;
  }

  /**
   * A message arrived on the device's status topic. Unknown payloads do not change the state. `restarted`:
   * an `online` that begins a new session of the device (a birth received live), so `since` starts again
   * even though the device was online already.
   */
  noteStatus(id: string, statusTopic: string, reading: StatusReading, at: number, retained = false, restarted = false): void {
    const previous = this._devices.get(id);
    const base: DevicePresence = previous ?? { id, state: 'unknown', since: at, sinceKnown: !retained, heardAt: at, stateAt: at, statusTopic, unrecognised: null };
    let next: DevicePresence;
    if (reading.kind === 'unrecognised') {
      const text = reading.text.length > UNRECOGNISED_LIMIT ? `${reading.text.slice(0, UNRECOGNISED_LIMIT)}…` : reading.text;
      next = { ...base, heardAt: at, unrecognised: text };
    } else {
      const state: DeviceState = reading.kind === 'state' ? reading.state : 'unknown';
      const changed = !previous || previous.state !== state || (restarted && !retained && state === 'online');
      // A retained copy of the state already shown says nothing new about when it began.
      const sinceKnown = changed ? !retained : base.sinceKnown;
      next = { ...base, state, since: changed ? at : base.since, sinceKnown, heardAt: at, stateAt: at, statusTopic, unrecognised: null };
    }
    this._devices.set(id, next);
    this._list = null;
    this.changed();
  }

  /** Says what else there is to know about a device (null: nothing), and what kind of Sparkplug member it is. */
  annotate(id: string, note: MemberNote | null, sparkplug?: 'node' | 'device'): void {
    const previous = this._devices.get(id);
    if (!previous || (previous.note === note && previous.sparkplug === sparkplug)) return;
    this._devices.set(id, { ...previous, note, ...(sparkplug ? { sparkplug } : {}) });
    this._list = null;
    this.changed();
  }

  /**
   * A message that shows the device is still in its state (Sparkplug data from a born node or device):
   * its state is as fresh as this message, recorded at most once a second.
   */
  confirm(id: string, at: number): void {
    const previous = this._devices.get(id);
    if (!previous || at - previous.stateAt < HEARD_RESOLUTION_MS) return;
    this._devices.set(id, { ...previous, stateAt: at, heardAt: at });
    this._list = null;
    this.changed();
  }

  /**
   * Any message from one of a known device's topics. "Last heard" is shown to the second, so a device
   * sending many messages a second is updated (and redrawn) at most once a second, not per message.
   */
  noteHeard(id: string, at: number): void {
    const previous = this._devices.get(id);
    if (!previous || at - previous.heardAt < HEARD_RESOLUTION_MS) return;
    const next = { ...previous, heardAt: at };
    this._devices.set(id, next);
    this._list = null;
    this.changed();
  }

  /**
   * Puts back the devices remembered from an earlier visit (not already known), with the time their state
   * began: a retained status repeating that state keeps it. They are stale until a status arrives.
   */
  restore(devices: readonly DevicePresence[]): void {
    let added = false;
    for (const device of devices) {
      if (this._devices.has(device.id)) continue;
      this._devices.set(device.id, { ...device, sinceKnown: device.sinceKnown !== false });
      added = true;
    }
    if (!added) return;
    this._list = null;
    this.changed();
  }

  /** A mirror's side: every device as the engine has it now. */
  replaceAll(devices: readonly DevicePresence[]): void {
    this._devices.clear();
    for (const device of devices) this._devices.set(device.id, device);
    this._list = devices;
    this.changed();
  }

  /** Forgets devices for which `keep` returns false (their rule was removed). */
  retain(keep: (device: DevicePresence) => boolean): void {
    let removed = false;
    for (const device of [...this._devices.values()]) {
      if (!keep(device)) removed = this._devices.delete(device.id) || removed;
    }
    if (!removed) return;
    this._list = null;
    this.changed();
  }
}
