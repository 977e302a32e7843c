/**
 * 200 controls against 200 value tiles under the same steady load: the controls' state topics are the
 * tiles' topics, so the same messages update either 200 tiles or 200 control cards (whose reported values
 * the engine also judges against their commands). Lag (last message → on screen) and longest task.
 */
import type { Browser, Page } from '@playwright/test';
import type { Mosquitto } from '../support/mosquitto';
import { newControl } from '../../src/controls/control-definition';
import { Publisher, benchContext, dashboardCaughtUp, openDashboard, resetResponsiveness, responsiveness } from './ingest';

export interface ControlsFigures {
  tilesLagMs: number;
  controlsLagMs: number;
  tilesLongestTaskMs: number;
  controlsLongestTaskMs: number;
}

/** The dashboard has caught up when its counters read `messages` and every control card in view reports its topic's last value. */
function controlsCaughtUp(messages: number, topics: number): string {
  const counters = `${messages.toLocaleString('en-US')} messages · ${topics.toLocaleString('en-US')} topics`;
  return `(() => {
    const shell = document.querySelector('mqtt-dashboard')?.shadowRoot;
    if (!shell) return false;
    if (!(shell.querySelector('traffic-counters')?.shadowRoot?.textContent ?? '').includes(${JSON.stringify(counters)})) return false;
    const cards = Array.from(shell.querySelector('value-grid')?.shadowRoot?.querySelectorAll('control-card') ?? []);
    const inView = cards.filter((card) => card.getBoundingClientRect().top < innerHeight);
    if (inView.length === 0) return false;
    return inView.every((card) => {
      const k = Number(card.control.stateTopic.slice('bench/t'.length));
      const last = k + ${topics} * Math.floor((${messages} - 1 - k) / ${topics});
      return card.shadowRoot?.querySelector('.reported strong')?.textContent?.trim() === String(last);
    });
  })()`;
}

/**
 * Watches for the expression to hold, checked after every change of the page's DOM (a MutationObserver
 * on the grid and its elements' shadow roots, plus every frame): the time the last values are in the
 * page, to the millisecond, not to the frame. Both pages are timed the same way.
 */
async function watch(page: Page, expression: string): Promise<void> {
  await page.evaluate(`(() => {
    window.__heldAt = null;
    const check = () => { if (window.__heldAt === null && (${expression})) window.__heldAt = performance.timeOrigin + performance.now(); };
    const observer = new MutationObserver(check);
    const grid = document.querySelector('mqtt-dashboard').shadowRoot.querySelector('value-grid').shadowRoot;
    const options = { subtree: true, childList: true, characterData: true };
    observer.observe(grid, options);
    for (const element of grid.querySelectorAll('control-card, value-tile')) if (element.shadowRoot) observer.observe(element.shadowRoot, options);
    const frame = () => { check(); if (window.__heldAt === null) { for (const element of grid.querySelectorAll('control-card, value-tile')) if (element.shadowRoot) observer.observe(element.shadowRoot, options); requestAnimationFrame(frame); } };
    requestAnimationFrame(frame);
  })()`);
}

async function run(browser: Browser, appUrl: string, broker: Mosquitto, publisher: Publisher, rate: number, seconds: number, topics: number, withControls: boolean) {
  const messages = Math.round(rate * seconds);
  const context = await benchContext(browser);
  try {
    const page = await openDashboard(context, appUrl, broker.wsUrl);
    if (withControls) {
      const controls = Array.from({ length: topics }, (_, k) =>
        newControl({ kind: 'setpoint', name: `Consigne ${k}`, commandTopic: `bench/cmd/${k}`, stateTopic: `bench/t${k}`, min: 0, max: 1_000_000, step: 1 }, `bench-${k}`),
      );
      await page.evaluate(`(async (controls) => {
        const service = document.querySelector('mqtt-dashboard').service;
        const preferences = await service.preferences();
        for (const control of controls) preferences.saveControl(control);
      })(${JSON.stringify(controls)})`);
      await page.waitForFunction(`document.querySelector('mqtt-dashboard').shadowRoot.querySelector('value-grid').shadowRoot.querySelectorAll('control-card').length === ${topics}`);
    }
    await resetResponsiveness(page);
    publisher.reset();
    await watch(page, withControls ? controlsCaughtUp(messages, topics) : dashboardCaughtUp(messages, topics));
    const lastSentAt = await publisher.steady(rate, seconds);
    const heldAt = Number(await (await page.waitForFunction('window.__heldAt', undefined, { timeout: 120_000 })).jsonValue());
    return { lagMs: Math.max(0, heldAt - lastSentAt), longestTaskMs: (await responsiveness(page)).longestTaskMs };
  } finally {
    await context.close();
  }
}

export async function benchControls(browser: Browser, appUrl: string, broker: Mosquitto, rate: number, seconds: number, topics: number, controlsFirst: boolean): Promise<ControlsFigures> {
  const publisher = await Publisher.start(broker.tcpUrl, topics);
  try {
    const first = await run(browser, appUrl, broker, publisher, rate, seconds, topics, controlsFirst);
    const second = await run(browser, appUrl, broker, publisher, rate, seconds, topics, !controlsFirst);
    const [controls, tiles] = controlsFirst ? [first, second] : [second, first];
    return { tilesLagMs: tiles.lagMs, controlsLagMs: controls.lagMs, tilesLongestTaskMs: tiles.longestTaskMs, controlsLongestTaskMs: controls.longestTaskMs };
  } finally {
    await publisher.stop();
  }
}
