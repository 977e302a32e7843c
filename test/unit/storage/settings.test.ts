import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDashboardDatabase } from '../../../src/storage/database';
import { defaultSettings } from '../../../src/storage/settings';
import { SettingsRepository } from '../../../src/storage/settings-repository';

let databases = 0;
const freshRepository = async () => {
  const name = `settings-test-${databases++}`;
  return { name, repository: new SettingsRepository(await openDashboardDatabase(name)) };
};
const defaults = defaultSettings('ws://127.0.0.1:9001', () => 'abc123');

describe('settings persistence', () => {
  it('has nothing saved on first use, and a generated client id in the defaults', async () => {
    const { repository } = await freshRepository();
    expect(await repository.load(defaults)).toBeNull();
    expect(defaults.clientId).toBe('dashboard-abc123');
  });

  it('saves and reloads every field, across a reopen of the database', async () => {
    const { name, repository } = await freshRepository();
    const settings = {
      ...defaults,
      brokerUrl: 'wss://broker.example:8884/mqtt',
      username: 'tech',
      keepaliveSeconds: 15,
      protocol: '5' as const,
      cleanSession: false,
      subscriptions: [{ filter: 'moteur/#', qos: 1 as const }],
      autoConnect: true,
    };
    await repository.save(settings);
    const reopened = new SettingsRepository(await openDashboardDatabase(name));
    expect(await reopened.load(defaults)).toEqual(settings);
  });

  it('binds a password saved by an earlier version to the broker it was saved with', async () => {
    const { name } = await freshRepository();
    const database = await openDashboardDatabase(name);
    const { passwordFor: _unknownThen, ...earlier } = { ...defaults, brokerUrl: 'ws://a:9001', password: 'kept', rememberPassword: true };
    await database.put('settings', earlier as typeof defaults, 'connection');
    expect(await new SettingsRepository(database).load(defaults)).toMatchObject({ password: 'kept', passwordFor: 'ws://a:9001' });
  });

  it('never stores the password unless asked to', async () => {
    const { repository } = await freshRepository();
    await repository.save({ ...defaults, password: 's3cret', rememberPassword: false });
    expect((await repository.load(defaults))?.password).toBe('');
    await repository.save({ ...defaults, password: 's3cret', rememberPassword: true });
    expect((await repository.load(defaults))?.password).toBe('s3cret');
  });

  it('fills fields a newer version added with their defaults', async () => {
    const { name, repository } = await freshRepository();
    const database = await openDashboardDatabase(name);
    const old = { brokerUrl: 'ws://old:1', clientId: 'dashboard-old' } as unknown as typeof defaults;
    await database.put('settings', old, 'connection');
    expect(await repository.load(defaults)).toMatchObject({ brokerUrl: 'ws://old:1', clientId: 'dashboard-old', keepaliveSeconds: 30 });
  });
});
