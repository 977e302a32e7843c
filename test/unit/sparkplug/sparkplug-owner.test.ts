/** Which node or device a Sparkplug tile belongs to, on the page, without the decoder. */
import { describe, expect, it } from 'vitest';
import { sparkplugOwner } from '../../../src/sparkplug/sparkplug-owner';

const known = (id: string) => ['G/N', 'G/N/Presse'].includes(id);

describe('sparkplugOwner', () => {
  it('finds the device first, then the node, for metric tiles and certificate topics', () => {
    expect(sparkplugOwner('spBv1.0/G/N/Presse/Pression', known)).toBe('G/N/Presse');
    expect(sparkplugOwner('spBv1.0/G/N/Node Control/Rebirth', known)).toBe('G/N');
    expect(sparkplugOwner('spBv1.0/G/N/Vitesse', known)).toBe('G/N');
    expect(sparkplugOwner('spBv1.0/G/DDATA/N/Presse', known)).toBe('G/N/Presse');
    expect(sparkplugOwner('spBv1.0/G/NDATA/N', known)).toBe('G/N');
    expect(sparkplugOwner('spBv1.0/G/Autre/x', known)).toBeNull();
    expect(sparkplugOwner('moteur/vitesse', known)).toBeUndefined();
  });
});
