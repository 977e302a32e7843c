/**
 * Sparkplug B ingest: an edge node's NBIRTH declaring `topics` metrics, then `messages` NDATA by alias at
 * QoS 1, as fast as the broker takes them. The dashboard decodes each (protobuf), checks its seq, finds
 * the metric by its alias and shows it by name; the bare mqtt.js page only receives the bytes. Timed until
 * every metric holds its last value (in the dashboard's page, the mirror's values; in the bare page, the
 * message count).
 */
import type { Browser } from '@playwright/test';
import type { Mosquitto } from '../support/mosquitto';
import { Publisher, benchContext, openBaseline, openDashboard, resetResponsiveness, responsiveness, timeUntil } from './ingest';

export interface SparkplugFigures {
  dashboardMs: number;
  baselineMs: number;
  longestTaskMs: number;
}

const FILTER = 'spBv1.0/#';

/** Every metric `m<k>` of the node shows its last value: the page expression. */
function metricsCaughtUp(messages: number, topics: number): string {
  return `(() => {
    const topics = document.querySelector('mqtt-dashboard')?.service?.topics;
    if (!topics) return false;
    for (let k = 0; k < ${topics}; k++) {
      const last = ${messages} - 1 - ((${messages} - 1 - k) % ${topics});
      if (k >= ${messages}) continue;
      if (topics.get('spBv1.0/Bench/N/m' + k)?.payload.value !== last) return false;
    }
    return true;
  })()`;
}

/** The two pages take turns going first (`baselineFirst`), so neither gets the warmer broker every time. */
export async function benchSparkplug(
  browser: Browser,
  appUrl: string,
  baselineUrl: string,
  broker: Mosquitto,
  messages: number,
  topics: number,
  baselineFirst: boolean,
): Promise<SparkplugFigures> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  const dashboardRun = async () => {
    const context = await benchContext(browser);
    try {
      const page = await openDashboard(context, appUrl, broker.wsUrl, FILTER);
      await resetResponsiveness(page);
      const start = performance.now();
      const published = publisher.sparkplug(messages);
      const dashboardMs = await timeUntil(page, metricsCaughtUp(messages, topics), start);
      await published;
      return { dashboardMs, longestTaskMs: (await responsiveness(page)).longestTaskMs };
    } finally {
      await context.close();
    }
  };
  const baselineRun = async () => {
    const context = await benchContext(browser);
    try {
      const page = await openBaseline(context, baselineUrl, broker.wsUrl, FILTER);
      const start = performance.now();
      const published = publisher.sparkplug(messages);
      const baselineMs = await timeUntil(page, `window.messageCount >= ${messages + 1}`, start);
      await published;
      return baselineMs;
    } finally {
      await context.close();
    }
  };
  try {
    await publisher.sparkplug(messages); // warm-up, with no subscriber
    const baselineBefore = baselineFirst ? await baselineRun() : null;
    const dashboard = await dashboardRun();
    const baselineMs = baselineBefore ?? (await baselineRun());
    return { ...dashboard, baselineMs };
  } finally {
    await publisher.stop();
  }
}
