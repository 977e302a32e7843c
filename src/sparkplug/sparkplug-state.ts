/**
 * The dashboard as a Sparkplug B host application (optional, off by default): it announces itself on
 * `spBv1.0/STATE/<host id>` as Sparkplug 3.0 says, with a retained JSON `{"online":true,"timestamp":…}`
 * on every CONNACK and the same with `false` as its Last Will (and before a user's Disconnect), the
 * timestamp being the CONNECT's. Edge nodes that wait for their primary host then see it.
 */
import { SPARKPLUG_NAMESPACE } from './sparkplug-types';

/** What a host application subscribes to: the whole Sparkplug namespace (its own STATE included). */
export const SPARKPLUG_FILTER = `${SPARKPLUG_NAMESPACE}/#`;

export const sparkplugStateTopic = (hostId: string) => `${SPARKPLUG_NAMESPACE}/STATE/${hostId}`;

/** The STATE payload: online or not, and the time of the CONNECT it belongs to. */
export const sparkplugState = (online: boolean, connectedAt: number) => JSON.stringify({ online, timestamp: connectedAt });

/** Whether a host id can be one topic level: not empty, no `/`, `+`, `#` or NUL. */
export const validHostId = (hostId: string) => hostId !== '' && !/[/+#\u0000]/.test(hostId);

/** The host id to announce, or null when the option is off (or the id cannot be used). */
export function sparkplugHostId(settings: { sparkplugHostId?: string }): string | null {
  const hostId = (settings.sparkplugHostId ?? '').trim();
  return validHostId(hostId) ? hostId : null;
}
