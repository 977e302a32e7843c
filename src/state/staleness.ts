/**
 * A value is live only if it arrived during the current connection. Anything older is stale: while the
 * dashboard is not connected, and after a reconnect until a fresh message replaces it.
 */

export interface LinkTimes {
  phase: string;
  /** The last CONNACK (epoch ms). */
  connectedAt: number | null;
  /** When the dashboard last stopped being connected (epoch ms). */
  lostAt: number | null;
}

/** Since when a value received at `receivedAt` is stale (epoch ms), or null when it is live. */
export function staleSince(receivedAt: number, link: LinkTimes): number | null {
  if (link.phase === 'connected' && link.connectedAt !== null && receivedAt >= link.connectedAt) return null;
  return link.lostAt !== null && link.lostAt >= receivedAt ? link.lostAt : receivedAt;
}
