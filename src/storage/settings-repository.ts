/** Reads and writes the settings in IndexedDB (in the engine only). The password is kept only when the user asked. */
import { copyControl } from '../controls/control-definition';
import type { DashboardDatabase } from './database';
import type { StoredSettings } from './settings';

const KEY = 'connection';

export class SettingsRepository {
  constructor(private readonly _database: DashboardDatabase) {}

  /** The saved settings, or null on first use. Fields added by later versions get their defaults. */
  async load(defaults: StoredSettings): Promise<StoredSettings | null> {
    const saved = await this._database.get('settings', KEY);
    if (!saved) return null;
    // Saved before passwords were bound to their broker: the one it was saved with.
    const passwordFor = saved.passwordFor ?? (saved.password ? saved.brokerUrl : '');
    return { ...defaults, ...saved, passwordFor };
  }

  async save(settings: StoredSettings): Promise<void> {
    const toStore: StoredSettings = {
      ...settings,
      password: settings.rememberPassword ? settings.password : '',
      passwordFor: settings.rememberPassword ? settings.passwordFor : '',
      subscriptions: settings.subscriptions.map(({ filter, qos }) => ({ filter, qos })),
      savedCommands: settings.savedCommands.map(({ topic, payload, qos, retain, confirm }) => ({ topic, payload, qos, retain, confirm: confirm ?? 'ask' })),
      controls: settings.controls.map(copyControl),
      tileFormats: settings.tileFormats.map(({ topic, unit, decimals }) => ({ topic, unit, decimals })),
      deviceNames: settings.deviceNames.map(({ device, name }) => ({ device, name })),
      profiles: settings.profiles.map((profile) => ({ ...profile, subscriptions: profile.subscriptions.map(({ filter, qos }) => ({ filter, qos })) })),
      presence: {
        enabled: settings.presence.enabled,
        rules: settings.presence.rules.map(({ pattern, online, offline }) => ({ pattern, online: [...online], offline: [...offline] })),
      },
    };
    await this._database.put('settings', toStore, KEY);
  }
}
