/**
 * Thousands of random and mutated packets from a scripted broker (test/support/fuzz-packets.ts), seeded
 * so that a failure replays: FUZZ_SEED=<n> npx playwright test hostile-fuzz. The page must survive every
 * one (no uncaught error, no script run, no CSP violation: the fixtures check), no packet may hold it up
 * for long, a command queued during the storm must be delivered, and after each burst the dashboard must
 * be connected again and showing what a valid packet says.
 */
import { clearLongTasks, expect, kioskLink, longestTask, openSettings, openTileSettings, status, test, tile, typeCommand, watchLongTasks } from '../support/fixtures';
import { FuzzPackets } from '../support/fuzz-packets';
import { startScriptedBroker, type ScriptedBroker } from '../support/scripted-broker';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const ROUNDS = 40;
const PACKETS_PER_ROUND = 100;
/**
 * No burst may freeze the page. The 200 ms bound for one hostile packet is checked packet by packet in
 * hostile-packets.spec.ts; here, bursts of 100 run beside other tests on a 2-core machine, where the
 * renderer waits its turn for the CPU: measured alone, the longest task of a run is 50–90 ms (210 ms with
 * the CPU slowed down 4 times), beside other tests it reached 1.06 s.
 */
const LONGEST_TASK_MS = 2000;

let broker: ScriptedBroker | null = null;
test.afterEach(async () => {
  await broker?.close();
  broker = null;
});

test(`${ROUNDS * PACKETS_PER_ROUND} random and mutated packets (seed ${SEED}): the page survives, recovers after each burst, and loses no command`, async ({ page }) => {
  test.setTimeout(240_000);
  const scripted = await startScriptedBroker(() => 0);
  broker = scripted;
  const fuzz = new FuzzPackets(SEED);
  await watchLongTasks(page);
  await page.goto(kioskLink({ broker: scripted.wsUrl, subs: ['#'], qos: 1, v: '5', clientId: 'tablette-fuzz' }));
  await expect(status(page)).toContainText('Connected');
  await openSettings(page);
  // The sentinel's tile is pinned, so that it stays in view among the hundreds the fuzz creates.
  scripted.send({ cmd: 'publish', topic: 'fuzz/sentinelle', payload: 'round 0', qos: 0, retain: false, dup: false });
  const settingsDialog = await openTileSettings(page, 'fuzz/sentinelle');
  await settingsDialog.getByRole('button', { name: 'Pin to the dashboard' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await clearLongTasks(page);

  let sentToDashboard = 0;
  const sentinel = (round: number) =>
    scripted.send({ cmd: 'publish', topic: 'fuzz/sentinelle', payload: `round ${round}`, qos: 0, retain: false, dup: false });
  for (let round = 1; round <= ROUNDS; round++) {
    // Wait for the link: the dashboard closes it at the first packet that breaks MQTT, and reconnects.
    if (scripted.connectedClients() === 0 || !(await status(page).textContent())?.includes('Connected')) {
      const retry = page.getByRole('button', { name: 'Retry now' });
      if (await retry.isVisible()) await retry.click({ timeout: 1000 }).catch(() => {}); // skip the backoff (tested elsewhere); it may connect meanwhile
      await expect(status(page)).toContainText('Connected', { timeout: 40_000 });
    }
    // Odd rounds: valid packets only, with hostile contents, which must not cost the link. Even rounds:
    // mutated and random packets among them. Some bursts come one packet per WebSocket frame, others packed.
    const validOnly = round % 2 === 1;
    const packed = round % 3 === 0;
    const connectionsBefore = scripted.connects.length;
    const burst: Uint8Array[] = Array.from({ length: PACKETS_PER_ROUND }, () => fuzz.next(validOnly));
    if (scripted.connectedClients() > 0) sentToDashboard += PACKETS_PER_ROUND;
    if (packed) {
      for (let i = 0; i < burst.length; i += 25) scripted.sendRaw(Buffer.concat(burst.slice(i, i + 25)));
    } else {
      for (const bytes of burst) scripted.sendRaw(bytes);
    }
    if (round === Math.floor(ROUNDS / 2)) await typeCommand(page, 'fuzz/commande', 'arrêt', 1);
    // After the burst, on this link or the next one, a valid packet is shown for what it is.
    await expect(async () => {
      if (!(await status(page).textContent())?.includes('Connected')) {
        const retry = page.getByRole('button', { name: 'Retry now' });
        if (await retry.isVisible()) await retry.click({ timeout: 1000 }).catch(() => {});
      }
      sentinel(round);
      await expect(tile(page, 'fuzz/sentinelle')).toContainText(`round ${round}`, { timeout: 1000 });
    }).toPass({ timeout: 40_000 });
    if (validOnly) expect(scripted.connects.length, `round ${round}: valid packets cost the link`).toBe(connectionsBefore);
  }

  // The command queued in the storm reached the broker.
  await expect
    .poll(() => scripted.received.some((packet) => packet.cmd === 'publish' && packet.topic === 'fuzz/commande' && String(packet.payload) === 'arrêt'), {
      timeout: 40_000,
    })
    .toBe(true);
  await expect(page.getByRole('region', { name: 'Outbox' }).getByRole('listitem', { name: 'fuzz/commande arrêt' })).toContainText('delivered');
  // Left alone, the dashboard is connected by itself and shows a value sent now.
  await expect(status(page)).toContainText('Connected', { timeout: 40_000 });
  scripted.send({ cmd: 'publish', topic: 'fuzz/sentinelle', payload: 'after the storm', qos: 1, messageId: 1, retain: false, dup: false });
  await expect(tile(page, 'fuzz/sentinelle')).toContainText('after the storm');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => ({} as Record<string, unknown>)['polluted'])).toBeUndefined();

  const longest = await longestTask(page);
  test.info().annotations.push({
    type: 'fuzz',
    description: `seed ${SEED}: ${fuzz.made.valid} valid, ${fuzz.made.mutated} mutated, ${fuzz.made.random} random packets; ${sentToDashboard} sent to the dashboard on an open link; ${scripted.connects.length} connections; longest task ${Math.round(longest)} ms`,
  });
  console.log(test.info().annotations.at(-1)?.description);
  expect(longest).toBeLessThan(LONGEST_TASK_MS);
});
