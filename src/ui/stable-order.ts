/**
 * An order that means something and stays still. While the screen fills (the first moments after the
 * values start to come), items sort by name with a locale-aware collation (case-insensitive, numbers by
 * value: `capteur` before `Usine1`, `t2` before `t10`). After that, an item keeps its place, and one that
 * appears later goes to the end of its group (what is before it in the group does not move), counted as
 * new until the user sorts them in (or the page is hidden: nobody is looking then).
 */
export class StableOrder {
  private readonly _rank = new Map<string, number>();
  private _next = 0;
  private _filling = true;
  /** Items placed at the end since the last sort. */
  fresh = 0;
  private readonly _fresh = new Set<string>();

  /** Whether the item was placed at the end (it came after the screen filled), not sorted in yet. */
  isFresh(key: string): boolean {
    return this._fresh.has(key);
  }

  constructor(private readonly _collator: Intl.Collator) {}

  /** The screen has filled: from now on new items go to the end of their group. */
  settle(): void {
    this._filling = false;
  }

  /** Every item sorts by name again at the next order(). */
  sortAll(): void {
    this._rank.clear();
    this._next = 0;
    this.fresh = 0;
    this._fresh.clear();
  }

  /** The items in order. `key` identifies an item (unique across groups), `name` is what it is sorted by. */
  order<T>(items: readonly T[], key: (item: T) => string, name: (item: T) => string): T[] {
    const byName = (a: T, b: T) => this._collator.compare(name(a), name(b));
    const unranked: T[] = [];
    const ranked: T[] = [];
    for (const item of items) (this._rank.has(key(item)) ? ranked : unranked).push(item);
    const ordered = this._byRank(ranked, key);
    if (unranked.length > 0 && (this._filling || ranked.length === 0)) {
      // Still filling, the ranked ones are in name order: each new one is put in its place (a binary
      // search), not the whole group sorted again with the collator on every frame of new topics.
      for (const item of unranked.sort(byName)) {
        let low = 0;
        for (let high = ordered.length; low < high; ) {
          const middle = (low + high) >> 1;
          if (byName(ordered[middle] as T, item) <= 0) low = middle + 1;
          else high = middle;
        }
        ordered.splice(low, 0, item);
      }
      for (const item of ordered) this._rank.set(key(item), this._next++);
      return ordered;
    }
    for (const item of unranked.sort(byName)) {
      this._rank.set(key(item), this._next++);
      this._fresh.add(key(item));
      ordered.push(item);
    }
    this.fresh += unranked.length;
    return ordered;
  }

  /**
   * `ordered` (a group as order() gave it) with `added` (items new to this order) put in as order() would:
   * by name while the screen fills, at the end after. It costs the items added, not the whole group.
   */
  extend<T>(ordered: readonly T[], added: readonly T[], key: (item: T) => string, name: (item: T) => string): T[] {
    if (ordered.length === 0) return this.order(added, key, name);
    const byName = (a: T, b: T) => this._collator.compare(name(a), name(b));
    const rankOf = (item: T | undefined) => (item === undefined ? undefined : this._rank.get(key(item)));
    // One pass over both (a splice each would move the whole group for every one added).
    const result: T[] = [];
    let next = 0;
    for (const item of [...added].sort(byName)) {
      let low = ordered.length;
      if (this._filling) {
        low = next;
        for (let high = ordered.length; low < high; ) {
          const middle = (low + high) >> 1;
          if (byName(ordered[middle] as T, item) <= 0) low = middle + 1;
          else high = middle;
        }
      } else {
        this._fresh.add(key(item));
        this.fresh++;
      }
      while (next < low) result.push(ordered[next++] as T);
      // A rank between its neighbours' keeps this order at the group's next order().
      const before = rankOf(result[result.length - 1]);
      const after = rankOf(ordered[next]);
      const rank = after === undefined ? this._next : before === undefined ? after - 1 : (before + after) / 2;
      this._next = Math.max(this._next, Math.floor(rank) + 1);
      this._rank.set(key(item), rank);
      result.push(item);
    }
    while (next < ordered.length) result.push(ordered[next++] as T);
    return result;
  }

  /** The items by their rank, each looked up once (not twice per comparison). */
  private _byRank<T>(items: readonly T[], key: (item: T) => string): T[] {
    const ranked = items.map((item) => ({ rank: this._rank.get(key(item)) as number, item }));
    ranked.sort((a, b) => a.rank - b.rank);
    return ranked.map((entry) => entry.item);
  }
}

/** The collation for names on screen, in the screen's language. */
export function nameCollator(locale: string): Intl.Collator {
  return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
}
