/**
 * Topic names and topic filters, as the MQTT 3.1.1 / 5.0 specifications define them
 * (sections 4.7 of both). Pure functions: no mqtt.js, no DOM.
 */
import type { Problem, TopicRole } from '../shared/problems';

/** Longest UTF-8 encoded topic name or filter a packet can carry. */
export const MAX_TOPIC_BYTES = 65_535;

const utf8 = new TextEncoder();

function commonProblem(text: string, role: TopicRole): Problem | null {
  if (text.length === 0) return { kind: 'bad-topic', role, fault: 'empty' };
  if (text.includes('\u0000')) return { kind: 'bad-topic', role, fault: 'null-character' };
  if (utf8.encode(text).length > MAX_TOPIC_BYTES) return { kind: 'bad-topic', role, fault: 'too-long' };
  return null;
}

/**
 * Checks a topic filter (what a SUBSCRIBE carries). Returns what is wrong, or null when valid.
 * `#` must be the whole last level; `+` must be a whole level.
 */
export function topicFilterProblem(filter: string): Problem | null {
  const common = commonProblem(filter, 'filter');
  if (common) return common;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return { kind: 'bad-topic', role: 'filter', fault: 'hash-not-last' };
    if (level.includes('+') && level !== '+') return { kind: 'bad-topic', role: 'filter', fault: 'plus-not-whole-level' };
  }
  return null;
}

/** Checks a topic name (what a PUBLISH carries). Returns what is wrong, or null when valid. */
export function topicNameProblem(topic: string): Problem | null {
  const common = commonProblem(topic, 'topic');
  if (common) return common;
  if (topic.includes('+') || topic.includes('#')) return { kind: 'bad-topic', role: 'topic', fault: 'wildcard' };
  return null;
}

/**
 * Whether `topic` matches `filter`. Filters starting with a wildcard do not match topics starting
 * with `$` (MQTT 4.7.2). Assumes both are valid.
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  let f = 0;
  let t = 0;
  // Walk both strings level by level without allocating arrays: this runs per message per filter.
  for (;;) {
    const fEnd = indexOrEnd(filter, f);
    const fLevel = filter.slice(f, fEnd);
    if (fLevel === '#') return true;
    if (t > topic.length) return false;
    const tEnd = indexOrEnd(topic, t);
    if (fLevel !== '+' && fLevel !== topic.slice(t, tEnd)) return false;
    const filterDone = fEnd >= filter.length;
    const topicDone = tEnd >= topic.length;
    if (filterDone && topicDone) return true;
    if (filterDone) return false;
    if (topicDone) {
      // "sport/#" also matches "sport": only a trailing "/#" may remain.
      return filter.slice(fEnd + 1) === '#';
    }
    f = fEnd + 1;
    t = tEnd + 1;
  }
}

function indexOrEnd(text: string, from: number): number {
  const i = text.indexOf('/', from);
  return i === -1 ? text.length : i;
}
