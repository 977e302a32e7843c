import { describe, expect, it } from 'vitest';
import { newAlarm, type AlarmDefinition } from '../../../src/alarms/alarm-definition';
import {
  acknowledge,
  judge,
  limitCondition,
  needsAcknowledging,
  nextDeadline,
  normalState,
  operatorState,
  settle,
  shelve,
  suppress,
  textCondition,
  unshelve,
  type AlarmState,
} from '../../../src/alarms/alarm-machine';

const hot = newAlarm({ kind: 'high', topic: 'moteur/température', limit: 75, deadband: 2 }, 'hot');

/** Feeds numbers at times (ms) through the limit, as the engine does: the condition, then the state. */
function feed(alarm: AlarmDefinition, points: Array<[number, number]>, start: AlarmState = normalState(alarm.id)) {
  let state = start;
  const kinds: string[] = [];
  for (const [at, value] of points) {
    const condition = limitCondition(alarm, state.condition, value) ?? state.condition;
    const step = judge(alarm, state, condition, at, String(value));
    state = step.state;
    kinds.push(...step.events.map((event) => event.kind));
  }
  return { state, kinds };
}

describe('an alarm’s limits', () => {
  it('a high limit is crossed above it, and comes back only past the deadband', () => {
    expect(limitCondition(hot, false, 75)).toBe(false);
    expect(limitCondition(hot, false, 75.1)).toBe(true);
    expect(limitCondition(hot, true, 73.5)).toBe(true);
    expect(limitCondition(hot, true, 73)).toBe(false);
    expect(limitCondition(hot, false, Number.NaN)).toBeNull();
    expect(limitCondition(hot, false, null)).toBeNull();
  });

  it('a low limit mirrors it', () => {
    const cold = newAlarm({ kind: 'low-low', limit: 5, deadband: 1 }, 'cold');
    expect(limitCondition(cold, false, 4.9)).toBe(true);
    expect(limitCondition(cold, true, 5.9)).toBe(true);
    expect(limitCondition(cold, true, 6)).toBe(false);
  });

  it('a value oscillating across the limit within the deadband raises it once', () => {
    const { state, kinds } = feed(hot, [
      [0, 70],
      [1000, 76],
      [2000, 74],
      [3000, 76],
      [4000, 73.5],
      [5000, 77],
    ]);
    expect(kinds).toEqual(['raised']);
    expect(operatorState(state)).toBe('active-unacknowledged');
  });

  it('text equals and differs', () => {
    const fault = newAlarm({ kind: 'equals', text: 'défaut' }, 'f');
    expect(textCondition(fault, ' défaut ')).toBe(true);
    expect(textCondition(fault, 'marche')).toBe(false);
    expect(textCondition({ ...fault, kind: 'differs' }, 'marche')).toBe(true);
  });
});

