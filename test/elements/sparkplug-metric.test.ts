/** <sparkplug-metric> alone, a leaf: what a metric is, a DataSet as a table, a write raised as an event. */
import { describe, expect, it } from 'vitest';
import type { SparkplugTile } from '../../src/mqtt/payload';
import { MetricWriteEvent } from '../../src/ui/sparkplug-metric';
import '../../src/ui/sparkplug-metric';
import { mountLeaf, nextFrame, textOf } from './mirror-fixture';

const consigne: SparkplugTile = { owner: 'Usine1/Ligne1/Four', metric: 'Consigne', datatype: 10, type: 'Double', timestamp: Date.UTC(2026, 11, 6, 8, 0) };

describe('<sparkplug-metric>', () => {
  it('says whose metric it is and its datatype, and raises a write with what was typed', async () => {
    const element = await mountLeaf(document.createElement('sparkplug-metric'));
    element.metric = consigne;
    await nextFrame();
    expect(textOf(element)).toContain('Usine1/Ligne1/Four');
    expect(textOf(element)).toContain('Double');
    const writes: MetricWriteEvent[] = [];
    element.addEventListener('metric-write', (event) => writes.push(event));
    const input = element.shadowRoot?.querySelector<HTMLInputElement>('input[name=value]');
    if (!input) throw new Error('no value field');
    input.value = '221.5';
    element.shadowRoot?.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    expect(writes.map((event) => [event.owner, event.metric, event.value])).toEqual([['Usine1/Ligne1/Four', 'Consigne', '221.5']]);
  });

  it('shows a DataSet as a table, cells as text, and offers no write for it', async () => {
    const element = await mountLeaf(document.createElement('sparkplug-metric'));
    element.metric = { ...consigne, metric: 'Lots', datatype: 16, type: 'DataSet', table: { columns: ['Lot', 'Pièces'], types: ['String', 'Int64'], rows: [['<b>L-1</b>', '9007199254740993']] } };
    await nextFrame();
    const table = element.shadowRoot?.querySelector('table');
    expect(table?.textContent).toContain('<b>L-1</b>');
    expect(table?.querySelector('b')).toBeNull();
    expect(table?.textContent).toContain('9007199254740993');
    expect(element.shadowRoot?.querySelector('form')).toBeNull();
  });

  it('offers no write in a read-only kiosk', async () => {
    const element = await mountLeaf(document.createElement('sparkplug-metric'));
    element.metric = consigne;
    element.writable = false;
    await nextFrame();
    expect(element.shadowRoot?.querySelector('form')).toBeNull();
  });
});
