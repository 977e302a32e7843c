/**
 * An entity's availability as Home Assistant judges it: `availability_topic` (with `payload_available`
 * "online", `payload_not_available` "offline" and `availability_template`) or an `availability` list of
 * such topics, and `availability_mode`: `latest` (the last message on any of them decides), `all` (every
 * topic says available) or `any`. Configured, an entity starts unavailable; without it, it is available.
 */
import { compileTemplate, payloadVariables, renderTemplate, type CompiledTemplate } from './template-eval';

export type AvailabilityMode = 'latest' | 'all' | 'any';

export interface AvailabilitySource {
  topic: string;
  available: string;
  notAvailable: string;
  template: CompiledTemplate | null;
}

export interface Availability {
  sources: AvailabilitySource[];
  mode: AvailabilityMode;
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback);

/** The availability a config (expanded, `~` substituted) sets, or null when it sets none. */
export function readAvailability(config: Record<string, unknown>): Availability | null {
  const sources: AvailabilitySource[] = [];
  const source = (topic: unknown, item: Record<string, unknown>) => {
    if (typeof topic !== 'string' || topic === '' || sources.length >= 10) return;
    const template = item['value_template'] ?? item['availability_template'];
    sources.push({
      topic,
      available: text(item['payload_available'] ?? config['payload_available'], 'online'),
      notAvailable: text(item['payload_not_available'] ?? config['payload_not_available'], 'offline'),
      template: typeof template === 'string' ? compileTemplate(template) : null,
    });
  };
  source(config['availability_topic'], config);
  const list = config['availability'];
  if (Array.isArray(list)) {
    for (const item of list) if (typeof item === 'object' && item !== null && !Array.isArray(item)) source((item as Record<string, unknown>)['topic'], item as Record<string, unknown>);
  }
  if (sources.length === 0) return null;
  const mode = config['availability_mode'];
  return { sources, mode: mode === 'all' || mode === 'any' ? mode : 'latest' };
}

/** What one message on an availability topic says: true, false, or null (neither payload: no change). */
export function readAvailabilityMessage(source: AvailabilitySource, payload: string): boolean | null {
  let said = payload;
  if (source.template && 'statements' in source.template) {
    const rendered = renderTemplate(source.template, payloadVariables(payload));
    if (!('text' in rendered)) return null;
    said = rendered.text;
  }
  return said === source.available ? true : said === source.notAvailable ? false : null;
}

/**
 * Available or not, from what each topic said last (by topic, true/false) and which topic spoke last.
 * Nothing heard yet: unavailable.
 */
export function judgeAvailability(availability: Availability, said: ReadonlyMap<string, boolean>, lastTopic: string | null): boolean {
  const states = availability.sources.map((source) => said.get(source.topic));
  if (availability.mode === 'all') return states.every((state) => state === true);
  if (availability.mode === 'any') return states.some((state) => state === true);
  return lastTopic !== null && said.get(lastTopic) === true;
}
