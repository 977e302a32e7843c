/**
 * What needs a technician's attention, shared by the attention strip and the order of the device cards:
 * a device offline, one whose state is stale on a live link, a Sparkplug node out of sync.
 */
import type { ConnectionStatus } from '../mqtt/connection-types';
import type { DevicePresence } from '../state/presence-store';
import { staleSince } from '../state/staleness';

/** Why a device needs attention, or null. Staleness counts only on a live link: disconnected, the status says it. */
export function deviceAttention(device: DevicePresence, status: ConnectionStatus): 'offline' | 'stale' | 'out-of-sync' | null {
  if (device.state === 'offline') return 'offline';
  if (device.note?.kind === 'out-of-sync') return 'out-of-sync';
  if (status.phase === 'connected' && staleSince(device.stateAt, status) !== null) return 'stale';
  return null;
}

/** Topics where dashboards (this one and others) and Sparkplug host applications announce their presence. */
export function isDashboardPresence(topic: string): boolean {
  return /^(dashboard\/[^/]+\/status|spBv1\.0\/STATE\/[^/]+)$/.test(topic);
}
