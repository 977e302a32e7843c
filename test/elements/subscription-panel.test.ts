/** <subscription-panel> alone: filters are checked on the page, sent to the engine, and listed as the engine reports them. */
import { describe, expect, it } from 'vitest';
import '../../src/ui/subscription-panel';
import { mirrorFixture, mount, nextFrame, textOf } from './mirror-fixture';

async function submit(panel: HTMLElement, filter: string): Promise<void> {
  const input = panel.shadowRoot?.querySelector<HTMLInputElement>('input[name="filter"]');
  if (!input) throw new Error('no filter field');
  input.value = filter;
  panel.shadowRoot?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
  await nextFrame();
}

describe('<subscription-panel>', () => {
  it('refuses an invalid filter with a message next to the field, and sends nothing', async () => {
    const { mirror, calls } = mirrorFixture();
    const panel = await mount(document.createElement('subscription-panel'), mirror);
    await submit(panel, 'moteur/#/température');
    expect(panel.shadowRoot?.querySelector('[role="alert"]')?.textContent).toMatch(/#/);
    expect(calls.filter((call) => call.method === 'subscribe')).toEqual([]);
  });

  it('sends a valid filter to the engine and lists the subscription the engine reports', async () => {
    const { mirror, calls, apply } = mirrorFixture();
    const panel = await mount(document.createElement('subscription-panel'), mirror);
    await submit(panel, 'moteur/#');
    expect(calls.find((call) => call.method === 'subscribe')?.args[0]).toBe('moteur/#');
    await apply({ subscriptions: { entries: [{ filter: 'moteur/#', requestedQos: 1, grantedQos: 1, state: 'active', refusal: null, automatic: false }] } });
    expect(textOf(panel)).toContain('granted QoS 1');
  });

  it('removes a subscription through the engine', async () => {
    const { mirror, calls, apply } = mirrorFixture();
    const panel = await mount(document.createElement('subscription-panel'), mirror);
    await apply({ subscriptions: { entries: [{ filter: 'usine/+/pression', requestedQos: 0, grantedQos: null, state: 'refused', refusal: { code: 0x87, protocol: '5', reasonString: null }, automatic: false }] } });
    expect(textOf(panel)).toContain('not authorized');
    panel.shadowRoot?.querySelector('subscription-row')?.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label="Remove usine/+/pression"]')?.click();
    expect(calls.find((call) => call.method === 'unsubscribe')?.args).toEqual(['usine/+/pression']);
  });
});
