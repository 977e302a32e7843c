/** <device-card> alone, a leaf: presence in words, with times, from its properties; a rename is an event. */
import { describe, expect, it } from 'vitest';
import type { DevicePresence } from '../../src/state/presence-store';
import '../../src/ui/device-card';
import { DeviceRenameEvent, RebirthRequestEvent } from '../../src/ui/device-events';
import { connectedStatus, mountLeaf, nextFrame, numberValue, textOf, tileView } from './mirror-fixture';

const device = (state: DevicePresence['state'], since: number): DevicePresence => ({
  id: 'moteur',
  state,
  since,
  sinceKnown: true,
  heardAt: since,
  stateAt: Date.now(),
  statusTopic: 'moteur/status',
  unrecognised: null,
});

describe('<device-card>', () => {
  it('says a device is online, with its values named under it', async () => {
    const card = await mountLeaf(document.createElement('device-card'));
    card.view = tileView();
    card.device = device('online', Date.now() - 120_000);
    card.values = [numberValue('moteur/température', '68.5')];
    await nextFrame();
    const text = textOf(card);
    expect(text).toContain('moteur');
    expect(text).toMatch(/online/i);
    expect(text).toContain('68.5');
    expect(card.shadowRoot?.querySelector('value-tile')?.label).toBe('température');
  });

  it('says since when a device is offline, and dims its values', async () => {
    const card = await mountLeaf(document.createElement('device-card'));
    card.view = tileView();
    card.device = device('offline', Date.now() - 3 * 60_000);
    card.values = [numberValue('moteur/température', '68.5')];
    await nextFrame();
    expect(textOf(card)).toMatch(/offline since/i);
    expect(textOf(card)).toContain('device offline');
  });

  it('says its presence is stale once the connection that reported it is lost', async () => {
    const card = await mountLeaf(document.createElement('device-card'));
    const lost = { ...connectedStatus(Date.now() - 120_000), phase: 'reconnecting' as const, lostAt: Date.now() - 1000 };
    card.view = tileView({ status: lost });
    card.device = { ...device('online', Date.now() - 120_000), stateAt: Date.now() - 60_000 };
    await nextFrame();
    expect(textOf(card)).toMatch(/stale since/i);
  });

  it('shows the name the user gave it, and raises a rename with the new name', async () => {
    const card = await mountLeaf(document.createElement('device-card'));
    card.view = tileView();
    card.device = device('online', Date.now() - 1000);
    card.name = 'Moteur principal';
    await nextFrame();
    expect(textOf(card)).toContain('Moteur principal');
    const renames: Array<[string, string]> = [];
    document.body.addEventListener('device-rename', (event) => {
      const rename = event as DeviceRenameEvent;
      renames.push([rename.device, rename.name]);
    });
    card.shadowRoot?.querySelector<HTMLButtonElement>('.rename-button')?.click();
    await nextFrame();
    const input = card.shadowRoot?.querySelector<HTMLInputElement>('.rename input');
    expect(input).toBeTruthy();
    if (input) input.value = 'Moteur 2';
    card.shadowRoot?.querySelector<HTMLButtonElement>('.rename button[type=submit]')?.click();
    expect(renames).toEqual([['moteur', 'Moteur 2']]);
  });

  it('has nothing to rename in a kiosk', async () => {
    const card = await mountLeaf(document.createElement('device-card'));
    card.view = tileView();
    card.kiosk = true;
    card.device = device('online', Date.now() - 1000);
    await nextFrame();
    expect(card.shadowRoot?.querySelector('.rename-button')).toBeNull();
  });

  it('a Sparkplug node: why it is out of sync, a Rebirth button that raises a request, metrics named by name, 64-bit exact', async () => {
    const card = await mountLeaf(document.createElement('device-card'));
    card.view = tileView();
    card.device = { ...device('online', Date.now() - 1000), id: 'Usine1/Ligne1', statusTopic: 'spBv1.0/Usine1/NBIRTH/Ligne1', sparkplug: 'node', note: { kind: 'out-of-sync', fault: { kind: 'seq-gap', message: 'NDATA', expected: 4, got: 6 } } };
    const counter = numberValue('spBv1.0/Usine1/Ligne1/Pièces produites', '9007199254740992');
    card.values = [{ ...counter, payload: { ...counter.payload, exact: '9007199254740993', sparkplug: { owner: 'Usine1/Ligne1', metric: 'Pièces produites', datatype: 8, type: 'UInt64', timestamp: null } } }];
    await nextFrame();
    await expect.poll(() => textOf(card)).toContain('out of sync: a seq gap: expected 4, got 6 (NDATA)'); // its words load with the first note
    expect(card.shadowRoot?.querySelector('value-tile')?.label).toBe('Pièces produites');
    const tile = card.shadowRoot?.querySelector('value-tile');
    // All the digits, as one number (the tile only adds break points between groups of three).
    expect(tile?.shadowRoot?.querySelector('.value')?.textContent?.trim()).toBe('9007199254740993');
    expect(textOf(tile ?? card)).toContain('UInt64');
    const requests: string[] = [];
    card.addEventListener('rebirth-request', (event) => requests.push(event instanceof RebirthRequestEvent ? event.node : 'not a RebirthRequestEvent'));
    card.shadowRoot?.querySelector<HTMLButtonElement>('button.rebirth')?.click();
    expect(requests).toEqual(['Usine1/Ligne1']);
  });

  it('a dead Sparkplug node says why, and its metrics are stale', async () => {
    const card = await mountLeaf(document.createElement('device-card'));
    card.view = tileView();
    card.device = { ...device('offline', Date.now() - 1000), id: 'Usine1/Ligne1', sparkplug: 'node', note: { kind: 'node-death', bdSeq: '3' } };
    const speed = numberValue('spBv1.0/Usine1/Ligne1/Vitesse', '42');
    card.values = [{ ...speed, payload: { ...speed.payload, sparkplug: { owner: 'Usine1/Ligne1', metric: 'Vitesse', datatype: 9, type: 'Float', timestamp: null } } }];
    await nextFrame();
    expect(textOf(card)).toContain('NDEATH, bdSeq 3');
    expect(textOf(card.shadowRoot?.querySelector('value-tile') ?? card)).toContain('stale · node offline');
  });
});
