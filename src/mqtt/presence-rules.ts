/**
 * Device presence from retained status topics (a birth message and a Last Will), as plain rules:
 * a topic pattern with one `+` standing for the device id, and the payloads that mean online and offline.
 */

export interface PresenceRule {
  /** A topic pattern with exactly one `+`, the device id, and no `#`. For example `+/status`. */
  pattern: string;
  /** Payloads meaning online, compared without case. `1`, `true` and JSON forms are understood as well. */
  online: string[];
  /** Payloads meaning offline, compared without case. `0`, `false` and JSON forms are understood as well. */
  offline: string[];
}

export type PresenceState = 'online' | 'offline';

export const DEFAULT_PRESENCE_RULES: readonly PresenceRule[] = [{ pattern: '+/status', online: ['online'], offline: ['offline'] }];

/** The device id when `topic` is a status topic of this rule (same number of levels), else null. */
export function statusTopicDevice(rule: PresenceRule, topic: string): string | null {
  const patternLevels = rule.pattern.split('/');
  const topicLevels = topic.split('/');
  if (patternLevels.length !== topicLevels.length) return null;
  return deviceAt(patternLevels, topicLevels);
}

/**
 * The device id a topic would belong to under this rule: the topic starts with the levels before the `+`,
 * and its level at the `+` is the id (`moteur/température` belongs to `moteur` under `+/status`).
 */
export function candidateDevice(rule: PresenceRule, topic: string): string | null {
  const patternLevels = rule.pattern.split('/');
  const plus = patternLevels.indexOf('+');
  const topicLevels = topic.split('/', plus + 2);
  if (topicLevels.length <= plus) return null;
  return deviceAt(patternLevels.slice(0, plus + 1), topicLevels.slice(0, plus + 1));
}

/** The device a topic belongs to: under the first rule that names a device `known` says exists. */
export function owningDevice(rules: readonly PresenceRule[], topic: string, known: (id: string) => boolean): string | null {
  for (const rule of rules) {
    const id = candidateDevice(rule, topic);
    if (id !== null && known(id)) return id;
  }
  return null;
}

function deviceAt(patternLevels: string[], topicLevels: string[]): string | null {
  let device: string | null = null;
  for (let index = 0; index < patternLevels.length; index++) {
    const expected = patternLevels[index];
    const actual = topicLevels[index] as string;
    if (expected === '+') device = actual;
    else if (expected !== actual) return null;
  }
  return device === '' || (device?.startsWith('$') ?? false) ? null : device;
}

/** online, offline, or null when the payload is not one the rule knows (it must not flip the state). */
export function recognisePresence(rule: PresenceRule, payload: string): PresenceState | null {
  const text = normalisePayload(payload);
  if (rule.online.some((word) => normalisePayload(word) === text)) return 'online';
  if (rule.offline.some((word) => normalisePayload(word) === text)) return 'offline';
  if (text === '1' || text === 'true' || text === 'online') return 'online';
  if (text === '0' || text === 'false' || text === 'offline') return 'offline';
  if (text.startsWith('{')) return fromJson(rule, payload);
  return null;
}

function fromJson(rule: PresenceRule, payload: string): PresenceState | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  if (typeof record['online'] === 'boolean') return record['online'] ? 'online' : 'offline';
  for (const key of ['status', 'state']) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const recognised = recognisePresence(rule, String(value));
      if (recognised) return recognised;
    }
  }
  return null;
}

/** A payload or word as rules compare them. */
export function normalisePayload(word: string): string {
  return word.trim().toLowerCase();
}
