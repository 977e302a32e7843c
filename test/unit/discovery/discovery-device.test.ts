import { describe, expect, it } from 'vitest';
import { entityName, mergeDevices, readDevice } from '../../../src/discovery/discovery-device';

describe('discovered devices and names', () => {
  it('names a device by its identifiers (a string or a list) and connections', () => {
    expect(readDevice({ identifiers: 'zigbee2mqtt_0x00158d0001a2b3c4', name: 'Salon' })?.keys).toEqual(['zigbee2mqtt_0x00158d0001a2b3c4']);
    expect(readDevice({ identifiers: ['a', 'b'], connections: [['MAC', 'AA:BB'], ['bad']] })?.keys).toEqual(['a', 'b', 'mac aa:bb']);
    expect(readDevice({ name: 'no id' })).toBeNull();
    expect(readDevice('nope')).toBeNull();
  });

  it('merges details given by another entity of the same device (Tasmota gives them once)', () => {
    const first = readDevice({ identifiers: ['tasmota-1'], name: 'Prise' });
    const second = readDevice({ identifiers: ['tasmota-1'], manufacturer: 'Tasmota', sw_version: '13.1', via_device: 'bridge' });
    if (!first || !second) throw new Error('devices expected');
    expect(mergeDevices(first, second)).toMatchObject({ name: 'Prise', manufacturer: 'Tasmota', swVersion: '13.1', viaDevice: 'bridge' });
  });

  it('names an entity as Home Assistant does', () => {
    expect(entityName({ name: 'Température' }, 'sensor')).toEqual({ kind: 'given', name: 'Température' });
    expect(entityName({ name: null }, 'switch')).toEqual({ kind: 'device' });
    expect(entityName({ device_class: 'humidity' }, 'sensor')).toEqual({ kind: 'device-class', deviceClass: 'humidity' });
    expect(entityName({}, 'button')).toEqual({ kind: 'default', platform: 'button' });
  });
});
