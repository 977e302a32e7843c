/**
 * Starts a real Mosquitto (Debian's) on free loopback ports, with a generated config:
 * a WebSocket listener for the dashboard, a TCP listener for devices, optional users and ACL.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports';

export interface MosquittoOptions {
  /** The WebSocket port to listen on; a free one when omitted. */
  wsPort?: number;
  /** user name → password; when given, anonymous logins are refused. */
  users?: Record<string, string>;
  /**
   * Topic patterns anonymous clients may neither subscribe to nor publish to. Mosquitto 2.0's acl_file
   * never refuses a SUBSCRIBE, so this uses its dynamic security plugin, which answers SUBACK 0x87 / 0x80.
   */
  denied?: string[];
  /** Queue QoS 0 messages for offline persistent-session clients too (Mosquitto's queue_qos0_messages). */
  queueQos0?: boolean;
  /** Mosquitto's max_inflight_messages, which it also announces as its MQTT 5 Receive Maximum (default 20). */
  maxInflightMessages?: number;
  /** Mosquitto's max_packet_size, which it announces as its MQTT 5 Maximum Packet Size. */
  maxPacketSize?: number;
  /** Mosquitto's max_queued_messages per client (default 1000; 0 for no limit, as a benchmark needs). */
  maxQueuedMessages?: number;
}

function dynamicSecurityPlugin(): string {
  const found = readdirSync('/usr/lib', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('/usr/lib', entry.name, 'mosquitto_dynamic_security.so'))
    .find((path) => existsSync(path));
  if (!found) throw new Error('mosquitto_dynamic_security.so not found: install Debian’s mosquitto package.');
  return found;
}

export interface Mosquitto {
  wsUrl: string;
  tcpUrl: string;
  wsPort: number;
  tcpPort: number;
  /** Everything Mosquitto printed, for failure messages. */
  log(): string;
  /** Stops it (SIGTERM: clients see their connection closed; `SIGKILL`: it dies at once, as `kill -9`); its data stays for a restart. */
  kill(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same ports with the same config and persisted data. */
  restart(): Promise<void>;
  /** SIGSTOP: the process freezes with every socket left open and silent. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  stop(): Promise<void>;
}

const MOSQUITTO = process.env['MOSQUITTO_PATH'] ?? '/usr/sbin/mosquitto';

function mosquittoUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'mosquitto']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'mosquitto']).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  // A port that was free a moment ago can be taken by another process's outgoing connection before
  // Mosquitto binds it: pick new ports and try again (only when the test did not ask for a port).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      const taken = error instanceof Error && /Address already in use|Unable to create websockets listener/.test(error.message);
      if (!taken || options.wsPort !== undefined || attempt === 3) throw error;
    }
  }
}

async function startOnce(options: MosquittoOptions): Promise<Mosquitto> {
  const directory = mkdtempSync(join(tmpdir(), 'mosquitto-test-'));
  chmodSync(directory, 0o755);
  const persistence = join(directory, 'data');
  mkdirSync(persistence);
  const [wsPort, tcpPort] = [options.wsPort ?? (await freePort()), await freePort()];
  const lines = [
    `listener ${wsPort} 127.0.0.1`,
    'protocol websockets',
    `listener ${tcpPort} 127.0.0.1`,
    `allow_anonymous ${options.users ? 'false' : 'true'}`,
    'persistence true',
    `persistence_location ${persistence}/`,
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
  ];
  if (options.queueQos0) lines.push('queue_qos0_messages true');
  if (options.maxInflightMessages !== undefined) lines.push(`max_inflight_messages ${options.maxInflightMessages}`);
  if (options.maxPacketSize !== undefined) lines.push(`max_packet_size ${options.maxPacketSize}`);
  if (options.maxQueuedMessages !== undefined) lines.push(`max_queued_messages ${options.maxQueuedMessages}`);
  const owner = mosquittoUser();
  const own = (path: string) => owner && chownSync(path, owner.uid, owner.gid);
  own(persistence);
  if (options.users) {
    const passwords = join(directory, 'passwords');
    for (const [index, [user, password]] of Object.entries(options.users).entries()) {
      execFileSync('mosquitto_passwd', [...(index === 0 ? ['-c'] : []), '-b', passwords, user, password], { stdio: 'ignore' });
    }
    chmodSync(passwords, 0o600);
    own(passwords);
    lines.push(`password_file ${passwords}`);
  }
  if (options.denied) {
    const security = join(directory, 'security');
    mkdirSync(security);
    own(security);
    const file = join(security, 'dynamic-security.json');
    const acls = options.denied.flatMap((topic) => [
      { acltype: 'subscribePattern', topic, priority: 10, allow: false },
      { acltype: 'publishClientSend', topic, priority: 10, allow: false },
    ]);
    writeFileSync(
      file,
      JSON.stringify({
        defaultACLAccess: { publishClientSend: true, publishClientReceive: true, subscribe: true, unsubscribe: true },
        clients: [],
        groups: [{ groupname: 'anonymous', roles: [{ rolename: 'restricted' }] }],
        roles: [{ rolename: 'restricted', acls }],
        anonymousGroup: 'anonymous',
      }),
    );
    chmodSync(file, 0o600);
    own(file);
    lines.push(`plugin ${dynamicSecurityPlugin()}`, `plugin_opt_config_file ${file}`);
  }
  const config = join(directory, 'mosquitto.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);
  chmodSync(config, 0o644);

  let output = '';
  let child: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    child = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const process = child;
    exited = new Promise<void>((resolve) => process.once('exit', () => resolve()));
    try {
      await Promise.race([
        Promise.all([waitForPort(wsPort), waitForPort(tcpPort)]),
        exited.then(() => Promise.reject(new Error(`Mosquitto exited at start:\n${output}`))),
      ]);
    } catch (error) {
      process.kill('SIGKILL');
      throw error;
    }
  };
  const kill = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await launch();
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
    wsPort,
    tcpPort,
    log: () => output,
    kill,
    async restart() {
      await kill();
      await launch();
    },
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    async stop() {
      await kill();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
