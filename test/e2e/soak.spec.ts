/**
 * The short chaos soak, part of npm test: 60 commands and 20 faults of every kind, with a fixed seed, on
 * Mosquitto (see test/soak/chaos.ts; `npm run soak` runs the long one).
 */
import { describeTally, runSoak, soakPassed } from '../soak/chaos';
import { expect, test } from '../support/fixtures';

test('chaos soak: every command accounted for through reloads, tabs, cuts, broker restarts and freezes, browser kills', async ({ appUrl }, testInfo) => {
  test.setTimeout(240_000);
  const log: string[] = [];
  const tally = await runSoak({ seed: 20_261_201, faults: 20, commands: 60, broker: 'mosquitto', appUrl, log: (line) => log.push(line) });
  await testInfo.attach('soak.txt', { body: `${log.join('\n')}\n\n${describeTally(tally)}\n`, contentType: 'text/plain' });
  expect(soakPassed(tally), describeTally(tally)).toBe(true);
  expect(tally.commands.total).toBeGreaterThanOrEqual(60);
  for (const count of Object.values(tally.faults)) expect(count).toBeGreaterThan(0);
});
