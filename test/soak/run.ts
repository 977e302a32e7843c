/**
 * `npm run soak`: the long chaos soak against the production build. Options (or environment variables):
 *   --seed N (SOAK_SEED; default: the time)   --faults N (SOAK_FAULTS; default 1000)
 *   --commands N (SOAK_COMMANDS; default: as many as faults)   --broker mosquitto|aedes|both (SOAK_BROKER; default both)
 * It prints the seed, every fault and the tally, so that a failure can be replayed exactly with --seed.
 */
import { serveBuiltApp } from '../support/app-server';
import { describeTally, runSoak, soakPassed } from './chaos';

function option(name: string, variable: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at !== -1 ? process.argv[at + 1] : process.env[variable];
}

const seed = Number(option('seed', 'SOAK_SEED') ?? Date.now() % 1_000_000_000);
const faults = Number(option('faults', 'SOAK_FAULTS') ?? 1000);
const commands = Number(option('commands', 'SOAK_COMMANDS') ?? faults);
const brokerChoice = option('broker', 'SOAK_BROKER') ?? 'both';
for (const [name, value] of [['seed', seed], ['faults', faults], ['commands', commands]] as const) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number (got ${String(value)}).`);
    process.exit(2);
  }
}
if (!['mosquitto', 'aedes', 'both'].includes(brokerChoice)) {
  console.error(`--broker must be mosquitto, aedes or both (got ${brokerChoice}).`);
  process.exit(2);
}
const brokers = brokerChoice === 'both' ? (['mosquitto', 'aedes'] as const) : ([brokerChoice] as Array<'mosquitto' | 'aedes'>);

const server = await serveBuiltApp();
let failed = false;
try {
  for (const broker of brokers) {
    console.log(`\nSoak on ${broker}: seed ${seed}, ${faults} faults, ${commands} commands (replay: npm run soak -- --seed ${seed} --faults ${faults} --commands ${commands} --broker ${broker})`);
    const tally = await runSoak({ seed, faults, commands, broker, appUrl: server.url, log: (line) => console.log(`  ${line}`) });
    console.log(`\n${describeTally(tally)}\n${soakPassed(tally) ? 'PASSED' : 'FAILED'}`);
    if (!soakPassed(tally)) failed = true;
  }
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
