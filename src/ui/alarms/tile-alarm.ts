/**
 * Which alarm marks each tile: per topic, its most urgent alarm that is raised or not yet acknowledged
 * (shelved and suppressed ones mark nothing). Made once per change of the alarms, for every tile at once.
 * Loaded with the alarms (the alarm summary hands it to the tiles' view).
 */
import type { AlarmDefinition, AlarmPriority } from '../../alarms/alarm-definition';
import type { AlarmState } from '../../alarms/alarm-machine';
import { msg } from '../../i18n/words';
import { priorityShape, priorityWord } from './alarm-words';

export interface TileAlarm {
  id: string;
  priority: AlarmPriority;
  /** Still to be acknowledged (it flashes, unless motion is reduced). */
  unacknowledged: boolean;
  /** Raised (active), or returned before anyone saw it. */
  active: boolean;
  /** What the mark says (`◆ Urgent · alarm`), also in the tile's spoken name. */
  words: string;
}

/** Lower is more urgent. */
const RANK: Record<AlarmPriority, number> = { urgent: 0, high: 2, medium: 4, low: 6 };

/**
 * The marks, each the same object as in `previous` when it did not change: a tile redraws only when its
 * own mark changed.
 */
export function tileAlarms(definitions: readonly AlarmDefinition[], states: readonly AlarmState[], previous?: ReadonlyMap<string, TileAlarm>): Map<string, TileAlarm> {
  const byId = new Map(states.map((state) => [state.id, state]));
  const marks = new Map<string, TileAlarm>();
  for (const alarm of definitions) {
    const state = byId.get(alarm.id);
    // Normal (not raised, acknowledged), shelved or suppressed: no mark.
    if (!state || state.shelvedUntil !== null || state.suppressed || (!state.active && state.acknowledged) || alarm.topic === '') continue;
    const unacknowledged = !state.acknowledged;
    const said = unacknowledged ? (state.active ? msg('alarm') : msg('alarm returned')) : msg('alarm acknowledged');
    const words = `${priorityShape(alarm.priority)} ${priorityWord(alarm.priority)} · ${said}`;
    const mark: TileAlarm = { id: alarm.id, priority: alarm.priority, unacknowledged, active: state.active, words };
    const before = marks.get(alarm.topic);
    if (!before || rank(mark) < rank(before)) marks.set(alarm.topic, mark);
  }
  if (previous) {
    for (const [topic, mark] of marks) {
      const before = previous.get(topic);
      if (before && before.id === mark.id && before.unacknowledged === mark.unacknowledged && before.active === mark.active && before.words === mark.words && before.priority === mark.priority) marks.set(topic, before);
    }
  }
  return marks;
}

/** The priority first, then unacknowledged before acknowledged. */
function rank(mark: TileAlarm): number {
  return RANK[mark.priority] + (mark.unacknowledged ? 0 : 1);
}
