/**
 * The chaos soak: commands typed in the real app (QoS 0, 1 and 2 mixed, some retained) while seeded
 * random faults strike — reload, tab closed and reopened, two tabs on one client id, the link cut by a TCP
 * proxy, the broker restarted or frozen, Chromium's processes killed (SIGKILL) and relaunched on the same
 * profile. An independent subscriber then says what arrived: nothing lost (QoS 1 and 2), QoS 2 never twice,
 * QoS 1 twice only where a fault struck between its PUBLISH and its PUBACK, the order kept, and the outbox
 * agrees (every command delivered, none stuck). The same seed replays the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startDevBroker, type DevBroker } from '../../dev/broker';
import { chromiumLaunchOptions } from '../support/chromium';
import { seededRandom } from '../support/seeded-random';
import { startMosquitto, type Mosquitto } from '../support/mosquitto';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startWitness, type Witness } from '../support/witness';

export const FAULT_KINDS = ['reload', 'tab-reopened', 'two-tabs', 'link-cut', 'broker-restart', 'broker-frozen', 'browser-killed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface SoakOptions {
  seed: number;
  faults: number;
  /** Commands typed in all (at least one between faults). */
  commands: number;
  broker: 'mosquitto' | 'aedes';
  appUrl: string;
  log(line: string): void;
}

export interface SoakTally {
  seed: number;
  broker: string;
  commands: { total: number; byQos: [number, number, number]; retained: number };
  faults: Record<FaultKind, number>;
  lost: string[];
  /** QoS 0 commands that did not arrive, each with a fault right after it: at most once is QoS 0's promise. */
  qos0LostToAFault: string[];
  qos0Lost: string[];
  qos2Doubled: string[];
  /** QoS 1 commands delivered twice with a fault between their Queued and their first delivery. */
  qos1DoubledByAFault: string[];
  qos1DoubledWithoutFault: string[];
  outOfOrder: string[];
  outboxNotDelivered: string[];
  durationMs: number;
}

