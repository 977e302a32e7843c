#!/usr/bin/env node
// Makes sure the system programs the end-to-end tests drive are here: Debian's chromium, mosquitto, openssl and
// rabbitmq-server (the cluster tests start their own nodes; no service is needed).
// As root on Debian it installs what is missing (apt-get update first); otherwise it says, in one line, what to install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const needed = [
  { path: chromium, apt: 'chromium' },
  { path: process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto', apt: 'mosquitto' },
  { path: '/usr/bin/mosquitto_passwd', apt: 'mosquitto' },
  { path: '/usr/bin/mosquitto_pub', apt: 'mosquitto-clients' },
  { path: '/usr/bin/openssl', apt: 'openssl' }, // the wss:// tests make a self-signed certificate
  { path: '/usr/lib/rabbitmq/bin/rabbitmq-server', apt: 'rabbitmq-server' }, // the cluster tests (test/cluster)
];
const missing = () => [...new Set(needed.filter((item) => !existsSync(item.path)).map((item) => item.apt))];

let packages = missing();
if (packages.length > 0) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error(`Missing system packages for the tests: run \`sudo apt-get install -y ${packages.join(' ')}\` (Debian/Ubuntu) and try again.`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(`apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { stdio: 'inherit', env });
  packages = missing();
  if (packages.length > 0) {
    console.error(`Still missing after apt-get install: ${packages.join(' ')}. Install them by hand and try again.`);
    process.exit(1);
  }
}
