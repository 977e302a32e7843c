import { chromium } from '@playwright/test';
import { serveBuiltApp } from '../support/app-server';
import { chromiumLaunchOptions } from '../support/chromium';
import { startMosquitto } from '../support/mosquitto';
import { Publisher, benchContext, openDashboard } from './ingest';
import { newControl } from '../../src/controls/control-definition';
const app = await serveBuiltApp();
const browser = await chromium.launch(chromiumLaunchOptions);
for (const mode of ['tiles', 'controls', 'tiles', 'controls']) {
  const broker = await startMosquitto({ maxQueuedMessages: 0, maxInflightMessages: 100 });
  const publisher = await Publisher.start(broker.tcpUrl, 200);
  const context = await benchContext(browser);
  const page = await openDashboard(context, app.url, broker.wsUrl);
  if (mode === 'controls') {
    const controls = Array.from({ length: 200 }, (_, k) => newControl({ kind: 'setpoint', name: `Consigne ${k}`, commandTopic: `bench/cmd/${k}`, stateTopic: `bench/t${k}`, min: 0, max: 1_000_000, step: 1 }, `bench-${k}`));
    await page.evaluate(`(async (controls) => { const p = await document.querySelector('mqtt-dashboard').service.preferences(); for (const c of controls) p.saveControl(c); })(${JSON.stringify(controls)})`);
  }
  await page.evaluate(`(() => {
    const s = document.querySelector('mqtt-dashboard').service;
    const apply = s.apply.bind(s);
    window.__spans = [];
    s.apply = (frame) => { const t = performance.now(); apply(frame); setTimeout(() => window.__spans.push(performance.now() - t), 0); };
  })()`);
  await publisher.steady(1500, 8);
  await new Promise((r) => setTimeout(r, 500));
  const spans = (await page.evaluate('window.__spans')) as number[];
  spans.sort((a, b) => a - b);
  const q = (p: number) => spans[Math.floor(spans.length * p)]?.toFixed(1);
  console.log(mode, 'frames', spans.length, 'p50', q(0.5), 'p90', q(0.9), 'max', q(0.999));
  await context.close(); await publisher.stop(); await broker.stop();
}
await browser.close(); await app.close();