interface Typed {
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  queuedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Soak: timed out waiting for ${what}.`);
    await sleep(50);
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakTally> {
  const started = Date.now();
  const next = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const between = (low: number, high: number) => Math.round(low + next() * (high - low));
  const kinds: readonly FaultKind[] =
    options.broker === 'mosquitto' ? FAULT_KINDS : FAULT_KINDS.filter((kind) => kind !== 'broker-restart' && kind !== 'broker-frozen');

  let mosquitto: Mosquitto | null = null;
  let aedes: DevBroker | null = null;
  if (options.broker === 'mosquitto') mosquitto = await startMosquitto();
  else aedes = await startDevBroker({ wsPort: 0, tcpPort: 0 });
  const broker = (mosquitto ?? aedes) as Mosquitto | DevBroker;
  const proxy: TcpProxy = await startTcpProxy(broker.wsPort);
  const witness: Witness = await startWitness(broker.tcpUrl, 'soak/#', options.broker === 'mosquitto' ? 5 : 4);
  const profile = mkdtempSync(join(tmpdir(), 'soak-profile-'));
  const version = options.broker === 'mosquitto' ? '5' : '4';
  const link = `${options.appUrl}?broker=${encodeURIComponent(`ws://127.0.0.1:${proxy.port}`)}&clientId=soak-tablet&clean=0&expiry=3600&v=${version}&will=0&presence=0`;
  const launch = () => chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions });
  let context: BrowserContext = await launch();
  const pages: Page[] = [];
  const open = async (): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(link);
    await page.locator('command-composer').getByLabel('Topic', { exact: true }).waitFor();
    pages.push(page);
    return page;
  };
  const tally: SoakTally = {
    seed: options.seed,
    broker: options.broker,
    commands: { total: 0, byQos: [0, 0, 0], retained: 0 },
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
    lost: [],
    qos0LostToAFault: [],
    qos0Lost: [],
    qos2Doubled: [],
    qos1DoubledByAFault: [],
    qos1DoubledWithoutFault: [],
    outOfOrder: [],
    outboxNotDelivered: [],
    durationMs: 0,
  };
  const typed: Typed[] = [];
  /** Each fault's window, from its first blow to its end (a tab closed, the link back, the broker thawed). */
  const faultTimes: Array<[number, number]> = [];

  const type = async (page: Page): Promise<void> => {
    const index = typed.length + 1;
    const qos = pick([0, 1, 1, 2, 2] as const);
    const retain = next() < 0.1;
    const payload = `c${index}`;
    const composer = page.locator('command-composer');
    await composer.getByLabel('Topic', { exact: true }).fill('soak/commande');
    await composer.getByLabel('Payload', { exact: true }).fill(payload);
    await composer.locator('select[name=qos]').selectOption(String(qos));
    const retainBox = composer.getByLabel('Retain');
    if ((await retainBox.isChecked()) !== retain) await retainBox.setChecked(retain);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await composer.getByText(`Queued in the outbox: soak/commande → ${payload}`).waitFor({ timeout: 20_000 });
    typed.push({ payload, qos, retain, queuedAt: Date.now() });
    tally.commands.total++;
    tally.commands.byQos[qos]++;
    if (retain) tally.commands.retained++;
  };

  const strike = async (kind: FaultKind): Promise<void> => {
    const window: [number, number] = [Date.now(), Number.POSITIVE_INFINITY];
    faultTimes.push(window);
    tally.faults[kind]++;
    let page = pages[pages.length - 1] as Page;
    switch (kind) {
      case 'reload':
        await page.reload();
        await page.locator('command-composer').getByLabel('Topic', { exact: true }).waitFor();
        break;
      case 'tab-reopened':
        await page.close();
        pages.pop();
        await open();
        break;
      case 'two-tabs': {
        const second = await open();
        await type(pick([page, second]));
        const closing = pick([page, second]);
        await closing.close();
        pages.splice(pages.indexOf(closing), 1);
        break;
      }
      case 'link-cut':
        proxy.cut();
        if (next() < 0.5) await type(page); // typed while the link is down
        await sleep(between(200, 2000));
        proxy.restore();
        break;
      case 'broker-restart':
        await mosquitto?.kill();
        await sleep(between(0, 1000));
        await mosquitto?.restart();
        break;
      case 'broker-frozen':
        mosquitto?.freeze();
        if (next() < 0.5) await type(page);
        await sleep(between(500, 3000));
        mosquitto?.thaw();
        break;
      case 'browser-killed':
        killChromium(profile);
        await context.close().catch(() => undefined);
        pages.length = 0;
        context = await launch();
        page = await open();
        break;
    }
    window[1] = Date.now();
    options.log(`fault ${faultTimes.length}: ${kind} after ${typed.length} commands`);
  };

  // Every kind strikes at least once (in a seeded order), then the seed picks.
  const firstKinds = [...kinds].sort(() => next() - 0.5);
  const kindOf = (fault: number) => firstKinds[fault] ?? pick(kinds);

  try {
    await open();
    // Faults fall between commands, as evenly as the seed chooses: right after a command is queued, so
    // that it is often still on its way.
    const faultAfter = new Set<number>();
    while (faultAfter.size < Math.min(options.faults, options.commands)) faultAfter.add(between(1, options.commands));
    for (let index = 1; index <= options.commands; index++) {
      if (typed.length < options.commands) await type(pages[pages.length - 1] as Page);
      if (faultAfter.has(index)) await strike(kindOf(faultTimes.length));
    }
    for (let extra = faultAfter.size; extra < options.faults; extra++) await strike(kindOf(faultTimes.length)); // more faults than commands

    const page = pages[pages.length - 1] as Page;
    const mustArrive = typed.filter((command) => command.qos > 0).map((command) => command.payload);
    const arrived = () => new Set(witness.deliveries.map((delivery) => delivery.payload));
    await until('every QoS 1 and 2 command at the witness', () => mustArrive.every((payload) => arrived().has(payload)), 120_000).catch(() => undefined);
    await until('the outbox to empty', async () => (await page.getByRole('status', { name: 'Pending commands' }).textContent())?.trim() === '0 pending', 60_000).catch(
      () => undefined,
    );
    await sleep(1000); // a straggling duplicate would show now
    judge(tally, typed, witness, faultTimes, await outboxStates(page));
  } finally {
    tally.durationMs = Date.now() - started;
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    await witness.close().catch(() => undefined);
    await proxy.close();
    await mosquitto?.stop();
    await aedes?.close();
  }
  return tally;
}

/** SIGKILL to every Chromium process of the profile: no unload, no goodbye, as a dying tablet. */
function killChromium(profile: string): void {
  try {
    execFileSync('pkill', ['-KILL', '-f', '--', profile]); // the profile's path is on every process's command line
  } catch {
    throw new Error(`Soak: no Chromium process of ${profile} was found to kill.`);
  }
}

/** The soak commands' states as the outbox stored them (read from IndexedDB in the page). */
function outboxStates(page: Page): Promise<Array<{ payload: string; state: string }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open('mqtt-dashboard');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const request = opening.result.transaction('outbox').objectStore('outbox').getAll();
          request.onsuccess = () => resolve((request.result as Array<{ payload: string; state: string }>).map(({ payload, state }) => ({ payload, state })));
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

function judge(tally: SoakTally, typed: Typed[], witness: Witness, faultTimes: Array<[number, number]>, stored: Array<{ payload: string; state: string }>): void {
  const deliveries = witness.deliveries.filter((delivery) => /^c\d+$/.test(delivery.payload));
  const byPayload = new Map<string, number[]>();
  for (const delivery of deliveries) {
    const times = byPayload.get(delivery.payload) ?? [];
    times.push(delivery.at);
    byPayload.set(delivery.payload, times);
  }
  // A fault counts for a command when its window overlaps the command's time on the way.
  const faultBetween = (from: number, to: number) => faultTimes.some(([start, end]) => start <= to && end >= from);
  typed.forEach((command, index) => {
    const times = byPayload.get(command.payload) ?? [];
    const nextQueued = typed[index + 1]?.queuedAt ?? Number.POSITIVE_INFINITY;
    if (times.length === 0) {
      if (command.qos > 0) tally.lost.push(command.payload);
      else if (faultBetween(command.queuedAt - 1000, nextQueued)) tally.qos0LostToAFault.push(command.payload);
      else tally.qos0Lost.push(command.payload);
    }
    if (times.length > 1 && command.qos === 2) tally.qos2Doubled.push(command.payload);
    if (times.length > 1 && command.qos === 0) tally.qos2Doubled.push(`${command.payload} (QoS 0)`);
    if (times.length > 1 && command.qos > 0 && faultBetween(command.queuedAt - 1000, (times[0] ?? 0) + 1000) === false && command.qos === 2) {
      tally.qos2Doubled[tally.qos2Doubled.length - 1] += ' (no fault in flight)';
    }
    if (times.length > 1 && command.qos === 1) {
      (faultBetween(command.queuedAt - 1000, (times[0] ?? 0) + 1000) ? tally.qos1DoubledByAFault : tally.qos1DoubledWithoutFault).push(command.payload);
    }
  });
  // Order: first deliveries come in the order the commands were typed.
  const seen = new Set<string>();
  let last = 0;
  for (const delivery of deliveries) {
    if (seen.has(delivery.payload)) continue;
    seen.add(delivery.payload);
    const number = Number(delivery.payload.slice(1));
    if (number < last) tally.outOfOrder.push(`${delivery.payload} after c${last}`);
    last = Math.max(last, number);
  }
  // The outbox keeps the last 500 finished commands: older ones are gone from it by design. Every one it
  // still has must be delivered (a QoS 0 one lost to a crash may say failed, which is what it tells the user).
  const states = new Map(stored.map((command) => [command.payload, command.state]));
  const oldestKept = Math.min(...stored.map((command) => Number(command.payload.slice(1))).filter(Number.isFinite));
  for (const command of typed) {
    const state = states.get(command.payload);
    if (state === undefined && Number(command.payload.slice(1)) < oldestKept) continue;
    const qos0Failed = command.qos === 0 && state === 'failed';
    if (state !== 'delivered' && !qos0Failed) tally.outboxNotDelivered.push(`${command.payload} (QoS ${command.qos}): ${state ?? 'missing'}`);
  }
}

/** Whether the run kept every promise. */
export function soakPassed(tally: SoakTally): boolean {
  return (
    tally.lost.length === 0 &&
    tally.qos0Lost.length === 0 &&
    tally.qos2Doubled.length === 0 &&
    tally.qos1DoubledWithoutFault.length === 0 &&
    tally.outOfOrder.length === 0 &&
    tally.outboxNotDelivered.length === 0
  );
}

export function describeTally(tally: SoakTally): string {
  const list = (items: string[]) => (items.length === 0 ? 'none' : items.join(', '));
  return [
    `seed ${tally.seed} · ${tally.broker} · ${Math.round(tally.durationMs / 1000)} s`,
    `commands: ${tally.commands.total} (QoS 0: ${tally.commands.byQos[0]}, QoS 1: ${tally.commands.byQos[1]}, QoS 2: ${tally.commands.byQos[2]}; retained: ${tally.commands.retained})`,
    `faults: ${Object.values(tally.faults).reduce((a, b) => a + b, 0)} (${FAULT_KINDS.map((kind) => `${kind} ${tally.faults[kind]}`).join(', ')})`,
    `lost (QoS 1/2): ${list(tally.lost)}`,
    `QoS 0 lost to a fault (at most once): ${list(tally.qos0LostToAFault)}; QoS 0 lost otherwise: ${list(tally.qos0Lost)}`,
    `QoS 2 (or 0) delivered twice: ${list(tally.qos2Doubled)}`,
    `QoS 1 delivered twice, a fault in flight: ${list(tally.qos1DoubledByAFault)}; without a fault: ${list(tally.qos1DoubledWithoutFault)}`,
    `out of order: ${list(tally.outOfOrder)}`,
    `outbox not showing delivered: ${list(tally.outboxNotDelivered)}`,
  ].join('\n');
}
