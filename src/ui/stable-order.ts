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
    const unranked = items.filter((item) => !this._rank.has(key(item)));
    if (unranked.length > 0 && (this._filling || unranked.length === items.length)) {
      const sorted = [...items].sort(byName);
      for (const item of sorted) this._rank.set(key(item), this._next++);
      return sorted;
    }
    if (unranked.length > 0) {
      for (const item of unranked.sort(byName)) {
        this._rank.set(key(item), this._next++);
        this._fresh.add(key(item));
      }
      this.fresh += unranked.length;
    }
    return this._byRank(items, key);
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
