/**
 * What the user arranges and keeps: quick commands, pinned filters and their order, hidden tiles, units and
 * decimals, device names, the theme, the screen, broker profiles, the message log's size. Each change is
 * applied at once and saved with the settings.
 */
import type { ValueStore } from '../state/notifier';
import { MAX_DECIMALS, type BrokerProfile, type SavedCommand, type StoredSettings, type Theme } from '../storage/settings';
import type { Layout } from './layout-file';
import type { ControlDefinition } from '../controls/control-definition';
import type { AlarmSharing } from '../alarms/alarm-sharing';
import type { AlarmDefinition } from '../alarms/alarm-definition';
import { msg } from '../i18n/words';

export class Preferences {
  /** `change`: applies a patch to the settings (the mirror's, shown at once) and has the engine keep it. */
  constructor(
    private readonly _settings: ValueStore<StoredSettings>,
    private readonly _changeSettings: (patch: Partial<StoredSettings>) => void,
  ) {}

  /** How many recent messages the log keeps (older ones are dropped at once when it shrinks). */
  setLogCapacity(capacity: number): void {
    if (!Number.isInteger(capacity) || capacity < 100 || capacity > 1_000_000) return;
    this._change({ logCapacity: capacity });
  }

  /** Shows the tiles of topics matching `filter` first on the dashboard. */
  pin(filter: string): void {
    if (this._settings.state.pinned.includes(filter)) return;
    this._change({ pinned: [...this._settings.state.pinned, filter] });
  }

  unpin(filter: string): void {
    this._change({ pinned: this._settings.state.pinned.filter((pinned) => pinned !== filter) });
  }

  /** Moves a pinned filter (and its tiles) one place earlier (-1) or later (+1). */
  movePin(filter: string, step: -1 | 1): void {
    const pinned = [...this._settings.state.pinned];
    const from = pinned.indexOf(filter);
    const to = from + step;
    if (from === -1 || to < 0 || to >= pinned.length) return;
    pinned.splice(from, 1);
    pinned.splice(to, 0, filter);
    this._change({ pinned });
  }

  hide(topic: string): void {
    if (this._settings.state.hidden.includes(topic)) return;
    this._change({ hidden: [...this._settings.state.hidden, topic] });
  }

  show(topic: string): void {
    this._change({ hidden: this._settings.state.hidden.filter((hidden) => hidden !== topic) });
  }

  /** Sets the unit and decimals of a topic's tile; an empty unit and null decimals go back to the payload's own. */
  setTileFormat(topic: string, unit: string, decimals: number | null): void {
    if (decimals !== null && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS)) return;
    const others = this._settings.state.tileFormats.filter((format) => format.topic !== topic);
    const trimmed = unit.trim();
    this._change({ tileFormats: trimmed === '' && decimals === null ? others : [...others, { topic, unit: trimmed, decimals }] });
  }

  /** Names a device; an empty name goes back to its id. */
  renameDevice(device: string, name: string): void {
    const others = this._settings.state.deviceNames.filter((entry) => entry.device !== device);
    const trimmed = name.trim();
    this._change({ deviceNames: trimmed === '' || trimmed === device ? others : [...others, { device, name: trimmed }] });
  }

  setTheme(theme: Theme): void {
    this._change({ theme });
  }

  setKeepScreenOn(keepScreenOn: boolean): void {
    this._change({ keepScreenOn });
  }

  /** Keeping trends on this device, or not (turned off, what was kept is erased). */
  setKeepTrends(keepTrends: boolean): void {
    this._change({ keepTrends });
  }

  /** Keeps the current connection settings and subscriptions as a profile (replacing one of the same name). */
  saveProfile(name: string): string | null {
    const trimmed = name.trim();
    if (trimmed === '') return msg('Give the profile a name, for example “Workshop broker”.');
    const settings = this._settings.state;
    const profile: BrokerProfile = {
      name: trimmed,
      brokerUrl: settings.brokerUrl,
      clientId: settings.clientId,
      username: settings.username,
      protocol: settings.protocol,
      keepaliveSeconds: settings.keepaliveSeconds,
      cleanSession: settings.cleanSession,
      sessionExpirySeconds: settings.sessionExpirySeconds,
      subscriptions: settings.subscriptions.map(({ filter, qos }) => ({ filter, qos })),
    };
    this._change({ profiles: [...settings.profiles.filter((saved) => saved.name !== trimmed), profile] });
    return null;
  }

  deleteProfile(name: string): void {
    this._change({ profiles: this._settings.state.profiles.filter((profile) => profile.name !== name) });
  }

  /** Replaces the layout and the profiles with those of an imported file (already checked). */
  applyLayout(layout: Layout): void {
    this._change({ ...layout });
  }

  /** Adds a control, or replaces the one with its id (already checked by its editor). */
  saveControl(control: ControlDefinition): void {
    const controls = this._settings.state.controls;
    const at = controls.findIndex((saved) => saved.id === control.id);
    this._change({ controls: at === -1 ? [...controls, control] : controls.map((saved, index) => (index === at ? control : saved)) });
  }

  /** Adds an alarm, or replaces the one with its id (already checked by its editor). */
  saveAlarm(alarm: AlarmDefinition): void {
    const alarms = this._settings.state.alarms;
    const at = alarms.findIndex((saved) => saved.id === alarm.id);
    this._change({ alarms: at === -1 ? [...alarms, alarm] : alarms.map((saved, index) => (index === at ? alarm : saved)) });
  }

  /** Who acknowledges alarms from this dashboard (empty: its client id). */
  setDashboardName(name: string): void {
    this._change({ dashboardName: name.slice(0, 80) });
  }

  /** Shares alarm states on `<prefix>/alarms/<id>` or stops (the prefix already checked). */
  setAlarmSharing(sharing: AlarmSharing): void {
    this._change({ alarmSharing: { enabled: sharing.enabled, prefix: sharing.prefix.trim() } });
  }

  removeAlarm(id: string): void {
    this._change({ alarms: this._settings.state.alarms.filter((alarm) => alarm.id !== id) });
  }

  removeControl(id: string): void {
    this._change({ controls: this._settings.state.controls.filter((control) => control.id !== id) });
  }

  /** Keeps a command for one-tap sending (replacing the same topic and payload). */
  saveCommand(command: SavedCommand): void {
    this._change({ savedCommands: [...this._others(command), command] });
  }

  forgetCommand(command: SavedCommand): void {
    this._change({ savedCommands: this._others(command) });
  }

  private _others(command: SavedCommand): SavedCommand[] {
    return this._settings.state.savedCommands.filter((saved) => saved.topic !== command.topic || saved.payload !== command.payload);
  }

  private _change(patch: Partial<StoredSettings>): void {
    this._changeSettings(patch);
  }
}
