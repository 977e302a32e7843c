/**
 * A broker URL setting may name several URLs, the nodes of a cluster, in the order to try them:
 * separated by spaces, commas or new lines. The connection uses the first that answers and moves to the
 * next one whenever the link is lost or an attempt fails.
 */
import type { Problem } from '../shared/problems';
import { brokerUrlProblem } from './broker-url';

export function brokerUrls(list: string): string[] {
  return list.split(/[\s,]+/).filter((url) => url !== '');
}

/** What is wrong with the first bad URL of the list, or null when every one can be used. */
export function brokerListProblem(list: string): Problem | null {
  const urls = brokerUrls(list);
  if (urls.length === 0) return brokerUrlProblem('');
  for (const url of urls) {
    const problem = brokerUrlProblem(url);
    if (problem) return problem;
  }
  return null;
}

/**
 * Which URL of the list to use now; `advance` moves to the next, round the list. Attempts go in rounds:
 * within a round the next node is tried at once (another node is likely up), and only a whole round that
 * failed waits for the backoff.
 */
export class BrokerRotation {
  private _urls: string[] = [];
  private _index = 0;
  /** Attempts made in this round, the current URL's included. */
  private _attempts = 1;

  reset(list: string): void {
    this._urls = brokerUrls(list);
    this._index = 0;
    this._attempts = 1;
  }

  /** True while some URL of this round has not been tried: the next attempt need not wait for the backoff. */
  get hopAvailable(): boolean {
    return this._urls.length > 1 && this._attempts < this._urls.length;
  }

  /**
   * A new round: after a whole round failed (0: the backoff waits, then the next URL is the round's first),
   * or after a link that lasted (1: the current URL was this round's first).
   */
  newRound(attemptsMade: 0 | 1): void {
    this._attempts = attemptsMade;
  }

  get current(): string {
    return this._urls[this._index] ?? '';
  }

  get size(): number {
    return this._urls.length;
  }

  get urls(): readonly string[] {
    return this._urls;
  }

  /** Moves to the next URL; false when there is only one. */
  advance(): boolean {
    if (this._urls.length < 2) return false;
    this._index = (this._index + 1) % this._urls.length;
    this._attempts++;
    return true;
  }
}
