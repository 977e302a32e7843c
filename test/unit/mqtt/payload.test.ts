import { describe, expect, it } from 'vitest';
import { DISPLAY_LIMIT_BYTES, decodePayload, formatBytes } from '../../../src/mqtt/payload';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('payload decoding', () => {
  it('keeps every digit of an integer beyond a float’s exact range; the float is for charts', () => {
    expect(decodePayload(bytes('9007199254740993'))).toMatchObject({ kind: 'number', exact: '9007199254740993', value: 9007199254740992 });
    expect(decodePayload(bytes('-18446744073709551615'))).toMatchObject({ exact: '-18446744073709551615' });
    expect(decodePayload(bytes('9007199254740991')).exact).toBeUndefined(); // still exact as a float
    expect(decodePayload(bytes('1.5e300')).exact).toBeUndefined();
  });

  it('shows numbers as numbers', () => {
    expect(decodePayload(bytes('21.5'))).toMatchObject({ kind: 'number', value: 21.5, text: '21.5' });
    expect(decodePayload(bytes(' -3 '))).toMatchObject({ kind: 'number', value: -3, text: '-3' });
    expect(decodePayload(bytes('1e3'))).toMatchObject({ kind: 'number', value: 1000 });
  });

  it('shows a JSON value with its unit', () => {
    expect(decodePayload(bytes('{"value": 72.4, "unit": "°C"}'))).toMatchObject({
      kind: 'measure',
      value: 72.4,
      unit: '°C',
      text: '72.4 °C',
    });
    expect(decodePayload(bytes('{"value":3}'))).toMatchObject({ kind: 'measure', value: 3, text: '3' });
  });

  it('shows other JSON as it was sent', () => {
    expect(decodePayload(bytes('{ "a": 1,\n "b": [1, 2] }'))).toMatchObject({ kind: 'json', text: '{ "a": 1,\n "b": [1, 2] }' });
    expect(decodePayload(bytes('{"value":"high"}'))).toMatchObject({ kind: 'json' });
  });

  it('shows a number too large for a float as it was sent, marked so that no chart takes it', () => {
    expect(decodePayload(bytes('{"value":1e400}'))).toEqual({ kind: 'json', text: '{"value":1e400}', bytes: 15, truncated: false, notFinite: true });
    expect(decodePayload(bytes('-1e400'))).toEqual({ kind: 'text', text: '-1e400', bytes: 6, truncated: false, notFinite: true });
    expect(decodePayload(bytes('1e308'))).toMatchObject({ kind: 'number', value: 1e308 });
  });

  it('keeps text as text, including markup, which is never interpreted', () => {
    expect(decodePayload(bytes('<img src=x onerror=alert(1)>'))).toMatchObject({
      kind: 'text',
      text: '<img src=x onerror=alert(1)>',
    });
    expect(decodePayload(bytes('{not json'))).toMatchObject({ kind: 'text' });
    expect(decodePayload(bytes('online'))).toMatchObject({ kind: 'text', text: 'online' });
  });

  it('shows binary payloads as hex', () => {
    const decoded = decodePayload(new Uint8Array([0x00, 0xff, 0x10, 0x80]));
    expect(decoded).toMatchObject({ kind: 'binary', text: '00 ff 10 80', bytes: 4, truncated: false });
    expect(decodePayload(new Uint8Array(100).fill(0xc3))).toMatchObject({ kind: 'binary', truncated: true });
  });

  it('treats an empty payload as empty', () => {
    expect(decodePayload(new Uint8Array(0))).toMatchObject({ kind: 'empty', bytes: 0 });
  });

  it('truncates payloads over 64 KiB for display and keeps their size', () => {
    const big = bytes('é'.repeat(DISPLAY_LIMIT_BYTES)); // 2 bytes each: cut falls inside characters
    const decoded = decodePayload(big);
    expect(decoded.kind).toBe('text');
    expect(decoded.truncated).toBe(true);
    expect(decoded.bytes).toBe(big.byteLength);
    expect(decoded.text.length).toBe(DISPLAY_LIMIT_BYTES / 2);
  });

  it('formats sizes', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(65_536)).toBe('64.0 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});
