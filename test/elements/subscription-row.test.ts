/** <subscription-row> alone, a leaf: what the broker answered, in words; removing is an event. */
import { describe, expect, it } from 'vitest';
import type { SubscriptionEntry } from '../../src/state/subscription-store';
import { SubscriptionRemoveEvent } from '../../src/ui/subscription-row';
import { mountLeaf, nextFrame, textOf } from './mirror-fixture';

const entry = (patch: Partial<SubscriptionEntry>): SubscriptionEntry => ({
  filter: 'usine/+/pression',
  requestedQos: 2,
  grantedQos: null,
  state: 'waiting',
  refusal: null,
  automatic: false,
  ...patch,
});

describe('<subscription-row>', () => {
  it('shows the granted QoS next to the one asked for', async () => {
    const row = await mountLeaf(document.createElement('subscription-row'));
    row.entry = entry({ state: 'active', grantedQos: 1 });
    await nextFrame();
    expect(textOf(row)).toContain('requested QoS 2 · granted QoS 1');
  });

  it('words a refusal, on MQTT 3.1.1 (no reason given) and on MQTT 5', async () => {
    const row = await mountLeaf(document.createElement('subscription-row'));
    row.entry = entry({ state: 'refused', refusal: { code: 0x80, protocol: '3.1.1', reasonString: null } });
    await nextFrame();
    expect(textOf(row)).toContain('refused: refused by the broker (it gives no reason in MQTT 3.1.1)');
    row.entry = entry({ state: 'refused', refusal: { code: 0x87, protocol: '5', reasonString: null } });
    await nextFrame();
    expect(textOf(row)).toContain('refused: not authorized');
    expect(row.getAttribute('state')).toBe('refused');
  });

  it('asks to be removed, unless the dashboard made it for device presence', async () => {
    const removed: string[] = [];
    document.body.addEventListener('subscription-remove', (event) => removed.push((event as SubscriptionRemoveEvent).filter));
    const row = await mountLeaf(document.createElement('subscription-row'));
    row.entry = entry({});
    await nextFrame();
    row.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label="Remove usine/+/pression"]')?.click();
    expect(removed).toEqual(['usine/+/pression']);
    row.entry = entry({ automatic: true });
    await nextFrame();
    expect(row.shadowRoot?.querySelector('button')).toBeNull();
    expect(textOf(row)).toContain('for device presence');
  });
});
