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

export async function benchSparkplug(browser: Browser, appUrl: string, baselineUrl: string, broker: Mosquitto, messages: number, topics: number): Promise<SparkplugFigures> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  try {
    await publisher.sparkplug(messages); // warm-up, with no subscriber
    const dashboardContext = await benchContext(browser);
    let dashboardMs: number;
    let longestTaskMs: number;
    try {
      const page = await openDashboard(dashboardContext, appUrl, broker.wsUrl, FILTER);
      await resetResponsiveness(page);
      const start = performance.now();
      const published = publisher.sparkplug(messages);
      dashboardMs = await timeUntil(page, metricsCaughtUp(messages, topics), start);
      await published;
      longestTaskMs = (await responsiveness(page)).longestTaskMs;
    } finally {
      await dashboardContext.close();
    }
    const baselineContext = await benchContext(browser);
    try {
      const page = await openBaseline(baselineContext, baselineUrl, broker.wsUrl, FILTER);
      const start = performance.now();
      const published = publisher.sparkplug(messages);
      const baselineMs = await timeUntil(page, `window.messageCount >= ${messages + 1}`, start);
      await published;
      return { dashboardMs, baselineMs, longestTaskMs };
    } finally {
      await baselineContext.close();
    }
  } finally {
    await publisher.stop();
  }
}
