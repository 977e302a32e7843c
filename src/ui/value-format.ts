/**
 * How a number is written everywhere a topic's values appear (tile, chart figures, message list): with
 * the tile's decimals and unit when the user chose them, else with the precision the topic's values have.
 */
import { html } from 'lit';
import type { DecodedPayload } from '../mqtt/payload';
import { TOPIC_RUN, breakable, visibleTopic } from './safe-text';
import type { TileFormat } from '../storage/settings';
import { formatDecimal } from './format';
import { language } from '../i18n/words';

export interface NumberStyle {
  decimals: number;
  /** Written after the number, or undefined for none. */
  unit: string | undefined;
}

/** The decimals and unit a topic's numbers are shown with. */
export function numberStyle(payload: DecodedPayload, precision: number, format: TileFormat | undefined): NumberStyle {
  const decimals = format?.decimals ?? precision;
  const unit = format && format.unit !== '' ? format.unit : payload.kind === 'measure' ? payload.unit : undefined;
  return { decimals, unit };
}

/** "68.0" / "68,0", with the given decimals, grouped as the screen's language writes numbers (tabular digits come from CSS). */
export function formatNumber(value: number, decimals: number): string {
  // Beyond 15 digits a float's digits are noise: 1.79769e+308, not 309 of them.
  if (Math.abs(value) >= 1e15) {
    const text = value.toPrecision(6).replace(/\.?0+e/, 'e');
    return language() === 'fr' ? text.replace('.', ',') : text;
  }
  return formatDecimal(value, decimals);
}

/** A topic cut after each `/`, so that it can be shown wrapping between levels, not mid-word. */
export function topicLevels(topic: string): string[] {
  return topic.split(/(?<=\/)/);
}

/** A topic as a template with a break opportunity after each `/`. */
export function topicWithBreaks(topic: string) {
  return topicLevels(visibleTopic(topic)).map((level, index) => (index === 0 ? breakable(level, TOPIC_RUN) : html`<wbr />${breakable(level, TOPIC_RUN)}`));
}
