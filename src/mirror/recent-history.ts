/**
 * The page's side of the numeric history: the last values of each topic, as many as a sparkline shows.
 * The whole history stays in the engine; a chart asks for it.
 */
import type { RecentValues } from '../engine/engine-frame';

export interface RecentPoints {
  /** Points the engine holds for the topic. */
  readonly length: number;
  /** The last `count` values, oldest first. */
  lastValues(count: number): number[];
}

class TopicRecent implements RecentPoints {
  length = 0;
  values: number[] = [];
  constructor(private readonly _window: number) {}

  lastValues(count: number): number[] {
    return this.values.slice(Math.max(0, this.values.length - count));
  }

  add(values: Float64Array, from: number, count: number, length: number): void {
    for (let i = 0; i < count; i++) this.values.push(values[from + i] as number);
    if (this.values.length > this._window) this.values.splice(0, this.values.length - this._window);
    this.length = length;
  }
}

export class RecentHistory {
  private readonly _topics = new Map<string, TopicRecent>();

  constructor(private readonly _window: number) {}

  get(topic: string): RecentPoints | undefined {
    return this._topics.get(topic);
  }

  apply(recent: RecentValues): void {
    let at = 0;
    recent.topics.forEach((topic, index) => {
      const count = recent.counts[index] ?? 0;
      let points = this._topics.get(topic);
      if (!points) this._topics.set(topic, (points = new TopicRecent(this._window)));
      points.add(recent.values, at, count, recent.lengths[index] ?? 0);
      at += count;
    });
  }

  /** Forgets the topics for which `keep` returns false. */
  retain(keep: (topic: string) => boolean): void {
    for (const topic of this._topics.keys()) if (!keep(topic)) this._topics.delete(topic);
  }
}
