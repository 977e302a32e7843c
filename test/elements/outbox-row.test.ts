/** <outbox-row> alone, a leaf: a command's state in words; Cancel and Retry are events. */
import { describe, expect, it } from 'vitest';
import type { OutboxCommand } from '../../src/storage/outbox-command';
import { CommandActionEvent } from '../../src/ui/outbox-row';
import { mountLeaf, nextFrame, textOf } from './mirror-fixture';

const command = (state: OutboxCommand['state'], patch: Partial<OutboxCommand> = {}): OutboxCommand => ({
  seq: 7,
  id: 'id-7',
  topic: 'vanne/commande',
  payload: 'fermer',
  qos: 1,
  retain: false,
  createdAt: Date.now(),
  state,
  packetId: null,
  stage: null,
  reason: null,
  updatedAt: Date.now(),
  ...patch,
});

describe('<outbox-row>', () => {
  it('words a refusal the broker gave as a reason code', async () => {
    const row = await mountLeaf(document.createElement('outbox-row'));
    row.command = command('failed', { reason: { kind: 'publish-refused', refusal: { code: 0x87, protocol: '5', reasonString: 'ACL' } } });
    await nextFrame();
    expect(textOf(row)).toContain('failed: not authorized (ACL)');
    expect(row.getAttribute('role')).toBe('listitem');
    expect(row.getAttribute('aria-label')).toBe('vanne/commande fermer');
  });

  it('shows a reason stored as words by an earlier version as it was', async () => {
    const row = await mountLeaf(document.createElement('outbox-row'));
    row.command = command('failed', { reason: 'refused long ago' });
    await nextFrame();
    expect(textOf(row)).toContain('failed: refused long ago');
  });

  it('says who acknowledged a request, from its device when the reply does not say', async () => {
    const row = await mountLeaf(document.createElement('outbox-row'));
    row.device = 'vanne';
    row.command = command('delivered', { reply: { state: 'received', deadline: Date.now(), text: 'ok', from: null, at: Date.now() } });
    await nextFrame();
    expect(textOf(row)).toContain('acknowledged by vanne: ok');
  });

  it('asks for Cancel on a queued command and Retry on a failed one', async () => {
    const actions: Array<[string, number]> = [];
    document.body.addEventListener('command-action', (event) => {
      const action = event as CommandActionEvent;
      actions.push([action.action, action.seq]);
    });
    const row = await mountLeaf(document.createElement('outbox-row'));
    row.command = command('queued');
    await nextFrame();
    row.shadowRoot?.querySelector('button')?.click();
    row.command = command('failed');
    await nextFrame();
    row.shadowRoot?.querySelector('button')?.click();
    expect(actions).toEqual([
      ['cancel', 7],
      ['retry', 7],
    ]);
  });
});
