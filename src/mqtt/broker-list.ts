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

/** Which URL of the list to use now; `advance` moves to the next, round the list. */
export class BrokerRotation {
  private _urls: string[] = [];
  private _index = 0;

  reset(list: string): void {
    this._urls = brokerUrls(list);
    this._index = 0;
  }

  get current(): string {
    return this._urls[this._index] ?? '';
  }

  get size(): number {
    return this._urls.length;
  }

  /** Moves to the next URL; false when there is only one. */
  advance(): boolean {
    if (this._urls.length < 2) return false;
    this._index = (this._index + 1) % this._urls.length;
    return true;
  }
}
