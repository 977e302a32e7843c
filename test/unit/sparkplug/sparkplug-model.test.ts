/** The host application's rules: births, deaths with bdSeq, seq order, aliases. */
import { describe, expect, it } from 'vitest';
import { SparkplugModel, asDeclared, type SparkplugEvent } from '../../../src/sparkplug/sparkplug-model';
import { parseSparkplugTopic, type SparkplugMetric, type SparkplugPayload } from '../../../src/sparkplug/sparkplug-types';
import { ignoredWords, memberNoteWords, syncFaultWords } from '../../../src/ui/sparkplug-words';

const topic = (text: string) => {
  const parsed = parseSparkplugTopic(text);
  if (!parsed) throw new Error(`not a Sparkplug topic: ${text}`);
  return parsed;
};
const metric = (patch: Partial<SparkplugMetric>): SparkplugMetric => ({ name: null, alias: null, datatype: 10, timestamp: null, value: { kind: 'number', value: 0 }, unit: null, ...patch });
const payload = (seq: number | null, metrics: SparkplugMetric[]): SparkplugPayload => ({ timestamp: 1000, seq, metrics });
const bdSeq = (value: string) => metric({ name: 'bdSeq', datatype: 4, value: { kind: 'integer64', text: value } });
const kinds = (events: SparkplugEvent[]) => events.map((event) => event.kind);

function bornNode(model = new SparkplugModel()): SparkplugModel {
  model.apply(
    topic('spBv1.0/Usine1/NBIRTH/Ligne1'),
    payload(0, [bdSeq('7'), metric({ name: 'Température', alias: '1', datatype: 10, unit: '°C', value: { kind: 'number', value: 71.5 } })]),
    10,
  );
  return model;
}

describe('parseSparkplugTopic', () => {
  it('reads node and device topics, and nothing outside the namespace', () => {
    expect(parseSparkplugTopic('spBv1.0/Usine1/DDATA/Ligne1/Presse')).toEqual({ group: 'Usine1', type: 'DDATA', node: 'Ligne1', device: 'Presse' });
    expect(parseSparkplugTopic('spBv1.0/Usine1/NDATA/Ligne1')).toEqual({ group: 'Usine1', type: 'NDATA', node: 'Ligne1', device: null });
    for (const other of ['moteur/vitesse', 'spBv1.0/STATE/hôte', 'spBv1.0/Usine1/NDATA/Ligne1/Presse', 'spBv1.0/Usine1/DDATA/Ligne1', 'spAv1.0/G/NDATA/N']) {
      expect(parseSparkplugTopic(other)).toBeNull();
    }
  });
});

