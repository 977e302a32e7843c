/**
 * A series as uPlot draws it: times in seconds, a break (the dashboard was not connected, or not running)
 * as an empty point between the two so the line stops there, and, where older points were thinned, their
 * low and high as two more series drawn as a band.
 */
import type uPlot from 'uplot';
import type { Series } from '../engine/engine-frame';
import { summarize } from '../state/history-figures';

export function chartData(series: Series, scale: number): uPlot.AlignedData {
  const { times, values, breaks, lows, highs } = series;
  const xs: number[] = [];
  const ys: Array<number | null> = [];
  const low: Array<number | null> = [];
  const high: Array<number | null> = [];
  const banded = lows !== undefined && highs !== undefined;
  let next = 0;
  for (let i = 0; i < times.length; i++) {
    while (breaks && next < breaks.length && (breaks[next] as number) < i) next++;
    if (breaks && breaks[next] === i && i > 0) {
      xs.push(((times[i - 1] as number) + (times[i] as number)) / 2000);
      ys.push(null);
      low.push(null);
      high.push(null);
    }
    xs.push((times[i] as number) / 1000);
    ys.push((values[i] as number) / scale);
    if (banded) {
      const lowest = lows[i] as number;
      const highest = highs[i] as number;
      low.push(Number.isNaN(lowest) ? null : lowest / scale);
      high.push(Number.isNaN(highest) ? null : highest / scale);
    }
  }
  return banded ? [xs, ys, low, high] : [xs, ys];
}

/** The points from `from` on (epoch ms), with their breaks and bands. */
export function seriesFrom(series: Series, from: number): Series {
  let first = 0;
  while (first < series.times.length && (series.times[first] as number) < from) first++;
  if (first === 0) return series;
  const breaks = series.breaks ? series.breaks.filter((index) => index > first).map((index) => index - first) : undefined;
  return {
    times: series.times.subarray(first),
    values: series.values.subarray(first),
    ...(breaks ? { breaks } : {}),
    ...(series.lows && series.highs ? { lows: series.lows.subarray(first), highs: series.highs.subarray(first) } : {}),
  };
}

/**
 * How many points lie between `from` and `to` (epoch ms; all without them), with their minimum, maximum
 * (a thinned point's low and high count) and average.
 */
export function viewFigures(series: Series, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): { count: number; min: number; max: number; average: number } | null {
  const inView: number[] = [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.times.length; i++) {
    const time = series.times[i] as number;
    if (time < from || time > to) continue;
    const value = series.values[i] as number;
    inView.push(value);
    const low = series.lows?.[i];
    const high = series.highs?.[i];
    min = Math.min(min, value, low === undefined || Number.isNaN(low) ? value : low);
    max = Math.max(max, value, high === undefined || Number.isNaN(high) ? value : high);
  }
  const figures = summarize(inView);
  return figures ? { count: inView.length, min, max, average: figures.average } : null;
}
