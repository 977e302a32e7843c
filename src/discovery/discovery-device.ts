/**
 * Devices and names as Home Assistant forms them from discovery configs: a device is known by any of its
 * identifiers (or connections), and its details may come on only one of its entities (Tasmota), so details
 * are merged; an entity's name follows HA's rules. Data only: the UI says the device class's name in words.
 */

/** A device as its entities describe it (expanded keys), details merged. */
export interface DiscoveredDevice {
  /** Identifiers and connections (`mac 00:11:…`), each one names the device. */
  keys: string[];
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  swVersion: string | null;
  hwVersion: string | null;
  /** A bridge it is reached through (`via_device`: one of the bridge's identifiers). */
  viaDevice: string | null;
  configurationUrl: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.slice(0, 200) : typeof value === 'number' ? String(value) : null);

/** The keys a device block names its device by: `identifiers` (a string or a list), `connections` (pairs). */
export function deviceKeys(block: Record<string, unknown>): string[] {
  const ids = block['identifiers'];
  const keys = (Array.isArray(ids) ? ids : [ids]).flatMap((id) => text(id) ?? []);
  const connections = Array.isArray(block['connections']) ? block['connections'] : [];
  for (const pair of connections) {
    if (Array.isArray(pair) && pair.length === 2) {
      const [kind, value] = pair.map(text);
      if (kind && value) keys.push(`${kind.toLowerCase()} ${value.toLowerCase()}`);
    }
  }
  return [...new Set(keys)].slice(0, 20);
}

/** A device block read, or null when it names no device (no identifier, no connection). */
export function readDevice(block: unknown): DiscoveredDevice | null {
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return null;
  const device = block as Record<string, unknown>;
  const keys = deviceKeys(device);
  if (keys.length === 0) return null;
  return {
    keys,
    name: text(device['name']),
    manufacturer: text(device['manufacturer']),
    model: text(device['model']),
    swVersion: text(device['sw_version']),
    hwVersion: text(device['hw_version']),
    viaDevice: text(device['via_device']),
    configurationUrl: text(device['configuration_url']),
  };
}

/** Details given by a later entity fill what the device lacked; keys are joined (the same device). */
export function mergeDevices(known: DiscoveredDevice, more: DiscoveredDevice): DiscoveredDevice {
  return {
    keys: [...new Set([...known.keys, ...more.keys])].slice(0, 20),
    name: more.name ?? known.name,
    manufacturer: more.manufacturer ?? known.manufacturer,
    model: more.model ?? known.model,
    swVersion: more.swVersion ?? known.swVersion,
    hwVersion: more.hwVersion ?? known.hwVersion,
    viaDevice: more.viaDevice ?? known.viaDevice,
    configurationUrl: more.configurationUrl ?? known.configurationUrl,
  };
}

/**
 * An entity's own name: given (`name`), the device's alone (`name: null`), its device class's (no `name`, a
 * device class), or the platform's default (neither). Shown after the device's name.
 */
export type EntityName = { kind: 'given'; name: string } | { kind: 'device' } | { kind: 'device-class'; deviceClass: string } | { kind: 'default'; platform: string };

export function entityName(config: Record<string, unknown>, platform: string): EntityName {
  if (Object.hasOwn(config, 'name')) {
    const name = config['name'];
    if (name === null) return { kind: 'device' };
    const given = text(name);
    if (given !== null) return { kind: 'given', name: given };
  }
  const deviceClass = text(config['device_class']);
  return deviceClass !== null ? { kind: 'device-class', deviceClass } : { kind: 'default', platform };
}
