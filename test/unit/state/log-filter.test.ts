import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../../src/mqtt/payload';
import { logFilter } from '../../../src/state/log-filter';
import type { LoggedMessage } from '../../../src/state/message-log';

const message = (topic: string, text: string): LoggedMessage => ({
  seq: 1,
  topic,
  payload: decodePayload(new TextEncoder().encode(text)),
  qos: 0,
  retained: false,
  dup: false,
  whileAway: false,
  receivedAt: 0,
  properties: null,
  binary: null,
});

describe('the message log filter', () => {
  const messages = [message('usine/ligne-1/pression', '2.5'), message('usine/ligne-1/état', 'EN MARCHE'), message('maison/salon', '{"t":20}')];
  const kept = (filter: string, text: string) => messages.filter(logFilter(filter, text)).map((m) => m.topic);

  it('matches topic filters with + and #', () => {
    expect(kept('usine/+/pression', '')).toEqual(['usine/ligne-1/pression']);
    expect(kept('usine/#', '')).toEqual(['usine/ligne-1/pression', 'usine/ligne-1/état']);
    expect(kept('#', '')).toHaveLength(3);
    expect(kept('', '')).toHaveLength(3);
  });

  it('finds text in the topic or the payload, any case, together with the filter', () => {
    expect(kept('', 'marche')).toEqual(['usine/ligne-1/état']);
    expect(kept('', 'SALON')).toEqual(['maison/salon']);
    expect(kept('maison/#', 'marche')).toEqual([]);
  });
});