describe('an alarm’s states', () => {
  it('normal → active, unacknowledged → acknowledged → normal when it returns', () => {
    let { state, kinds } = feed(hot, [[0, 80]]);
    expect(kinds).toEqual(['raised']);
    expect(state.raisedValue).toBe('80');
    expect(needsAcknowledging(state)).toBe(true);
    const seen = acknowledge(state, 'tablette-atelier', 'vanne ouverte', 500);
    expect(seen?.events.map((event) => event.kind)).toEqual(['acknowledged']);
    state = seen!.state;
    expect(operatorState(state)).toBe('acknowledged');
    expect(state.acknowledgedBy).toBe('tablette-atelier');
    expect(state.comment).toBe('vanne ouverte');
    ({ state, kinds } = feed(hot, [[1000, 60]], state));
    expect(kinds).toEqual(['normal']);
    expect(operatorState(state)).toBe('normal');
  });

  it('the reverse order: it returns before anyone saw it, then acknowledging makes it normal', () => {
    let { state, kinds } = feed(hot, [
      [0, 80],
      [1000, 60],
    ]);
    expect(kinds).toEqual(['raised', 'returned']);
    expect(operatorState(state)).toBe('returned-unacknowledged');
    const seen = acknowledge(state, 'a', '', 2000);
    expect(seen?.events.map((event) => event.kind)).toEqual(['acknowledged', 'normal']);
    state = seen!.state;
    expect(operatorState(state)).toBe('normal');
    expect(acknowledge(state, 'a', '', 3000)).toBeNull();
  });

  it('one that triggers again after it was acknowledged and returned is unacknowledged again', () => {
    let { state } = feed(hot, [[0, 80]]);
    state = acknowledge(state, 'a', '', 100)!.state;
    const again = feed(hot, [
      [1000, 60],
      [2000, 90],
    ], state);
    expect(again.kinds).toEqual(['normal', 'raised']);
    expect(operatorState(again.state)).toBe('active-unacknowledged');
    expect(again.state.acknowledgedBy).toBe('');
  });

  it('a spike shorter than the on-delay raises nothing; a longer one raises it when the delay ends', () => {
    const delayed = { ...hot, onDelaySeconds: 5 };
    const spike = feed(delayed, [
      [0, 80],
      [3000, 60],
    ]);
    expect(spike.kinds).toEqual([]);
    expect(nextDeadline(delayed, spike.state)).toBeNull();
    const held = feed(delayed, [[10_000, 80]], spike.state);
    expect(held.kinds).toEqual([]);
    expect(nextDeadline(delayed, held.state)).toBe(15_000);
    expect(settle(delayed, held.state, 14_999).events).toEqual([]);
    const raised = settle(delayed, held.state, 15_000);
    expect(raised.events.map((event) => event.kind)).toEqual(['raised']);
  });

  it('an off-delay keeps it raised through a short dip', () => {
    const sticky = { ...hot, offDelaySeconds: 10 };
    let { state } = feed(sticky, [
      [0, 80],
      [1000, 60],
      [5000, 80],
    ]);
    expect(operatorState(state)).toBe('active-unacknowledged');
    ({ state } = feed(sticky, [[6000, 60]], state));
    expect(settle(sticky, state, 15_999).events).toEqual([]);
    expect(settle(sticky, state, 16_000).events.map((event) => event.kind)).toEqual(['returned']);
  });

  it('a message received while away says so when it raises the alarm', () => {
    const step = judge(hot, normalState('hot'), true, 0, '80', true);
    expect(step.state.raisedWhileAway).toBe(true);
    expect(step.events[0]?.whileAway).toBe(true);
  });
});

describe('shelving and suppression', () => {
  it('a shelf lasts at most 8 h, and an alarm still active calls again when it ends', () => {
    const { state } = feed(hot, [[0, 80]]);
    const shelved = shelve(state, 24 * 3600_000, 1000, 'a');
    expect(shelved.state.shelvedUntil).toBe(1000 + 8 * 3600_000);
    expect(operatorState(shelved.state)).toBe('shelved');
    expect(needsAcknowledging(shelved.state)).toBe(false);
    const acknowledged = acknowledge(shelved.state, 'a', '', 2000)!.state;
    expect(nextDeadline(hot, acknowledged)).toBe(1000 + 8 * 3600_000);
    const back = settle(hot, acknowledged, 1000 + 8 * 3600_000);
    expect(back.events.map((event) => event.kind)).toEqual(['unshelved']);
    expect(operatorState(back.state)).toBe('active-unacknowledged');
  });

  it('an alarm that returned while shelved comes back normal; unshelving by hand does the same', () => {
    const { state } = feed(hot, [[0, 80]]);
    const shelved = shelve(state, 60_000, 0, 'a').state;
    const returned = feed(hot, [[1000, 50]], shelved).state;
    expect(operatorState(returned)).toBe('shelved');
    const back = unshelve(returned, 2000)!;
    expect(operatorState(back.state)).toBe('normal');
    expect(unshelve(back.state, 3000)).toBeNull();
  });

  it('suppressed while its device is offline, then as it is', () => {
    const { state } = feed(hot, [[0, 80]]);
    const quiet = suppress(state, true);
    expect(operatorState(quiet)).toBe('suppressed');
    expect(needsAcknowledging(quiet)).toBe(false);
    expect(suppress(quiet, true)).toBe(quiet);
    expect(operatorState(suppress(quiet, false))).toBe('active-unacknowledged');
  });
});
