/**
 * The connection's side of a cluster: which node's URL to try next, how soon, and whether the nodes that
 * answer keep dropping this client id because its session is pinned to a node that is gone. A cluster that
 * keeps a session on one node (RabbitMQ) cannot hand it to another node when that one dies: the other nodes
 * accept the client id (CONNACK) and drop the link at the first SUBSCRIBE, over and over, until it returns.
 */
import type { Problem } from '../shared/problems';
import { BrokerRotation } from './broker-list';
import { ShortLinkWatch } from './short-link-watch';

/** A link the broker closes this soon after its CONNACK was dropped "at once" (RabbitMQ: in 10 ms). */
export const AT_ONCE_MS = 2_000;
/**
 * This many links in a row dropped at once mean the session is pinned to a node that is gone. Nodes that
 * cannot be reached at all do not break the pattern: one of them is the node that holds the session.
 */
export const DROPS_FOR_PINNED = 2;
/** A link that lasted this long was a real one: the next loss starts a new round of the nodes. */
export const STABLE_LINK_MS = 10_000;
/** Moving on to another node of the round waits this long, give or take half (so a cluster's clients spread out). */
export const HOP_DELAY_MS = 200;

export class ClusterFailover {
  private readonly _rotation = new BrokerRotation();
  private readonly _pinned = new ShortLinkWatch(AT_ONCE_MS, DROPS_FOR_PINNED);
  private _upAt: number | null = null;
  /** The last node whose link was not dropped at once: the one that holds the session, once pinned. */
  private _heldBy: string | null = null;
  /** The first node that accepted the client id and dropped it: where a fresh session goes. */
  private _firstToDrop = '';

  constructor(private readonly _random: () => number = Math.random) {}

  /** A new list (a new Connect); `firstUrl`, when it is in the list, is tried first. */
  reset(list: string, firstUrl: string | null = null): void {
    this._rotation.reset(list);
    this._pinned.reset();
    this._upAt = null;
    this._heldBy = null;
    if (firstUrl && this._rotation.urls.includes(firstUrl)) while (this._rotation.current !== firstUrl) this._rotation.advance();
    this._rotation.newRound(1);
  }

  get current(): string {
    return this._rotation.current;
  }

  get urls(): readonly string[] {
    return this._rotation.urls;
  }

  /** True for a cluster: several URLs. */
  get several(): boolean {
    return this._rotation.size > 1;
  }

  /** Moves to the next URL; false when there is only one. */
  advance(): boolean {
    return this._rotation.advance();
  }

  /** A CONNACK accepted the link at `now`. */
  linkUp(now: number): void {
    this._upAt = now;
    this._pinned.linkUp(now);
  }

  /**
   * The accepted link is gone at `now`. Returns the pinned-session problem when the nodes that answer keep
   * dropping `clientId` at once (a cluster only), else null.
   */
  linkDown(now: number, closedByBroker: boolean, clientId: string): Problem | null {
    const lasted = this._upAt === null ? 0 : now - this._upAt;
    this._upAt = null;
    if (lasted >= STABLE_LINK_MS) this._rotation.newRound(1);
    if (!this.several) return null;
    const pinned = this._pinned.linkDown(now, closedByBroker);
    if (this._pinned.shortDrops === 0) this._heldBy = this._rotation.current; // a real link: its node may hold the session
    if (this._pinned.shortDrops === 1) this._firstToDrop = this._rotation.current;
    return pinned ? this.pinnedProblem(clientId) : null;
  }

  /** While the loop lasts, the problem to show (every attempt, reachable or not, keeps it in view). */
  pinnedProblem(clientId: string): Problem | null {
    if (!this._pinned.recognised) return null;
    return { kind: 'session-pinned', clientId, drops: this._pinned.shortDrops, heldBy: this._heldBy, answeredBy: this._firstToDrop };
  }

  /**
   * How long to wait before the next attempt: a short hop while some node of this round is untried,
   * else the backoff's delay (and a new round begins).
   */
  nextDelay(backoffDelay: () => number): number {
    if (this._rotation.hopAvailable) return Math.round(HOP_DELAY_MS * (0.5 + this._random()));
    this._rotation.newRound(0);
    return backoffDelay();
  }
}
