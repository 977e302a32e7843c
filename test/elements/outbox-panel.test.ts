/** <outbox-panel> alone: rows as the engine reports them; Cancel and Retry go to the engine. */
import { describe, expect, it } from 'vitest';
import type { OutboxCommand } from '../../src/storage/outbox-command';
import '../../src/ui/outbox-panel';
import { mirrorFixture, mount, textOf } from './mirror-fixture';

const command = (seq: number, state: OutboxCommand['state'], payload: string, reason: string | null = null): OutboxCommand => ({
  seq,
  id: `id-${seq}`,
  topic: 'vanne/commande',
  payload,
  qos: 2,
  retain: false,
  createdAt: Date.now(),
  state,
  packetId: null,
  stage: null,
  reason,
  updatedAt: Date.now(),
});

describe('<outbox-panel>', () => {
  it('lists commands with their state, and counts what is pending', async () => {
    const { mirror, apply } = mirrorFixture();
    const panel = await mount(document.createElement('outbox-panel'), mirror);
    await apply({ outbox: { put: [command(1, 'delivered', 'ouvrir'), command(2, 'queued', 'fermer'), command(3, 'failed', 'purger', 'not authorized')], deleted: [] } });
    await new Promise((resolve) => setTimeout(resolve, 150)); // the outbox redraws ten times a second at most
    const text = textOf(panel);
    expect(text).toContain('vanne/commande → fermer');
    expect(text).toContain('failed: not authorized');
  });

  it('cancels a queued command and retries a failed one through the engine', async () => {
    const { mirror, calls, apply } = mirrorFixture();
    const panel = await mount(document.createElement('outbox-panel'), mirror);
    await apply({ outbox: { put: [command(2, 'queued', 'fermer'), command(3, 'failed', 'purger', 'not authorized')], deleted: [] } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const button = (label: string) =>
      [...(panel.shadowRoot?.querySelectorAll('outbox-row') ?? [])].map((row) => row.shadowRoot?.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)).find(Boolean);
    button('Cancel vanne/commande fermer')?.click();
    button('Retry vanne/commande purger')?.click();
    expect(calls.filter((call) => call.method === 'cancelCommand' || call.method === 'retryCommand')).toEqual([
      { method: 'cancelCommand', args: [2] },
      { method: 'retryCommand', args: [3] },
    ]);
  });
});
