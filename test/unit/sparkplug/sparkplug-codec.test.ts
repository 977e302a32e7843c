/** Decoding with Eclipse Tahu's sparkplug-payload: every datatype as what it is, 64-bit integers exact. */
import Long from 'long';
import { encodePayload, type UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { describe, expect, it } from 'vitest';
import { decodeSparkplug, encodeCommand, metricValue } from '../../../src/sparkplug/sparkplug-codec';

const encode = (payload: object) => encodePayload(payload as UPayload);

describe('decodeSparkplug', () => {
  it('keeps 64-bit integers exact, beyond 2^53 and negative', () => {
    const decoded = decodeSparkplug(
      encode({
        timestamp: 1_700_000_000_000,
        seq: 3,
        metrics: [
          { name: 'Compteur', alias: 7, type: 'UInt64', value: Long.fromString('18446744073709551615', true) },
          { name: 'Grand', type: 'Int64', value: Long.fromString('9007199254740993') },
          { name: 'Négatif', type: 'Int64', value: Long.fromString('-9007199254740993') },
          { name: 'Mot', type: 'UInt32', value: 4_000_000_000 },
        ],
      }),
    );
    expect(decoded.seq).toBe(3);
    expect(decoded.timestamp).toBe(1_700_000_000_000);
    expect(decoded.metrics.map((metric) => metric.value)).toEqual([
      { kind: 'integer64', text: '18446744073709551615' },
      { kind: 'integer64', text: '9007199254740993' },
      { kind: 'integer64', text: '-9007199254740993' },
      { kind: 'number', value: 4_000_000_000 },
    ]);
    expect(decoded.metrics[0]?.alias).toBe('7');
  });

  it('shows booleans, text, dates, bytes, datasets and units as what they are', () => {
    const decoded = decodeSparkplug(
      encode({
        timestamp: 1,
        seq: 0,
        metrics: [
          { name: 'Marche', type: 'Boolean', value: false },
          { name: 'Recette', type: 'String', value: 'PX-12' },
          { name: 'Depuis', type: 'DateTime', value: 1_700_000_000_000 },
          { name: 'Trame', type: 'Bytes', value: new Uint8Array([0, 1, 254, 255]) },
          { name: 'Température', type: 'Double', value: 71.25, properties: { engUnit: { type: 'String', value: '°C' } } },
          {
            name: 'Lots',
            type: 'DataSet',
            value: { numOfColumns: 2, columns: ['lot', 'pièces'], types: ['String', 'Int64'], rows: [['A1', Long.fromString('9007199254740993')]] },
          },
        ],
      }),
    );
    const [marche, recette, depuis, trame, temperature, lots] = decoded.metrics;
    expect(marche?.value).toEqual({ kind: 'boolean', value: false });
    expect(recette?.value).toEqual({ kind: 'text', value: 'PX-12' });
    expect(depuis?.value).toEqual({ kind: 'datetime', ms: 1_700_000_000_000 });
    expect(trame?.value).toEqual({ kind: 'bytes', hex: '00 01 fe ff', length: 4 });
    expect(temperature).toMatchObject({ datatype: 10, unit: '°C', value: { kind: 'number', value: 71.25 } });
    expect(lots?.value).toEqual({ kind: 'dataset', columns: ['lot', 'pièces'], types: ['String', 'Int64'], rows: [['A1', '9007199254740993']] });
  });

  it('throws on bytes that are not a Sparkplug payload', () => {
    expect(() => decodeSparkplug(new Uint8Array([0x12, 0x10, 0x0a]))).toThrow(); // a metric of 16 bytes, 1 there
    expect(() => decodeSparkplug(new TextEncoder().encode('{"temp": 21}'))).toThrow();
  });
});

describe('encodeCommand', () => {
  it('writes metrics with their datatypes, 64-bit ones exact', () => {
    const bytes = encodeCommand(
      [
        { name: 'Node Control/Rebirth', datatype: 11, value: true },
        { name: 'Consigne', datatype: 8, value: '18446744073709551615' },
      ],
      1000,
    );
    const decoded = decodeSparkplug(bytes);
    expect(decoded.metrics.map((metric) => [metric.name, metric.datatype, metric.value])).toEqual([
      ['Node Control/Rebirth', 11, { kind: 'boolean', value: true }],
      ['Consigne', 8, { kind: 'integer64', text: '18446744073709551615' }],
    ]);
  });
});

describe('DataSets and data messages as other edge nodes send them', () => {
  it('reads DataSet columns of every scalar datatype (Tahu’s own decoder refuses most of them)', () => {
    const decoded = decodeSparkplug(
      encode({
        timestamp: 1,
        seq: 0,
        metrics: [
          {
            name: 'Lots',
            type: 'DataSet',
            value: {
              numOfColumns: 6,
              columns: ['octet', 'int', 'grand', 'fin', 'texte', 'ok'],
              types: ['Int8', 'Int32', 'UInt64', 'DateTime', 'Text', 'Boolean'],
              rows: [[-5, -70000, Long.fromString('18446744073709551615', true), Date.UTC(2026, 0, 2), 'A', true]],
            },
          },
        ],
      }),
    );
    expect(decoded.metrics[0]?.value).toEqual({
      kind: 'dataset',
      columns: ['octet', 'int', 'grand', 'fin', 'texte', 'ok'],
      types: ['Int8', 'Int32', 'UInt64', 'DateTime', 'Text', 'Boolean'],
      rows: [['-5', '-70000', '18446744073709551615', '2026-01-02T00:00:00.000Z', 'A', 'true']],
    });
  });

  it('keeps negative small integers negative, and reads a value whose datatype was left out', () => {
    const decoded = decodeSparkplug(
      encode({
        timestamp: 1,
        seq: 1,
        metrics: [
          { name: 'Écart', type: 'Int16', value: -300 },
          { name: 'Mot', type: 'UInt32', value: 4_000_000_000 },
        ],
      }),
    );
    expect(decoded.metrics.map((metric) => metric.value)).toEqual([
      { kind: 'number', value: -300 },
      { kind: 'number', value: 4_000_000_000 },
    ]);
    expect(metricValue(0, Long.fromString('9007199254740993', true))).toEqual({ kind: 'integer64', text: '9007199254740993' });
    expect(metricValue(0, 21.5)).toEqual({ kind: 'number', value: 21.5 });
  });
});

describe('Float', () => {
  it('shows a 32-bit float as the digits that were sent', () => {
    expect(decodeSparkplug(encode({ timestamp: 1, seq: 0, metrics: [{ name: 'v', type: 'Float', value: 42.3 }] })).metrics[0]?.value).toEqual({ kind: 'number', value: 42.3 });
  });
});
