import { describe, expect, it } from 'vitest';
import { configTopic, withBaseTopic } from '../../../src/discovery/discovery-topic';

describe('discovery config topics', () => {
  it.each([
    ['homeassistant/sensor/0x00158d0001a2b3c4/temperature/config', { component: 'sensor', nodeId: '0x00158d0001a2b3c4', objectId: 'temperature', key: 'sensor 0x00158d0001a2b3c4 temperature' }],
    ['homeassistant/switch/plug_1/config', { component: 'switch', nodeId: null, objectId: 'plug_1', key: 'switch plug_1' }],
    ['homeassistant/device/esp-node/config', { component: 'device', nodeId: null, objectId: 'esp-node', key: 'device esp-node' }],
  ])('%s is a config', (topic, expected) => {
    expect(configTopic('homeassistant', topic)).toEqual(expected);
  });

  it.each([
    'homeassistant/status',
    'homeassistant/sensor/a/state',
    'homeassistant/sensor/a b/config',
    'homeassistant/sensor/a/b/c/config',
    'homeassistant/sensor/config',
    'garage_homeassistant/sensor/a/config',
    'homeassistant/Sensor+/a/config',
  ])('%s is not', (topic) => {
    expect(configTopic('homeassistant', topic)).toBeNull();
  });

  it('takes another prefix (Shelly scripts use their own)', () => {
    expect(configTopic('garage_homeassistant', 'garage_homeassistant/cover/door/config')?.key).toBe('cover door');
  });

  it('substitutes ~ as Home Assistant does: leading, trailing, exactly; not in the middle; topics only', () => {
    const config = withBaseTopic({
      '~': 'shellies/plug-1',
      state_topic: '~/relay/0',
      command_topic: 'cmnd/~',
      json_attributes_topic: '~',
      availability_topic: 'a/~/b',
      name: '~/not a topic',
      availability: [{ topic: '~/online' }, { payload_available: 'true' }],
    });
    expect(config).toEqual({
      state_topic: 'shellies/plug-1/relay/0',
      command_topic: 'cmnd/shellies/plug-1',
      json_attributes_topic: 'shellies/plug-1',
      availability_topic: 'a/~/b',
      name: '~/not a topic',
      availability: [{ topic: 'shellies/plug-1/online' }, { payload_available: 'true' }],
    });
  });
});
