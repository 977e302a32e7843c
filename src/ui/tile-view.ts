/**
 * What every tile needs besides its own value, gathered once by the container that draws tiles (the clock,
 * the connection's status for staleness, the tiles' formats, the recent values for sparklines) and handed
 * to each tile as one property: tiles are leaves that take properties and raise events, and a new view is
 * made only when one of these changed, so a frame of new values re-renders only the tiles whose value changed.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Dashboard } from '../mirror/dashboard';
import type { ConnectionStatus } from '../mqtt/connection-types';
import type { TileFormat } from '../storage/settings';
import { StoreController } from './store-controller';
import type { TileAlarm } from './alarms/tile-alarm';
import type { AlarmDefinition } from '../alarms/alarm-definition';
import type { AlarmState } from '../alarms/alarm-machine';

/**
 * What marks tiles with their alarms: given by the alarms' code when it loads (with the first alarm set), so
 * that the first screen carries none of it.
 */
let alarmMarks: ((definitions: readonly AlarmDefinition[], states: readonly AlarmState[], previous?: ReadonlyMap<string, TileAlarm>) => Map<string, TileAlarm>) | null = null;
export const markAlarmsWith = (marks: typeof alarmMarks) => (alarmMarks = marks);

export interface TileView {
  /** The clock's time (epoch ms), ticking once a second, for ages such as "3 s ago". */
  readonly now: number;
  readonly status: ConnectionStatus;
  readonly formats: readonly TileFormat[];
  /** A topic's most recent numeric values, oldest first, for its sparkline. */
  trendOf(topic: string): readonly number[];
  /** The alarm that marks a topic's tile, if any. */
  alarmOf(topic: string): TileAlarm | undefined;
}

/** A tile opened for its detail (chart, recent messages, settings): bubbles out of shadow roots. */
export class TileOpenEvent extends Event {
  constructor(readonly topic: string) {
    super('tile-open', { bubbles: true, composed: true });
  }
}

const TREND_POINTS = 60;

/** Keeps a container's TileView up to date with the dashboard it reads, and re-renders it when the view changes. */
export class TileViewController {
  private _view: TileView | null = null;
  private _marks = new Map<string, TileAlarm>();
  private _made: readonly unknown[] = [];
  /**
   * The alarm states the marks are made from, taken at each tick of the clock: a thousand alarms raised one
   * after the other would otherwise hand every tile a new view at every frame of alarms (the strip, the
   * header and the list follow the alarms at once; a tile's mark within a second).
   */
  private _states: readonly AlarmState[] = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly _dashboard: () => Dashboard | undefined,
  ) {
    new StoreController(host, () => this._dashboard()?.clock);
    new StoreController(host, () => this._dashboard()?.status);
    new StoreController(host, () => this._dashboard()?.settings);
  }

  /** The current view (the same object as long as nothing in it changed), or null without a dashboard. */
  get view(): TileView | null {
    const dashboard = this._dashboard();
    if (!dashboard) return null;
    const settings = dashboard.settings.state;
    const now = dashboard.clock.state.now;
    if (now !== this._made[0]) this._states = dashboard.alarms.state.states;
    const made = [now, dashboard.status.state, settings.tileFormats, settings.alarms, this._states, alarmMarks] as const;
    if (this._view && made.every((item, index) => item === this._made[index])) return this._view;
    const [, status, formats, definitions, states] = made;
    // Each mark stays the same object while it does not change: a tile redraws only for its own.
    const marks = (this._marks = alarmMarks?.(definitions, states, this._marks) ?? this._marks);
    this._made = made;
    const history = dashboard.history;
    this._view = { now, status, formats, trendOf: (topic) => history.get(topic)?.lastValues(TREND_POINTS) ?? [], alarmOf: (topic) => marks.get(topic) };
    return this._view;
  }
}
