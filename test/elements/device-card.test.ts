/** <device-card> alone: presence in words, with times, from the device property. */
import { describe, expect, it } from 'vitest';
import type { DevicePresence } from '../../src/state/presence-store';
import '../../src/ui/device-card';
import { mirrorFixture, mount, nextFrame, numberValue, textOf } from './mirror-fixture';

const device = (state: DevicePresence['state'], since: number): DevicePresence => ({
  id: 'moteur',
  state,
  since,
  sinceKnown: true,
  heardAt: since,
  stateAt: Date.now(),
  statusTopic: 'moteur/status',
  unrecognised: null,
});

describe('<device-card>', () => {
  it('says a device is online, with its values', async () => {
    const { mirror } = mirrorFixture();
    const card = await mount(document.createElement('device-card'), mirror);
    card.device = device('online', Date.now() - 120_000);
    card.values = [numberValue('moteur/température', '68.5')];
    await nextFrame();
    const text = textOf(card);
    expect(text).toContain('moteur');
    expect(text).toMatch(/online/i);
    expect(text).toContain('68.5');
  });

  it('says since when a device is offline', async () => {
    const { mirror } = mirrorFixture();
    const card = await mount(document.createElement('device-card'), mirror);
    card.device = device('offline', Date.now() - 3 * 60_000);
    await nextFrame();
    expect(textOf(card)).toMatch(/offline since/i);
  });
});
