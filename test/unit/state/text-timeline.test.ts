/** A text topic's timeline: its changes with how long each lasted, newest first, repeated texts merged. */
import { describe, expect, it } from 'vitest';
import { timelineSpans } from '../../../src/state/text-timeline';

const record = (part: number, changes: Array<[number, string]>) => ({
  topic: '\u0001pompe/état',
  start: 0,
  part,
  times: Float64Array.from(changes, ([time]) => time),
  values: new Float64Array(changes.length),
  texts: changes.map(([, text]) => text),
});

describe('timelineSpans', () => {
  it('each value from its change to the next, the current one open, newest first', () => {
    const spans = timelineSpans([record(1, [[1000, 'en marche'], [5000, 'arrêtée'], [9000, 'en marche']])], []);
    expect(spans).toEqual([
      { text: 'en marche', from: 9000, to: null, broken: false },
      { text: 'arrêtée', from: 5000, to: 9000, broken: false },
      { text: 'en marche', from: 1000, to: 5000, broken: false },
    ]);
  });

  it('the same text again (a reload sends the retained copy) is no change; an outage within a span is said', () => {
    const spans = timelineSpans([record(2, [[7000, 'arrêtée'], [9000, 'en marche']]), record(1, [[1000, 'en marche'], [5000, 'arrêtée']])], [[6000, 6500]]);
    expect(spans.map((span) => [span.text, span.from, span.to, span.broken])).toEqual([
      ['en marche', 9000, null, false],
      ['arrêtée', 5000, 9000, true],
      ['en marche', 1000, 5000, false],
    ]);
  });
});
