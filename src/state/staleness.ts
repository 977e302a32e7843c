/**
 * A value is live only if it arrived during the current connection. Anything older is stale: while the
 * dashboard is not connected, and after a reconnect until a fresh message replaces it. One exception: a
 * value delivered at QoS 1 or 2 within a session the broker resumed since (CONNACK "session present") stays
 * live, since the broker kept for the dashboard whatever was published after it at that QoS.
 */

export interface LinkTimes {
  phase: string;
  /** The last CONNACK (epoch ms). */
  connectedAt: number | null;
  /** When the dashboard last stopped being connected (epoch ms). */
  lostAt: number | null;
  /** Since when the broker's session has been continuous (a CONNACK without "session present" starts one). */
  sessionSince?: number | null;
}

/** Since when a value received at `receivedAt` is stale (epoch ms), or null when it is live. */
export function staleSince(receivedAt: number, link: LinkTimes, qos = 0): number | null {
  if (link.phase === 'connected' && link.connectedAt !== null && receivedAt >= link.connectedAt) return null;
  if (link.phase === 'connected' && qos > 0 && link.sessionSince != null && receivedAt >= link.sessionSince) return null;
  return link.lostAt !== null && link.lostAt >= receivedAt ? link.lostAt : receivedAt;
}
