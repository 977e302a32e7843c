/**
 * Where a Home Assistant discovery config is, and what it configures: `<prefix>/<component>/[<node_id>/]
 * <object_id>/config` (per entity) or `<prefix>/device/[<node_id>/]<object_id>/config` (device-based).
 * A topic that does not have this shape is not a config (Home Assistant ignores it too).
 */

/** The ids Home Assistant accepts in a config topic. */
const ID = /^[a-zA-Z0-9_-]+$/;

export interface ConfigTopic {
  /** `sensor`, `switch`…, or `device` for a device-based config. */
  component: string;
  nodeId: string | null;
  objectId: string;
  /** The config's identity: a later config on it updates, an empty one removes. */
  key: string;
}

/** The filter that hears every config under a prefix. */
export const discoveryFilter = (prefix: string) => `${prefix}/#`;

/** A topic under `prefix` read as a config topic, or null when it is not one. */
export function configTopic(prefix: string, topic: string): ConfigTopic | null {
  if (!topic.startsWith(`${prefix}/`)) return null;
  const levels = topic.slice(prefix.length + 1).split('/');
  if (levels.length < 3 || levels.length > 4 || levels[levels.length - 1] !== 'config') return null;
  const [component = '', ...ids] = levels.slice(0, -1);
  if (!/^[a-z_]+$/.test(component) || !ids.every((id) => ID.test(id))) return null;
  const objectId = ids[ids.length - 1] as string;
  const nodeId = ids.length === 2 ? (ids[0] as string) : null;
  return { component, nodeId, objectId, key: `${component} ${nodeId === null ? objectId : `${nodeId} ${objectId}`}` };
}

/**
 * `~` (the base topic) as Home Assistant substitutes it: in every key whose name ends in `topic` (and `topic`
 * in each availability item), a leading or trailing `~` becomes the base; a value of exactly `~` is the base;
 * a `~` in the middle stays. The `~` key itself is removed. Works on a config whose keys are expanded.
 */
export function withBaseTopic(config: Record<string, unknown>): Record<string, unknown> {
  const base = config['~'];
  const { '~': _removed, ...rest } = config;
  if (typeof base !== 'string') return rest;
  const substitute = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    if (value.startsWith('~')) return base + value.slice(1);
    if (value.endsWith('~')) return value.slice(0, -1) + base;
    return value;
  };
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key.endsWith('topic')) result[key] = substitute(value);
    else if (key === 'availability' && Array.isArray(value)) {
      result[key] = value.map((item: unknown) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item) || !('topic' in item)) return item;
        const entry = item as Record<string, unknown>;
        return { ...entry, topic: substitute(entry['topic']) };
      });
    } else result[key] = value;
  }
  return result;
}
