/**
 * A RabbitMQ cluster on loopback for the cluster tests (Debian's rabbitmq-server 3.10, with rabbitmq_mqtt
 * and rabbitmq_web_mqtt): each node in a folder of its own, with its own ports, config, data, logs and a
 * private HOME holding the cluster's Erlang cookie. Started once for the suite; stopped by its own commands
 * and by the process groups recorded at start (kill -9 for a node killed on purpose).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitForPort } from './ports';

const run = promisify(execFile);
// The scripts behind Debian's /usr/sbin wrappers, which switch to the rabbitmq user when run as root:
// these run as whoever starts them, with the folders given here.
export const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const RABBITMQCTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';

export interface RabbitNode {
  /** The Erlang node name, `rabbitN-<run>@localhost`. */
  name: string;
  wsUrl: string;
  tcpUrl: string;
  /** kill -9 of the node's whole process group: no goodbye, as a crashed server. */
  kill(): void;
  alive(): boolean;
}

export interface RabbitCluster {
  nodes: RabbitNode[];
  stop(): Promise<void>;
}

interface NodeProcess {
  node: RabbitNode;
  child: ChildProcess;
  env: NodeJS.ProcessEnv;
}

async function startNode(root: string, index: number, run: string, cookie: string): Promise<NodeProcess> {
  const dir = join(root, `node${index}`);
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, '.erlang.cookie'), cookie, { mode: 0o400 });
  const [amqpPort, distPort, mqttPort, wsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const config = join(dir, 'rabbitmq.conf');
  writeFileSync(
    config,
    [
      `listeners.tcp.default = 127.0.0.1:${amqpPort}`,
      `mqtt.listeners.tcp.default = 127.0.0.1:${mqttPort}`,
      'web_mqtt.tcp.ip = 127.0.0.1',
      `web_mqtt.tcp.port = ${wsPort}`,
      'mqtt.allow_anonymous = true',
      'loopback_users = none',
      '',
    ].join('\n'),
  );
  const plugins = join(dir, 'enabled_plugins');
  writeFileSync(plugins, '[rabbitmq_mqtt,rabbitmq_web_mqtt].\n');
  const name = `rabbit${index}-${run}@localhost`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    RABBITMQ_NODENAME: name,
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_CONFIG_FILE: config,
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: plugins,
    RABBITMQ_CONF_ENV_FILE: '/dev/null',
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '+sbwt none',
  };
  const child = spawn(RABBITMQ_SERVER, [], { env, detached: true, stdio: 'ignore' });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const node: RabbitNode = {
    name,
    wsUrl: `ws://127.0.0.1:${wsPort}/ws`,
    tcpUrl: `mqtt://127.0.0.1:${mqttPort}`,
    kill: () => {
      if (child.pid !== undefined && alive()) process.kill(-child.pid, 'SIGKILL');
    },
    alive,
  };
  await waitForPort(wsPort, 90_000);
  await waitForPort(mqttPort, 30_000);
  return { node, child, env };
}

const ctl = (env: NodeJS.ProcessEnv, name: string, ...args: string[]) => run(RABBITMQCTL, ['-n', name, ...args], { env, timeout: 60_000 });

/** Starts `size` nodes and joins them into one cluster. */
export async function startRabbitCluster(size = 2): Promise<RabbitCluster> {
  if (!existsSync(RABBITMQ_SERVER)) throw new Error(`${RABBITMQ_SERVER} is missing: run \`apt-get install -y rabbitmq-server\` (npm test installs it when root).`);
  const root = mkdtempSync(join(tmpdir(), 'dashboard-rabbit-'));
  const runId = Math.random().toString(36).slice(2, 8);
  const cookie = `DASHBOARDTEST${runId.toUpperCase()}`;
  const started: NodeProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map(({ node, env }) => (node.alive() ? ctl(env, node.name, 'stop').catch(() => undefined) : undefined)));
    for (const { node } of started) node.kill();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    started.push(...(await Promise.all(Array.from({ length: size }, (_, i) => startNode(root, i + 1, runId, cookie)))));
    const [first, ...others] = started;
    for (const { node, env } of others) {
      await ctl(env, node.name, 'stop_app');
      await ctl(env, node.name, 'reset');
      await ctl(env, node.name, 'join_cluster', first?.node.name ?? '');
      await ctl(env, node.name, 'start_app');
    }
    for (const { node } of started) await waitForPort(Number(new URL(node.wsUrl).port), 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: started.map(({ node }) => node), stop };
}
