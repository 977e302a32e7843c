/** Checks a broker URL typed by a person. Returns what is wrong with it, or null when it can be used. */
import type { Problem } from '../shared/problems';

export function brokerUrlProblem(url: string): Problem | null {
  const trimmed = url.trim();
  if (trimmed === '') return { kind: 'bad-broker-url', url: trimmed, fault: 'empty' };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { kind: 'bad-broker-url', url: trimmed, fault: 'not-url' };
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return { kind: 'bad-broker-url', url: trimmed, fault: 'not-websocket' };
  if (parsed.hostname === '') return { kind: 'bad-broker-url', url: trimmed, fault: 'no-host' };
  return null;
}
