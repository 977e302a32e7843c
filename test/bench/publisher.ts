/**
 * The benchmark's device fleet: a separate Node process publishing over TCP, as fast as the broker accepts.
 * Message i goes to `bench/t<i mod topics>` with the payload `i`, so the last value of every topic is known.
 * At most 10,000 messages are unacknowledged at a time (packet ids run out at 65,535). Driven by lines on stdin: `publish <count> <qos> <retain>` answers `done <ms>` once every PUBACK is in.
 */
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';

const [url, topicsText] = process.argv.slice(2);
if (!url || !topicsText) throw new Error('usage: publisher.ts <mqtt://host:port> <topics>');
const topics = Number(topicsText);
const client = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: `bench-publisher-${process.pid}`, reconnectPeriod: 0 });
let next = 0;

/** Unacknowledged messages at most: below MQTT's 65,535 packet ids, and plenty to keep the broker busy. */
const WINDOW = 10_000;

async function publish(count: number, qos: 0 | 1, retain: boolean): Promise<void> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    let sent = 0;
    let acknowledged = 0;
    const sendMore = () => {
      while (sent < count && sent - acknowledged < WINDOW) {
        const index = next++;
        sent++;
        client.publish(`bench/t${index % topics}`, String(index), { qos, retain }, (error) => {
          if (error) return reject(error);
          acknowledged++;
          if (acknowledged === count) resolve();
          else sendMore();
        });
      }
    };
    if (count === 0) resolve();
    else sendMore();
  });
  process.stdout.write(`done ${(performance.now() - start).toFixed(0)}\n`);
}

console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, count, qos, retain] = line.trim().split(' ');
  if (command === 'publish') await publish(Number(count), Number(qos) as 0 | 1, retain === 'true');
  else if (command === 'reset') next = 0;
  else if (command === 'quit') break;
}
await client.endAsync();
process.exit(0); // stdin stays open otherwise
