/** <log-row> alone, a leaf: one logged message on one line; tapping it is an event. */
import { describe, expect, it } from 'vitest';
import type { LoggedMessage } from '../../src/state/message-log';
import { LOG_ROW_HEIGHT, MessageSelectEvent } from '../../src/ui/log-row';
import { mountLeaf, nextFrame, textOf } from './mirror-fixture';

const message = (patch: Partial<LoggedMessage> = {}): LoggedMessage => ({
  seq: 12,
    topic: 'moteur/vitesse',
    payload: { kind: 'number', text: '1480', value: 1480, bytes: 4, truncated: false },
    qos: 1,
    retained: true,
    dup: false,
    superseded: false,
    whileAway: false,
    receivedAt: Date.now(),
    properties: null,
    binary: null,
    ...patch,
});

describe('<log-row>', () => {
  it('shows topic, flags and payload as text, on a row of fixed height', async () => {
    const row = await mountLeaf(document.createElement('log-row'));
    row.message = message({ payload: { kind: 'text', text: '<b>chaud</b>', bytes: 12, truncated: false } });
    await nextFrame();
    expect(textOf(row)).toContain('moteur/vitesse');
    expect(textOf(row)).toContain('QoS 1 R');
    expect(textOf(row)).toContain('<b>chaud</b>');
    expect(row.shadowRoot?.querySelector('b')).toBeNull();
    expect(row.getBoundingClientRect().height).toBe(LOG_ROW_HEIGHT);
  });

  it('asks for its message to be opened, and shows when it is the open one', async () => {
    const selected: number[] = [];
    document.body.addEventListener('message-select', (event) => selected.push((event as MessageSelectEvent).message.seq));
    const row = await mountLeaf(document.createElement('log-row'));
    row.message = message();
    await nextFrame();
    row.shadowRoot?.querySelector('button')?.click();
    expect(selected).toEqual([12]);
    row.selected = true;
    await nextFrame();
    expect(row.shadowRoot?.querySelector('button')?.getAttribute('aria-current')).toBe('true');
  });
});
