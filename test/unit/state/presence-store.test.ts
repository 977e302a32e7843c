import { describe, expect, it } from 'vitest';
import { PresenceTracker } from '../../../src/app/presence-tracker';
import { DEFAULT_PRESENCE_RULES } from '../../../src/mqtt/presence-rules';
import { PresenceStore } from '../../../src/state/presence-store';

const bytes = (text: string) => new TextEncoder().encode(text);

function tracked() {
  const store = new PresenceStore(() => {});
  const tracker = new PresenceTracker(store);
  tracker.setRules(DEFAULT_PRESENCE_RULES);
  return { store, tracker };
}

describe('device presence', () => {
  it('knows a device from its status topic, with its state and since when', () => {
    const { store, tracker } = tracked();
    tracker.observe('moteur/status', bytes('online'), 1000);
    expect(store.get('moteur')).toMatchObject({ id: 'moteur', state: 'online', since: 1000, heardAt: 1000, unrecognised: null });
    tracker.observe('moteur/status', bytes('offline'), 5000);
    expect(store.get('moteur')).toMatchObject({ state: 'offline', since: 5000 });
  });

  it('keeps "since" when the same state is repeated (a retained status sent again on resubscribe)', () => {
    const { store, tracker } = tracked();
    tracker.observe('moteur/status', bytes('online'), 1000);
    tracker.observe('moteur/status', bytes('ONLINE'), 9000);
    expect(store.get('moteur')).toMatchObject({ state: 'online', since: 1000, stateAt: 9000, heardAt: 9000 });
  });

  it('shows an unknown payload as unrecognised without flipping the state', () => {
    const { store, tracker } = tracked();
    tracker.observe('moteur/status', bytes('online'), 1000);
    tracker.observe('moteur/status', bytes('rebooting'), 2000);
    expect(store.get('moteur')).toMatchObject({ state: 'online', since: 1000, unrecognised: 'rebooting', heardAt: 2000 });
    tracker.observe('moteur/status', bytes('offline'), 3000);
    expect(store.get('moteur')).toMatchObject({ state: 'offline', unrecognised: null });
  });

  it('a device first seen with an unknown payload is unknown; binary payloads are described, not shown', () => {
    const { store, tracker } = tracked();
    tracker.observe('vanne/status', new Uint8Array([0xff, 0xfe, 0x00]), 1000);
    expect(store.get('vanne')).toMatchObject({ state: 'unknown', unrecognised: 'binary, 3 bytes' });
  });

  it('a cleared retained status (empty payload) makes the device unknown', () => {
    const { store, tracker } = tracked();
    tracker.observe('moteur/status', bytes('online'), 1000);
    tracker.observe('moteur/status', new Uint8Array(), 2000);
    expect(store.get('moteur')).toMatchObject({ state: 'unknown', since: 2000 });
  });

  it("any message on a known device's topics counts as hearing from it; the state does not change", () => {
    const { store, tracker } = tracked();
    tracker.observe('moteur/status', bytes('offline'), 1000);
    tracker.observe('moteur/température', bytes('71'), 4000);
    tracker.observe('pompe/débit', bytes('12'), 4000);
    expect(store.get('moteur')).toMatchObject({ state: 'offline', heardAt: 4000, stateAt: 1000 });
    expect(store.has('pompe')).toBe(false);
    expect(tracker.deviceOf('moteur/température')).toBe('moteur');
    expect(tracker.deviceOf('pompe/débit')).toBeNull();
  });

  it('a chatty device is marked heard at most once a second (what "last heard" can show)', () => {
    const { store, tracker } = tracked();
    tracker.observe('moteur/status', bytes('online'), 1000);
    const afterStatus = store.get('moteur');
    for (let at = 1001; at < 2000; at += 10) tracker.observe('moteur/vitesse', bytes('1200'), at);
    expect(store.get('moteur')).toBe(afterStatus);
    tracker.observe('moteur/vitesse', bytes('1200'), 2000);
    expect(store.get('moteur')?.heardAt).toBe(2000);
  });

  it('several rules coexist, and removing a rule forgets its devices', () => {
    const { store, tracker } = tracked();
    const homeAssistant = { pattern: 'maison/+/availability', online: ['online'], offline: ['offline'] };
    tracker.setRules([...DEFAULT_PRESENCE_RULES, homeAssistant]);
    tracker.observe('moteur/status', bytes('online'), 1000);
    tracker.observe('maison/lampe/availability', bytes('offline'), 1000);
    expect(store.list().map((device) => `${device.id}:${device.state}`)).toEqual(['lampe:offline', 'moteur:online']);
    expect(tracker.deviceOf('maison/lampe/luminosité')).toBe('lampe');
    tracker.setRules([homeAssistant]);
    expect(store.list().map((device) => device.id)).toEqual(['lampe']);
  });

  it('online since a retained status, then the birth received live: since starts again and is known; a live heartbeat does not move it', () => {
    const { store, tracker } = tracked();
    tracker.observe('moteur/status', bytes('online'), 1000, true);
    expect(store.get('moteur')).toMatchObject({ state: 'online', since: 1000, sinceKnown: false });
    tracker.observe('moteur/status', bytes('online'), 5000);
    expect(store.get('moteur')).toMatchObject({ state: 'online', since: 5000, sinceKnown: true });
    tracker.observe('moteur/status', bytes('online'), 9000);
    expect(store.get('moteur')).toMatchObject({ since: 5000, stateAt: 9000 });
  });

  it('a restart (a new session) while online starts since again', () => {
    const store = new PresenceStore(() => undefined);
    store.noteStatus('Usine1/Ligne1', 'spBv1.0/Usine1/NBIRTH/Ligne1', { kind: 'state', state: 'online' }, 1000);
    store.noteStatus('Usine1/Ligne1', 'spBv1.0/Usine1/NBIRTH/Ligne1', { kind: 'state', state: 'online' }, 2000);
    expect(store.get('Usine1/Ligne1')?.since).toBe(1000);
    store.noteStatus('Usine1/Ligne1', 'spBv1.0/Usine1/NBIRTH/Ligne1', { kind: 'state', state: 'online' }, 3000, false, true);
    expect(store.get('Usine1/Ligne1')?.since).toBe(3000);
  });

  it('announces changes once per frame', () => {
    let scheduled = 0;
    const store = new PresenceStore(() => void scheduled++);
    const tracker = new PresenceTracker(store);
    tracker.setRules(DEFAULT_PRESENCE_RULES);
    tracker.observe('a/status', bytes('online'), 1);
    tracker.observe('b/status', bytes('online'), 1);
    expect(scheduled).toBe(1);
  });
});
