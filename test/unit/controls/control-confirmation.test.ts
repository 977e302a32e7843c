import { describe, expect, it } from 'vitest';
import { newControl } from '../../../src/controls/control-definition';
import { confirmationAfterReport, confirmationAtDeadline, confirmationAtDelivery, type ControlLink } from '../../../src/controls/control-confirmation';

const pump = newControl({ kind: 'switch', name: 'Pompe', commandTopic: 'pompe/commande', stateTopic: 'pompe/état', onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêtée'] }, 'p');
const stop: ControlLink = { id: 'p', value: 'off', before: 'en marche' };

describe('a control command’s confirmation', () => {
  it('waits for the device from delivery, for the control’s timeout', () => {
    expect(confirmationAtDelivery(pump, undefined, 1000)).toEqual({ state: 'waiting', deadline: 11_000, reported: null, at: null });
    expect(confirmationAtDelivery({ ...pump, stateTopic: '' }, undefined, 1000).state).toBe('unconfirmable');
    expect(confirmationAtDelivery(undefined, undefined, 1000).state).toBe('unconfirmable');
  });

  it('is confirmed by the commanded value, not by the state it had before', () => {
    const waiting = confirmationAtDelivery(pump, undefined, 0);
    const same = confirmationAfterReport(pump, stop, waiting, 'en marche', 500);
    expect(same).toEqual({ state: 'waiting', deadline: 10_000, reported: 'en marche', at: 500 });
    expect(confirmationAfterReport(pump, stop, same ?? undefined, 'arrêtée', 3000)).toEqual({ state: 'confirmed', deadline: 10_000, reported: 'arrêtée', at: 3000 });
  });

  it('says at once when the device reports a third value, and still confirms a late match', () => {
    const waiting = confirmationAtDelivery(pump, undefined, 0);
    const differs = confirmationAfterReport(pump, stop, waiting, 'défaut', 100);
    expect(differs?.state).toBe('differs');
    expect(confirmationAfterReport(pump, stop, differs ?? undefined, 'arrêtée', 20_000)?.state).toBe('confirmed');
  });

  it('at the deadline: no answer when the device said nothing, differs when it said the old state', () => {
    const waiting = confirmationAtDelivery(pump, undefined, 0);
    expect(confirmationAtDeadline(waiting).state).toBe('no-answer');
    const same = confirmationAfterReport(pump, stop, waiting, 'en marche', 500);
    expect(same && confirmationAtDeadline(same).state).toBe('differs');
  });

  it('keeps a confirmation that came before the broker’s acknowledgement (a fast device)', () => {
    const early = confirmationAfterReport(pump, stop, undefined, 'arrêtée', 5);
    expect(early?.state).toBe('confirmed');
    expect(confirmationAtDelivery(pump, early ?? undefined, 10)).toBe(early);
  });

  it('does not change once confirmed: a later report is the device changing again, shown as its state', () => {
    const confirmed = confirmationAfterReport(pump, stop, undefined, 'arrêtée', 5) ?? undefined;
    expect(confirmationAfterReport(pump, stop, confirmed, 'en marche', 50)).toBeNull();
  });
});
