/** Checks a broker URL typed by a person. Returns a message, or null when it can be used. */
export function brokerUrlProblem(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === '') return 'Bad broker URL: it is empty. Use ws://host:port/path or wss://host:port/path.';
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return `Bad broker URL “${trimmed}”: it is not a URL. Use ws://host:port/path or wss://host:port/path.`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return `Bad broker URL “${trimmed}”: a browser reaches MQTT brokers only over WebSockets, so it must start with ws:// or wss://.`;
  }
  if (parsed.hostname === '') return `Bad broker URL “${trimmed}”: it names no host.`;
  return null;
}
