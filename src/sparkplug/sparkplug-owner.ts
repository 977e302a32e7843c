/** Which Sparkplug B node or device a tile belongs to: small, for the first screen (the rest loads with the first Sparkplug message). */
import { SPARKPLUG_NAMESPACE, parseSparkplugTopic } from './sparkplug-types';

/**
 * The node or device a metric tile (or a certificate topic) belongs to, among the known ones: a device
 * (`group/node/device`) first, then its node. Undefined for topics outside the Sparkplug namespace.
 */
export function sparkplugOwner(topic: string, known: (id: string) => boolean): string | null | undefined {
  if (!topic.startsWith(`${SPARKPLUG_NAMESPACE}/`)) return undefined;
  const certificate = parseSparkplugTopic(topic);
  const levels = topic.split('/');
  const [group = '', node = '', device = ''] = certificate ? [certificate.group, certificate.node, certificate.device ?? ''] : levels.slice(1, 4);
  if (!certificate && levels.length > 4 && known(`${group}/${node}/${device}`)) return `${group}/${node}/${device}`;
  if (certificate?.device && known(`${group}/${node}/${device}`)) return `${group}/${node}/${device}`;
  return known(`${group}/${node}`) ? `${group}/${node}` : null;
}
