/**
 * Checks presence settings typed by the user: trimmed, each rule valid, no pattern twice. Pure; loaded with
 * the presence panel, not with the first screen.
 */
import { normalisePayload, type PresenceRule } from '../mqtt/presence-rules';
import { topicFilterProblem } from '../mqtt/topic-filter';
import type { PresenceSettings } from '../storage/settings';
import { msg } from '../i18n/words';

export function checkPresenceSettings(presence: PresenceSettings): { settings: PresenceSettings } | { problem: string } {
  const rules = presence.rules.map((rule) => ({
    pattern: rule.pattern.trim(),
    online: rule.online.map((word) => word.trim()).filter((word) => word !== ''),
    offline: rule.offline.map((word) => word.trim()).filter((word) => word !== ''),
  }));
  if (presence.enabled && rules.length === 0) return { problem: msg('Add at least one presence rule, or turn device presence off.') };
  for (const rule of rules) {
    const problem = presenceRuleProblem(rule);
    if (problem) return { problem };
  }
  const patterns = rules.map((rule) => rule.pattern);
  const repeated = patterns.find((pattern, index) => patterns.indexOf(pattern) !== index);
  if (repeated) return { problem: msg('The presence pattern {0} is given twice: keep one.', repeated) };
  return { settings: { enabled: presence.enabled, rules } };
}

/** What is wrong with a rule, in words, or null when it can be used. */
export function presenceRuleProblem(rule: PresenceRule): string | null {
  const pattern = rule.pattern.trim();
  if (pattern === '') return msg('A presence pattern is empty: write one like +/status, with + where the device id is.');
  // Hints here show presence patterns (one +, no #), never a subscription filter's examples.
  const levels = pattern.split('/');
  if (topicFilterProblem(pattern)) {
    return msg('Presence pattern {0} is not a valid topic pattern: write whole levels separated by /, with exactly one + for the device id and no #, for example +/status or usine/+/état.', pattern);
  }
  if (levels.includes('#')) return msg('Presence pattern {0} contains #: use exactly one + for the device id, and no #.', pattern);
  const pluses = levels.filter((level) => level === '+').length;
  if (pluses !== 1) return msg('Presence pattern {0} has {1} + levels: use exactly one, where the device id is.', pattern, pluses);
  const words = [...rule.online, ...rule.offline].map(normalisePayload);
  if (rule.online.length === 0 || rule.offline.length === 0 || words.includes('')) {
    return msg('Presence pattern {0}: give at least one online payload and one offline payload.', pattern);
  }
  if (rule.online.some((word) => rule.offline.map(normalisePayload).includes(normalisePayload(word)))) {
    return msg('Presence pattern {0}: the same payload cannot mean both online and offline.', pattern);
  }
  return null;
}
