/** <value-tile> alone, a leaf: it shows what its properties say, as text, and raises `tile-open` when tapped. */
import { describe, expect, it } from 'vitest';
import { TileOpenEvent } from '../../src/ui/tile-view';
import '../../src/ui/value-tile';
import { connectedStatus, mountLeaf, nextFrame, numberValue, textOf, tileView } from './mirror-fixture';

describe('<value-tile>', () => {
  it('shows the topic, the value with its precision, QoS and the retained mark', async () => {
    const tile = await mountLeaf(document.createElement('value-tile'));
    tile.view = tileView({ status: connectedStatus(Date.now() - 5000) });
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
    const tile = await mountLeaf(document.createElement('value-tile'));
    tile.view = tileView({ status: connectedStatus(Date.now()) });
    tile.value = numberValue('moteur/vitesse', '1200', { receivedAt: Date.now() - 60_000 });
    await nextFrame();
    expect(tile.shadowRoot?.querySelector('article')?.classList.contains('stale')).toBe(true);
    expect(textOf(tile)).toMatch(/stale since/i);
  });

  it('uses the unit and decimals the user chose for its topic, and draws its trend', async () => {
    const tile = await mountLeaf(document.createElement('value-tile'));
    tile.view = tileView({ formats: [{ topic: 'pompe/débit', unit: 'L/min', decimals: 1 }], trends: { 'pompe/débit': [10, 12, 11, 14] } });
    tile.value = numberValue('pompe/débit', '12.345');
    await nextFrame();
    expect(textOf(tile)).toContain('12.3 L/min');
    expect(tile.shadowRoot?.querySelector('svg.sparkline polyline')?.getAttribute('points')?.split(' ')).toHaveLength(4);
  });

  it('renders markup from the broker as text', async () => {
    const tile = await mountLeaf(document.createElement('value-tile'));
    tile.view = tileView();
    tile.value = { ...numberValue('x/y', '1'), payload: { kind: 'text', text: '<img src=x onerror=alert(1)>', bytes: 28, truncated: false } };
    await nextFrame();
    expect(tile.shadowRoot?.querySelector('img')).toBeNull();
    expect(textOf(tile)).toContain('<img src=x onerror=alert(1)>');
  });

  it('is one button, named with what a glance gives (name, value, state, age), that asks its container to open its history', async () => {
    const tile = await mountLeaf(document.createElement('value-tile'));
    tile.view = tileView();
    tile.value = numberValue('moteur/température', '68');
    await nextFrame();
    const opened: string[] = [];
    document.body.addEventListener('tile-open', (event) => opened.push((event as TileOpenEvent).topic));
    const button = tile.shadowRoot?.querySelector<HTMLButtonElement>('button.open');
    expect(button?.getAttribute('aria-label')).toMatch(/^moteur\/température, 68, (just now|\d+ s ago)$/);
    button?.click();
    expect(opened).toEqual(['moteur/température']);
  });
});
