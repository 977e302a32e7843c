import { describe, expect, it } from 'vitest';
import { expandConfig } from '../../../src/discovery/discovery-abbreviations';

describe('discovery abbreviations', () => {
  it('expands the top, availability items, device, origin and each component', () => {
    const config = expandConfig({
      '~': 'shellies/plug',
      stat_t: '~/relay/0',
      cmd_t: '~/relay/0/command',
      avty: [{ t: '~/online', pl_avail: 'true', pl_not_avail: 'false' }],
      avty_mode: 'all',
      dev: { ids: ['plug-1'], mf: 'Shelly', mdl: 'Plug S', sw: '1.14', cu: 'http://192.0.2.1' },
      o: { name: 'script', sw: '2', url: 'https://example.invalid' },
      cmps: { relay: { p: 'switch', uniq_id: 'plug-1-relay', pl_on: 'on', pl_off: 'off' } },
      qos: 1,
      unknown_short: 'kept',
    });
    expect(config).toEqual({
      '~': 'shellies/plug',
      state_topic: '~/relay/0',
      command_topic: '~/relay/0/command',
      availability: [{ topic: '~/online', payload_available: 'true', payload_not_available: 'false' }],
      availability_mode: 'all',
      device: { identifiers: ['plug-1'], manufacturer: 'Shelly', model: 'Plug S', sw_version: '1.14', configuration_url: 'http://192.0.2.1' },
      origin: { name: 'script', sw_version: '2', support_url: 'https://example.invalid' },
      components: { relay: { platform: 'switch', unique_id: 'plug-1-relay', payload_on: 'on', payload_off: 'off' } },
      qos: 1,
      unknown_short: 'kept',
    });
  });

  it('keeps the full key when both spellings are given', () => {
    expect(expandConfig({ stat_t: 'old', state_topic: 'new' })).toEqual({ state_topic: 'new' });
  });

  it('leaves t alone at the top (it is an availability item key)', () => {
    expect(expandConfig({ t: 'x' })).toEqual({ t: 'x' });
  });
});
