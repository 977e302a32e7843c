/**
 * The first tap after a flood (issue 33): a hostile broker sends 100,000 PUBLISH packets in one WebSocket
 * frame, over one topic or over 50,000 or 100,000 topics; once the dashboard has counted them all, the user
 * taps the Connection panel's header. Measured: that tap's input-to-paint (Event Timing), against the same
 * tap on the same page before the flood.
 */
import type { Browser, Page } from '@playwright/test';
import mqttPacket from 'mqtt-packet';
import { startScriptedBroker } from '../support/scripted-broker';
import { benchContext, openDashboard, resetResponsiveness, responsiveness } from './ingest';

export interface FloodTapFigures {
  quietTapMs: number;
  floodTapMs: number;
}

/** `messages` QoS 0 PUBLISH packets over `topics` topics, in one buffer. */
function flood(messages: number, topics: number): Uint8Array {
  const packets: Buffer[] = [];
  for (let k = 0; k < messages; k++) {
    packets.push(mqttPacket.generate({ cmd: 'publish', topic: `flood/${k % topics}`, payload: String(k), qos: 0, retain: false, dup: false }, { protocolVersion: 5 }));
  }
  return Buffer.concat(packets);
}

/** A tap on the Connection panel's header (it unfolds or folds the panel), and its input-to-paint. */
async function tap(page: Page): Promise<number> {
  await resetResponsiveness(page);
  await page.locator('connection-panel summary').click();
  // The interaction's entry is written once the frame after it is painted, and only if it took 16 ms or
  // more: two frames, then up to half a second for the entry.
  await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const started = performance.now();
    const check = () => (window.__events.some(([name]) => name === 'click') || performance.now() - started > 500 ? resolve() : setTimeout(check, 20));
    check();
  })))`);
  return (await responsiveness(page)).longestEventMs;
}

export async function benchFloodTap(browser: Browser, appUrl: string, messages: number, topics: number): Promise<FloodTapFigures> {
  const broker = await startScriptedBroker(() => 0);
  const context = await benchContext(browser);
  try {
    const page = await openDashboard(context, appUrl, broker.wsUrl, 'flood/#', '&qos=0');
    const quietTapMs = await tap(page);
    await tap(page); // folded again, as before
    broker.sendRaw(flood(messages, topics));
    await page.waitForFunction(`document.querySelector('mqtt-dashboard').service.topics.messageCount >= ${messages}`, undefined, { timeout: 300_000 });
    const floodTapMs = await tap(page);
    return { quietTapMs, floodTapMs };
  } finally {
    await context.close();
    await broker.close();
  }
}
