import { describe, expect, it } from 'vitest';
import { judgeAvailability, readAvailability, readAvailabilityMessage } from '../../../src/discovery/discovery-availability';

describe('discovered availability', () => {
  it('reads a topic with its payloads, or a list, and the mode', () => {
    expect(readAvailability({ name: 'x' })).toBeNull();
    const single = readAvailability({ availability_topic: 'zigbee2mqtt/bridge/state' });
    expect(single?.sources).toEqual([{ topic: 'zigbee2mqtt/bridge/state', available: 'online', notAvailable: 'offline', template: null }]);
    expect(single?.mode).toBe('latest');
    const list = readAvailability({
      availability: [{ topic: 'shellies/plug/online', payload_available: 'true', payload_not_available: 'false' }, { topic: 'bridge/state' }],
      availability_mode: 'all',
    });
    expect(list?.sources.map((source) => [source.topic, source.available])).toEqual([
      ['shellies/plug/online', 'true'],
      ['bridge/state', 'online'],
    ]);
    expect(list?.mode).toBe('all');
  });

  it('reads a message through its template (Zigbee2MQTT sends JSON state)', () => {
    const availability = readAvailability({ availability: [{ topic: 'z2m/bridge/state', value_template: '{{ value_json.state }}' }] });
    const source = availability?.sources[0];
    if (!source) throw new Error('a source expected');
    expect(readAvailabilityMessage(source, '{"state":"online"}')).toBe(true);
    expect(readAvailabilityMessage(source, '{"state":"offline"}')).toBe(false);
    expect(readAvailabilityMessage(source, 'garbage')).toBeNull();
  });

  it('judges latest, all and any; nothing heard is unavailable', () => {
    const of = (mode: string) => readAvailability({ availability: [{ topic: 'a' }, { topic: 'b' }], availability_mode: mode });
    const said = new Map([
      ['a', true],
      ['b', false],
    ]);
    const latest = of('latest');
    const all = of('all');
    const any = of('any');
    if (!latest || !all || !any) throw new Error('availability expected');
    expect(judgeAvailability(latest, said, 'a')).toBe(true);
    expect(judgeAvailability(latest, said, 'b')).toBe(false);
    expect(judgeAvailability(all, said, 'a')).toBe(false);
    expect(judgeAvailability(any, said, 'b')).toBe(true);
    expect(judgeAvailability(latest, new Map(), null)).toBe(false);
    expect(judgeAvailability(any, new Map(), null)).toBe(false);
  });
});
