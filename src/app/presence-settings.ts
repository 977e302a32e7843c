/** Checks presence settings typed by the user: trimmed, each rule valid, no pattern twice. Pure. */
import { presenceRuleProblem } from '../mqtt/presence-rules';
import type { PresenceSettings } from '../storage/settings';

export function checkPresenceSettings(presence: PresenceSettings): { settings: PresenceSettings } | { problem: string } {
  const rules = presence.rules.map((rule) => ({
    pattern: rule.pattern.trim(),
    online: rule.online.map((word) => word.trim()).filter((word) => word !== ''),
    offline: rule.offline.map((word) => word.trim()).filter((word) => word !== ''),
  }));
  if (presence.enabled && rules.length === 0) return { problem: 'Add at least one presence rule, or turn device presence off.' };
  for (const rule of rules) {
    const problem = presenceRuleProblem(rule);
    if (problem) return { problem };
  }
  const patterns = rules.map((rule) => rule.pattern);
  const repeated = patterns.find((pattern, index) => patterns.indexOf(pattern) !== index);
  if (repeated) return { problem: `The presence pattern ${repeated} is given twice: keep one.` };
  return { settings: { enabled: presence.enabled, rules } };
}
