/** A small line of a topic's recent values, drawn as SVG from numbers only (no broker text). */
import { svg } from 'lit';
import { msg } from '../i18n/words';

const WIDTH = 120;
const HEIGHT = 28;

export function sparkline(values: readonly number[]) {
  if (values.length < 2) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  // Halved, so that a span from -1e308 to 1e308 is still a finite number.
  const span = max / 2 - min / 2 || 1;
  const step = WIDTH / (values.length - 1);
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(HEIGHT - 2 - ((value / 2 - min / 2) / span) * (HEIGHT - 4)).toFixed(1)}`).join(' ');
  return svg`<svg class="sparkline" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label=${msg('Recent trend')}>
    <polyline points=${points} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />
  </svg>`;
}
