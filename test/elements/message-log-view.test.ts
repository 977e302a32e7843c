/** <message-log-view> alone: the log crosses from the engine only while the view is open; messages show as text. */
import { describe, expect, it } from 'vitest';
import type { LoggedMessage } from '../../src/state/message-log';
import '../../src/ui/message-log-view';
import { mirrorFixture, mount, textOf } from './mirror-fixture';

const logged = (seq: number, topic: string, text: string): LoggedMessage => ({
  seq,
  topic,
  payload: { kind: 'text', text, bytes: text.length, truncated: false },
  qos: 0,
  retained: false,
  dup: false,
  whileAway: false,
  receivedAt: Date.now(),
  properties: null,
  binary: null,
});

describe('<message-log-view>', () => {
  it('asks the engine for the log while it is open, and stops when it closes', async () => {
    const { mirror, calls } = mirrorFixture();
    const view = await mount(document.createElement('message-log-view'), mirror);
    // The log's store is made with its first view (it is not part of the first load).
    await expect.poll(() => calls.filter((call) => call.method === 'watchLog').map((call) => call.args[0])).toEqual([true]);
    view.remove();
    expect(calls.filter((call) => call.method === 'watchLog').map((call) => call.args[0])).toEqual([true, false]);
  });

  it('shows the messages the engine sends, newest first, markup as text', async () => {
    const { mirror, apply } = mirrorFixture();
    const view = await mount(document.createElement('message-log-view'), mirror);
    await apply({ log: { messages: [logged(1, 'a/b', 'premier'), logged(2, 'a/c', '<b>gras</b>')], total: 2, capacity: 10_000, reset: true, held: 2 } });
    await new Promise((resolve) => setTimeout(resolve, 150)); // the log redraws ten times a second at most
    const rows = [...(view.shadowRoot?.querySelectorAll('ol log-row') ?? [])].map((row) => textOf(row));
    expect(rows[0]).toContain('<b>gras</b>');
    expect(rows[1]).toContain('premier');
    expect(view.shadowRoot?.querySelector('b')).toBeNull();
  });
});
