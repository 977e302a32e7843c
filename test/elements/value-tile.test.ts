/** <value-tile> alone: it shows what its value property says, as text, and what that value is worth. */
import { describe, expect, it } from 'vitest';
import '../../src/ui/value-tile';
import { mirrorFixture, mount, nextFrame, numberValue, textOf } from './mirror-fixture';

const connected = (connectedAt: number) => ({ phase: 'connected' as const, brokerUrl: 'ws://broker', protocol: '5' as const, sessionPresent: false, error: null, since: connectedAt, retryAt: null, connectedAt, lostAt: null, pingRttMs: null, maximumPacketSize: null, receiveMaximum: 65_535 });

describe('<value-tile>', () => {
  it('shows the topic, the value with its precision, QoS and the retained mark', async () => {
    const { mirror, apply } = mirrorFixture();
    await apply({ status: connected(Date.now() - 5000) });
    const tile = await mount(document.createElement('value-tile'), mirror);
    tile.value = numberValue('moteur/température', '68.5', { retained: true, qos: 2 });
    await nextFrame();
    const text = textOf(tile);
    expect(tile.shadowRoot?.querySelector('article')?.getAttribute('aria-label')).toBe('moteur/température');
    expect(text).toContain('température'); // the topic wraps between its levels
    expect(text).toContain('68.5');
    expect(text).toContain('retained');
    expect(text).toContain('QoS 2');
  });

  it('says a value is stale when it was not received on the current connection', async () => {
    const { mirror, apply } = mirrorFixture();
    await apply({ status: connected(Date.now()) });
    const tile = await mount(document.createElement('value-tile'), mirror);
    tile.value = numberValue('moteur/vitesse', '1200', { receivedAt: Date.now() - 60_000 });
    await nextFrame();
    expect(tile.shadowRoot?.querySelector('article')?.classList.contains('stale')).toBe(true);
    expect(textOf(tile)).toMatch(/stale|not live|before/i);
  });

  it('renders markup from the broker as text', async () => {
    const { mirror } = mirrorFixture();
    const tile = await mount(document.createElement('value-tile'), mirror);
    tile.value = { ...numberValue('x/y', '1'), payload: { kind: 'text', text: '<img src=x onerror=alert(1)>', bytes: 28, truncated: false } };
    await nextFrame();
    expect(tile.shadowRoot?.querySelector('img')).toBeNull();
    expect(textOf(tile)).toContain('<img src=x onerror=alert(1)>');
  });

  it('is one button that opens its history', async () => {
    const { mirror } = mirrorFixture();
    const tile = await mount(document.createElement('value-tile'), mirror);
    tile.value = numberValue('moteur/température', '68');
    await nextFrame();
    const button = tile.shadowRoot?.querySelector<HTMLButtonElement>('button.open');
    expect(button?.getAttribute('aria-label')).toBe('History of moteur/température');
  });
});
