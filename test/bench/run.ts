/**
 * `npm run bench`: real Mosquitto, the production build in headless Chromium, and a bare mqtt.js baseline
 * measured in the same run. Prints medians of several runs and the ratios the targets are set on.
 * `--smoke`: one small run, no targets (part of npm test, so the benchmark cannot rot).
 */
import { chromium, type Browser } from '@playwright/test';
import { serveBuiltApp } from '../support/app-server';
import { chromiumLaunchOptions } from '../support/chromium';
import { startMosquitto } from '../support/mosquitto';
import { benchOutbox, type OutboxFigures } from './outbox';

const smoke = process.argv.includes('--smoke');
const runs = smoke ? 1 : Number(process.env['BENCH_RUNS'] ?? 5);
const commands = smoke ? 300 : Number(process.env['BENCH_COMMANDS'] ?? 10_000);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

type Row = [string, string, string, string, string];

/** Runs the outbox scenario against one broker configuration; returns table rows. */
async function outboxRows(label: string, receiveMaximum: number | undefined, appUrl: string, browser: Browser): Promise<Row[]> {
  const broker = await startMosquitto(receiveMaximum === undefined ? {} : { maxInflightMessages: receiveMaximum });
  try {
    const results: OutboxFigures[] = [];
    for (let run = 1; run <= runs; run++) {
      const figures = await benchOutbox(browser, appUrl, broker, commands);
      results.push(figures);
      console.log(
        `  ${label}, run ${run}: enqueue p50 ${ms(figures.enqueueP50Ms)}, p95 ${ms(figures.enqueueP95Ms)}; flush ${ms(figures.flushMs)} vs bare mqtt.js ${ms(figures.baselineMs)}`,
      );
    }
    const flush = median(results.map((r) => r.flushMs));
    const base = median(results.map((r) => r.baselineMs));
    const p95 = median(results.map((r) => r.enqueueP95Ms));
    const target = (text: string, met: boolean) => (smoke ? '' : `${text}: ${met ? 'met' : 'NOT met'}`);
    return [
      [`outbox enqueue p50 (${label})`, ms(median(results.map((r) => r.enqueueP50Ms))), '', '', ''],
      [`outbox enqueue p95 (${label})`, ms(p95), '', '', target('≤ 5 ms', p95 <= 5)],
      [`outbox flush of ${commands} QoS 1 (${label})`, ms(flush), ms(base), (flush / base).toFixed(2), target('≤ 1.5', flush / base <= 1.5)],
    ];
  } finally {
    await broker.stop();
  }
}

async function main(): Promise<void> {
  const app = await serveBuiltApp();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const rows = [
      ...(await outboxRows('Mosquitto defaults, Receive Maximum 20', undefined, app.url, browser)),
      ...(smoke ? [] : await outboxRows('Receive Maximum 1000', 1000, app.url, browser)),
    ];
    console.log(`\n${smoke ? 'Smoke run (no targets)' : `Medians of ${runs} runs`}, Mosquitto over WebSocket on 127.0.0.1:\n`);
    console.log('| scenario | dashboard | bare mqtt.js | ratio | target |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
