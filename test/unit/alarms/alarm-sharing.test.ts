import { describe, expect, it } from 'vitest';
import { newAlarm } from '../../../src/alarms/alarm-definition';
import { acknowledge, judge, normalState, operatorState, shelve, type AlarmState } from '../../../src/alarms/alarm-machine';
import {
  CLOCK_SKEW_MS,
  mergeSharedState,
  readSharedState,
  sharedAlarmId,
  sharedStatePayload,
  sharingPrefixProblem,
  type SharedAlarmState,
} from '../../../src/alarms/alarm-sharing';

const hot = newAlarm({ kind: 'high', topic: 'moteur/température', limit: 75 }, 'hot');
const raisedAt = (at: number): AlarmState => judge(hot, normalState('hot'), true, at, '80').state;
const read = (text: string) => readSharedState(text) as SharedAlarmState;

describe('alarm states shared between dashboards', () => {
  it('publishes a state other dashboards read back field for field (times as ISO 8601)', () => {
    const acked = acknowledge(raisedAt(1000), 'Tablette 2', 'vu', 2000)?.state as AlarmState;
    const text = sharedStatePayload(acked, 'Tablette 2', 2500);
    expect(JSON.parse(text)).toMatchObject({ state: 'acknowledged', value: '80', since: new Date(1000).toISOString(), acknowledgedBy: 'Tablette 2', acknowledgedAt: new Date(2000).toISOString(), comment: 'vu', shelvedUntil: null, from: 'Tablette 2' });
    expect(read(text)).toMatchObject({ state: 'acknowledged', acknowledgedAt: 2000, since: 1000, at: 2500 });
  });

  it('says why a state cannot be used: not JSON, not a state, an acknowledgement without a time', () => {
    expect(readSharedState('{oops')).toEqual({ problem: 'not-json' });
    expect(readSharedState('[1,2]')).toEqual({ problem: 'not-a-state' });
    expect(readSharedState('{"state":"on fire"}')).toEqual({ problem: 'not-a-state' });
    expect(readSharedState('{"state":"normal","acknowledgedAt":"yesterday"}')).toEqual({ problem: 'not-a-state' });
    expect(readSharedState('{"state":"normal","comment":{"x":1}}')).toEqual({ problem: 'not-a-state' });
    expect(readSharedState('{"state":"acknowledged","acknowledgedBy":"x"}')).toEqual({ problem: 'not-a-state' });
    expect(readSharedState(`{"state":"normal","comment":"${'x'.repeat(5000)}"}`)).toEqual({ problem: 'not-a-state' });
    expect(read('{"state":"acknowledged","acknowledgedAt":1000}')).toMatchObject({ acknowledgedBy: '', comment: '', value: null });
    // Written by hand or by another tool in snake_case: read the same.
    expect(read('{"state":"ACTIVE_UNACKNOWLEDGED","acknowledged_by":"Tablette 2","acknowledged_at":"2026-12-08T01:00:00Z"}')).toMatchObject({
      state: 'active-unacknowledged',
      acknowledgedBy: 'Tablette 2',
      acknowledgedAt: Date.parse('2026-12-08T01:00:00Z'),
    });
  });

  it('finds the alarm id in its topic, and refuses prefixes that are not one topic', () => {
    expect(sharedAlarmId('dashboard', 'dashboard/alarms/hot')).toBe('hot');
    expect(sharedAlarmId('dashboard', 'dashboard/alarms/a/b')).toBeNull();
    expect(sharedAlarmId('dashboard', 'usine/alarms/hot')).toBeNull();
    expect(sharingPrefixProblem('usine/ligne 1')).toBeNull();
    expect(sharingPrefixProblem('usine/#')).toBe('wildcard');
    expect(sharingPrefixProblem('')).toBe('missing');
    expect(sharingPrefixProblem('usine/')).toBe('missing');
  });

  it('takes another dashboard’s acknowledgement of this raise, with its name, time and comment', () => {
    const local = raisedAt(1000);
    const remote = read(JSON.stringify({ state: 'acknowledged', acknowledgedBy: 'Tablette 2', acknowledgedAt: 1500, comment: 'vu' }));
    const { step, problem } = mergeSharedState(local, remote, 1600);
    expect(problem).toBeNull();
    expect(step?.state).toMatchObject({ acknowledged: true, acknowledgedBy: 'Tablette 2', acknowledgedAt: 1500, comment: 'vu' });
    expect(step?.events.map((event) => event.kind)).toEqual(['acknowledged']);
    // Its own state back from the broker changes nothing.
    expect(mergeSharedState(step?.state as AlarmState, remote, 1700)).toEqual({ step: null, problem: null });
  });

  it('never lets an acknowledgement of an earlier raise silence a new one (clocks may differ by a little)', () => {
    const local = raisedAt(100_000);
    const older = read(JSON.stringify({ state: 'acknowledged', acknowledgedAt: 100_000 - CLOCK_SKEW_MS - 1 }));
    expect(mergeSharedState(local, older, 100_500)).toEqual({ step: null, problem: null });
    const skewed = read(JSON.stringify({ state: 'acknowledged', acknowledgedAt: 100_000 - CLOCK_SKEW_MS + 1 }));
    expect(mergeSharedState(local, skewed, 100_500).step?.state.acknowledged).toBe(true);
  });

  it('ignores, and says so, an acknowledgement of an alarm that is normal here, and states from the future', () => {
    const normal = normalState('hot');
    const remote = read(JSON.stringify({ state: 'acknowledged', acknowledgedBy: 'intrus', acknowledgedAt: 1000 }));
    expect(mergeSharedState(normal, remote, 2000)).toEqual({ step: null, problem: 'acknowledges-normal' });
    // A normal state carrying the acknowledgement that ended an earlier raise is no news.
    const old = read(JSON.stringify({ state: 'normal', acknowledgedBy: 'Tablette 2', acknowledgedAt: 1000 }));
    expect(mergeSharedState(normal, old, 2000)).toEqual({ step: null, problem: null });
    const future = read(JSON.stringify({ state: 'acknowledged', acknowledgedAt: 10_000_000 }));
    expect(mergeSharedState(raisedAt(1000), future, 2000)).toEqual({ step: null, problem: 'from-the-future' });
  });

  it('takes the latest shelf or unshelf, capped at 8 h, and ignores an older one', () => {
    const local = raisedAt(1000);
    const shelved = read(JSON.stringify({ state: 'shelved', shelvedUntil: 60_000, shelvedBy: 'Tablette 2', shelfChangedAt: 2000 }));
    const first = mergeSharedState(local, shelved, 3000).step?.state as AlarmState;
    expect(operatorState(first)).toBe('shelved');
    expect(first).toMatchObject({ shelvedUntil: 60_000, shelvedBy: 'Tablette 2', shelfChangedAt: 2000 });
    const unshelved = read(JSON.stringify({ state: 'active-unacknowledged', shelvedUntil: null, shelfChangedAt: 4000 }));
    const back = mergeSharedState(first, unshelved, 5000).step?.state as AlarmState;
    expect(operatorState(back)).toBe('active-unacknowledged');
    expect(mergeSharedState(back, shelved, 6000).step).toBeNull();
    const local2 = shelve(raisedAt(1000), 50_000, 1500, 'ici').state;
    const tooLong = read(JSON.stringify({ state: 'shelved', shelvedUntil: 1e12, shelfChangedAt: 2000 }));
    expect(mergeSharedState(local2, tooLong, 3000).step?.state.shelvedUntil).toBe(2000 + 8 * 3600_000);
  });
});
