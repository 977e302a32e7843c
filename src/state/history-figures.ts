/** Figures and files made from a topic's numeric history, for its chart: loaded with the chart. Pure. */

/** Minimum, maximum and average of the values, or null when there are none. */
export function summarize(values: ArrayLike<number>): { min: number; max: number; average: number } | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let average = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < min) min = value;
    if (value > max) max = value;
    average += value / values.length; // a running sum of values near 1e308 would overflow
  }
  return { min, max, average };
}

/** The history as CSV: an ISO time and the value per line, under a header. */
export function historyCsv(topic: string, times: ArrayLike<number>, values: ArrayLike<number>): string {
  const lines = [`time,${csvField(topic)}`];
  for (let i = 0; i < times.length; i++) lines.push(`${new Date(times[i] as number).toISOString()},${values[i] as number}`);
  return `${lines.join('\n')}\n`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
