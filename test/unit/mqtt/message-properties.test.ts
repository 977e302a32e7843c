import { describe, expect, it } from 'vitest';
import { readMessageProperties, userProperty } from '../../../src/mqtt/message-properties';

describe('MQTT 5 message properties', () => {
  it('reads every property a person may ask about, as text', () => {
    const read = readMessageProperties({
      userProperties: { source: 'banc-3', tag: ['a', 'b'] },
      contentType: 'application/json',
      payloadFormatIndicator: true,
      messageExpiryInterval: 30,
      responseTopic: 'r/t',
      correlationData: Buffer.from('demande-7'),
    });
    expect(read).toEqual({
      userProperties: [['source', 'banc-3'], ['tag', 'a'], ['tag', 'b']],
      contentType: 'application/json',
      payloadFormat: 'UTF-8 text',
      messageExpirySeconds: 30,
      responseTopic: 'r/t',
      correlationData: 'demande-7',
    });
    expect(userProperty(read, 'tag')).toBe('b');
  });

  it('shows binary correlation data as hex, and nothing at all when there is nothing', () => {
    expect(readMessageProperties({ correlationData: Buffer.from([0xff, 0x00]) })?.correlationData).toBe('ff 00');
    expect(readMessageProperties(undefined)).toBeNull();
    expect(readMessageProperties({})).toBeNull();
  });
});