describe('SparkplugModel', () => {
  it('a birth declares metrics with their units; data by alias is shown by name', () => {
    const model = new SparkplugModel();
    const birth = model.apply(
      topic('spBv1.0/Usine1/NBIRTH/Ligne1'),
      payload(0, [bdSeq('7'), metric({ name: 'Température', alias: '1', unit: '°C', value: { kind: 'number', value: 71.5 } })]),
      10,
    );
    expect(birth).toContainEqual({ kind: 'online', id: 'Usine1/Ligne1', at: 10 });
    expect(birth).toContainEqual(expect.objectContaining({ kind: 'metric', owner: 'Usine1/Ligne1', name: 'Température', unit: '°C' }));
    const data = model.apply(topic('spBv1.0/Usine1/NDATA/Ligne1'), payload(1, [metric({ alias: '1', datatype: 0, value: { kind: 'number', value: 72 } })]), 20);
    expect(data).toEqual([expect.objectContaining({ kind: 'metric', name: 'Température', datatype: 10, unit: '°C', value: { kind: 'number', value: 72 } })]);
  });

  it('a new NBIRTH with a new bdSeq and no NDEATH before is a restart; a rebirth (same bdSeq) is not', () => {
    const model = bornNode();
    const rebirth = model.apply(topic('spBv1.0/Usine1/NBIRTH/Ligne1'), payload(0, [bdSeq('7')]), 20);
    expect(rebirth).toContainEqual({ kind: 'online', id: 'Usine1/Ligne1', at: 20 });
    const restart = model.apply(topic('spBv1.0/Usine1/NBIRTH/Ligne1'), payload(0, [bdSeq('8')]), 30);
    expect(restart).toContainEqual({ kind: 'online', id: 'Usine1/Ligne1', at: 30, restarted: true });
  });

  it('an NDEATH with the birth\'s bdSeq takes the node and its devices offline; one with an old bdSeq is ignored', () => {
    const model = bornNode();
    model.apply(topic('spBv1.0/Usine1/DBIRTH/Ligne1/Presse'), payload(1, [metric({ name: 'Pression', value: { kind: 'number', value: 3 } })]), 11);
    const late = model.apply(topic('spBv1.0/Usine1/NDEATH/Ligne1'), payload(null, [bdSeq('6')]), 12);
    expect(kinds(late)).toEqual(['ignored']);
    expect(model.node('Usine1/Ligne1')?.online).toBe(true);
    const death = model.apply(topic('spBv1.0/Usine1/NDEATH/Ligne1'), payload(null, [bdSeq('7')]), 13);
    expect(death).toEqual([
      { kind: 'offline', id: 'Usine1/Ligne1/Presse', at: 13, cause: { kind: 'node-died' } },
      { kind: 'offline', id: 'Usine1/Ligne1', at: 13, cause: { kind: 'node-death', bdSeq: '7' } },
    ]);
  });

  it('DBIRTH and DDEATH take a device online and offline', () => {
    const model = bornNode();
    expect(kinds(model.apply(topic('spBv1.0/Usine1/DBIRTH/Ligne1/Four'), payload(1, []), 11))).toEqual(['online']);
    expect(model.apply(topic('spBv1.0/Usine1/DDEATH/Ligne1/Four'), payload(2, []), 12)).toEqual([{ kind: 'offline', id: 'Usine1/Ligne1/Four', at: 12, cause: { kind: 'device-death' } }]);
  });

  it('a seq gap, a repeat, or data before birth put the node out of sync, once, until its next birth', () => {
    const model = bornNode();
    const gap = model.apply(topic('spBv1.0/Usine1/NDATA/Ligne1'), payload(3, [metric({ alias: '1' })]), 20);
    expect(gap[0]).toEqual({ kind: 'out-of-sync', node: 'Usine1/Ligne1', fault: { kind: 'seq-gap', message: 'NDATA', expected: 1, got: 3 } });
    expect(kinds(gap)).toEqual(['out-of-sync', 'metric']); // the values still show
    expect(kinds(model.apply(topic('spBv1.0/Usine1/NDATA/Ligne1'), payload(3, [metric({ alias: '1' })]), 21))).toEqual(['metric']);
    const reborn = bornNode(model);
    expect(reborn.node('Usine1/Ligne1')?.outOfSync).toBeNull();

    const repeat = bornNode();
    repeat.apply(topic('spBv1.0/Usine1/NDATA/Ligne1'), payload(1, []), 20);
    expect(repeat.apply(topic('spBv1.0/Usine1/NDATA/Ligne1'), payload(1, []), 21)[0]).toMatchObject({ fault: { kind: 'seq-repeat', message: 'NDATA', expected: 2, got: 1 } });

    const early = new SparkplugModel();
    expect(early.apply(topic('spBv1.0/Usine1/NDATA/Ligne2'), payload(5, []), 1)).toEqual([
      { kind: 'out-of-sync', node: 'Usine1/Ligne2', fault: { kind: 'before-birth', message: 'NDATA' } },
    ]);
  });

  it('seq wraps from 255 to 0', () => {
    const model = new SparkplugModel();
    model.apply(topic('spBv1.0/G/NBIRTH/N'), payload(254, [bdSeq('0')]), 1);
    expect(kinds(model.apply(topic('spBv1.0/G/NDATA/N'), payload(255, []), 2))).toEqual([]);
    expect(kinds(model.apply(topic('spBv1.0/G/NDATA/N'), payload(0, []), 3))).toEqual([]);
  });

  it('an alias no birth declared puts the node out of sync; a write finds the declared datatype', () => {
    const model = bornNode();
    const events = model.apply(topic('spBv1.0/Usine1/NDATA/Ligne1'), payload(1, [metric({ alias: '99' })]), 20);
    expect(events).toEqual([{ kind: 'out-of-sync', node: 'Usine1/Ligne1', fault: { kind: 'undeclared-metric', metric: 'alias 99' } }]);
    expect(model.definition('Usine1/Ligne1', 'Température')).toEqual({ name: 'Température', datatype: 10, unit: '°C' });
    expect(model.definition('Usine1/Ligne1/Presse', 'Température')).toBeUndefined();
  });
});

describe('asDeclared', () => {
  it('reads a value sent without its datatype as its birth declared it', () => {
    expect(asDeclared({ kind: 'integer64', text: '1700000000000' }, 13)).toEqual({ kind: 'datetime', ms: 1_700_000_000_000 });
    expect(asDeclared({ kind: 'integer64', text: '18446744073709551615' }, 4)).toEqual({ kind: 'integer64', text: '-1' });
    expect(asDeclared({ kind: 'number', value: 4294967291 }, 1)).toEqual({ kind: 'number', value: -5 });
    expect(asDeclared({ kind: 'number', value: 4294967000 }, 2)).toEqual({ kind: 'number', value: -296 });
    expect(asDeclared({ kind: 'number', value: 21.5 }, 10)).toEqual({ kind: 'number', value: 21.5 });
  });
});

describe('Sparkplug states in words', () => {
  it('says why a node is out of sync, why a member is offline, and why a death was ignored', () => {
    expect(memberNoteWords({ kind: 'out-of-sync', fault: { kind: 'seq-gap', message: 'DDATA', expected: 4, got: 6 } })).toBe('out of sync: a seq gap: expected 4, got 6 (DDATA)');
    expect(memberNoteWords({ kind: 'node-death', bdSeq: '3' })).toBe('NDEATH, bdSeq 3');
    expect(syncFaultWords({ kind: 'no-seq', message: 'NBIRTH' })).toBe('its NBIRTH has no seq');
    expect(ignoredWords({ kind: 'late-death', deathSeq: '2', birthSeq: '3' })).toBe("NDEATH with bdSeq 2 of an earlier session (the node's birth has bdSeq 3)");
  });
});
