/**
 * The topics of each part of the values screen (pinned, each device's, the other topics, the dashboards'
 * presence), in their stable order, for the grid to draw.
 */
import { topicMatches } from '../mqtt/topic-filter';
import type { Dashboard } from '../mirror/dashboard';
import { isDashboardPresence } from './attention';
import type { StableOrder } from './stable-order';

/** Tiles drawn at most under "Other topics", so that a `#` subscription on a busy broker stays smooth. */
export const TILES_SHOWN = 240;
/** New topics drawn at the end of a group longer than TILES_SHOWN, at most. */
const LATE_SHOWN = TILES_SHOWN / 4;

/** Adds an item to the list kept under `key`. */
function addTo<K, T>(lists: Map<K, T[]>, key: K, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/** The topics of each part of the screen, in their order (names: values are looked up when drawn). */
export interface TileGroups {
  pinned: string[];
  /** Each device's topics (by its id) and the other topics (null), in their stable order. */
  ordered: Map<string | null, string[]>;
  /** The same, with the newest moved into what is drawn (see _inView). */
  shown: Map<string | null, string[]>;
  dashboards: string[];
}

/** Groups the topics for the grid, and keeps the groups while nothing that makes them changed. */
export class TileGrouping {
  /** The topics of each part in order, and what they were made from (see groups). */
  private _groups: TileGroups | null = null;
  private _groupsFor: unknown[] = [];
  private _arrivalsSeen = 0;

  constructor(private readonly _order: StableOrder) {}

  /** Everything is grouped and ordered again at the next call (the order was sorted anew). */
  reset(): void {
    this._groups = null;
  }

  /**
   * The topics of each part, in order, made again only when a topic came or went or what sorts them into
   * parts changed, and only for the new ones when topics only came: a frame of new values or a tick of the
   * clock costs the tiles drawn, not a pass over every topic (with 100,000 topics, that pass on each frame
   * made a tap wait a quarter of a second).
   */
  groups(service: Dashboard, hiddenTopics: ReadonlySet<string>, coveredKey: string): TileGroups {
    const { pinned: pinnedFilters, hidden, presence } = service.settings.state;
    const topics = service.topics;
    const devices = service.presence.list();
    const inputs = [devices, pinnedFilters, hidden, coveredKey, presence, topics.arrivals];
    const groups = this._groups;
    const added = topics.arrivals.slice(this._arrivalsSeen);
    const sameParts = groups && inputs.every((input, index) => input === this._groupsFor[index]);
    if (groups && sameParts && !added.some((topic) => isDashboardPresence(topic) || pinnedFilters.some((filter) => topicMatches(filter, topic)))) {
      this._arrivalsSeen = topics.arrivals.length;
      const byGroup = new Map<string | null, string[]>();
      for (const topic of added) if (!hiddenTopics.has(topic)) addTo(byGroup, devices.length > 0 ? service.deviceOf(topic) : null, topic);
      for (const [group, list] of byGroup) {
        const ordered = this._order.extend(groups.ordered.get(group) ?? [], list, (topic) => topic, (topic) => topic);
        groups.ordered.set(group, ordered);
        groups.shown.set(group, this._inView(ordered));
      }
      return groups;
    }
    const members = new Map<string | null, string[]>();
    const dashboards: string[] = [];
    // One bucket per pinned filter, in the order the user gave them; a topic goes to the first that matches.
    const pinnedBuckets: string[][] = pinnedFilters.map(() => []);
    for (const { topic } of topics.list()) {
      if (hiddenTopics.has(topic)) continue;
      const pinIndex = pinnedFilters.length === 0 ? -1 : pinnedFilters.findIndex((filter) => topicMatches(filter, topic));
      if (isDashboardPresence(topic)) dashboards.push(topic);
      else if (pinIndex !== -1) pinnedBuckets[pinIndex]?.push(topic);
      else {
        addTo(members, devices.length > 0 ? service.deviceOf(topic) : null, topic);
      }
    }
    const ordered = new Map<string | null, string[]>();
    const shown = new Map<string | null, string[]>();
    for (const [group, list] of members) {
      ordered.set(group, this._order.order(list, (topic) => topic, (topic) => topic));
      shown.set(group, this._inView(ordered.get(group) ?? []));
    }
    this._groupsFor = inputs;
    this._arrivalsSeen = topics.arrivals.length;
    return (this._groups = { pinned: pinnedBuckets.flat(), ordered, shown, dashboards: this._order.order(dashboards, (topic) => topic, (topic) => topic) });
  }

  /**
   * A group longer than what is drawn: new topics go to the end of what is drawn, not beyond it where
   * nobody would see them (the last drawn ones, far below the fold, make room), up to a quarter of it:
   * the newest ones, so that the latest topic is always there.
   */
  private _inView(ordered: string[]): string[] {
    if (ordered.length <= TILES_SHOWN || this._order.fresh === 0) return ordered;
    const late = ordered.filter((topic) => this._order.isFresh(topic)).slice(-LATE_SHOWN);
    if (late.length === 0) return ordered;
    const placed = new Set(late);
    const rest = ordered.filter((topic) => !placed.has(topic));
    const room = TILES_SHOWN - late.length;
    return [...rest.slice(0, room), ...late, ...rest.slice(room)];
  }
}
