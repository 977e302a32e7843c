/**
 * Which Sparkplug B node or device a tile belongs to, for the first screen: small, with no parsing of its
 * own (the decoder and the model load with the first Sparkplug message, in the engine).
 */

/** Sparkplug's message types: in a certificate topic, the level after the group. */
const CERTIFICATES = /^[ND](BIRTH|DEATH|DATA|CMD)$/;

/**
 * The known node (`group/node`) or device (`group/node/device`) a topic under `spBv1.0/` belongs to: a
 * metric tile's (`spBv1.0/<group>/<node>[/<device>]/<metric>`) or a certificate's
 * (`spBv1.0/<group>/<type>/<node>[/<device>]`), the device first. Undefined outside the namespace.
 */
export function sparkplugOwner(topic: string, known: (id: string) => boolean): string | null | undefined {
  if (!topic.startsWith('spBv1.0/')) return undefined;
  const levels = topic.split('/');
  const certificate = CERTIFICATES.test(levels[2] ?? '');
  if (certificate) levels.splice(2, 1);
  const node = `${levels[1]}/${levels[2]}`;
  const device = `${node}/${levels[3]}`;
  return levels.length > (certificate ? 3 : 4) && known(device) ? device : known(node) ? node : null;
}
