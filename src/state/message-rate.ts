/** Messages per second, from a running count sampled about once a second. */
import { ValueStore } from './notifier';

export class MessageRate extends ValueStore<{ perSecond: number }> {
  private _last: { at: number; count: number } | null = null;

  constructor() {
    super({ perSecond: 0 });
  }

  sample(count: number, now: number): void {
    const last = this._last;
    this._last = { at: now, count };
    if (!last) return;
    const perSecond = Math.max(0, Math.round(((count - last.count) * 1000) / Math.max(1, now - last.at)));
    if (perSecond !== this.state.perSecond) this.replace({ perSecond });
  }
}
