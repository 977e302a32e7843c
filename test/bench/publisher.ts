/**
 * The benchmark's device fleet: a separate Node process publishing over TCP, as fast as the broker accepts.
 * Message i goes to `bench/t<i mod topics>` with the payload `i`, so the last value of every topic is known.
 * At most 10,000 messages are unacknowledged at a time (packet ids run out at 65,535). Driven by lines on stdin: `publish <count> <qos> <retain>` answers `done <ms>` once every PUBACK is in.
 * `sparkplug <count>`: a Sparkplug B edge node `Bench/N` instead: an NBIRTH declaring `topics` Double metrics
 * `m<k>` (alias k), then `count` NDATA, message i carrying metric i mod topics by alias with the value i.
 */
import { createInterface } from 'node:readline';
import Long from 'long';
import mqtt from 'mqtt';
import { encodePayload, type UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';

const [url, topicsText] = process.argv.slice(2);
if (!url || !topicsText) throw new Error('usage: publisher.ts <mqtt://host:port> <topics>');
const topics = Number(topicsText);
const client = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: `bench-publisher-${process.pid}`, reconnectPeriod: 0 });
let next = 0;

/** Unacknowledged messages at most: below MQTT's 65,535 packet ids, and plenty to keep the broker busy. */
const WINDOW = 10_000;

/**
 * Publishes `count` messages, the i-th being `message(i)`, with at most WINDOW unacknowledged; answers
 * `done <ms>` once every acknowledgement is in.
 */
async function publishWindowed(count: number, message: (index: number) => [string, string | Buffer, mqtt.IClientPublishOptions]): Promise<void> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    let sent = 0;
    let acknowledged = 0;
    const sendMore = () => {
      while (sent < count && sent - acknowledged < WINDOW) {
        const [topic, payload, options] = message(sent++);
        client.publish(topic, payload, options, (error) => {
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

/** Message i goes to `bench/t<i mod topics>` with the payload `i`, counting on from the last call (or reset). */
function publish(count: number, qos: 0 | 1, retain: boolean): Promise<void> {
  return publishWindowed(count, () => {
    const index = next++;
    return [`bench/t${index % topics}`, String(index), { qos, retain }];
  });
}

/** The Sparkplug edge node's NBIRTH then NDATA, at QoS 1 (so that none is dropped on the way), with the same window. */
async function sparkplug(count: number): Promise<void> {
  const metrics = Array.from({ length: topics }, (_, k) => ({ name: `m${k}`, alias: k, type: 'Double', value: 0 }));
  const bdSeq = { name: 'bdSeq', type: 'Int64', value: Long.fromNumber(0) };
  await client.publishAsync('spBv1.0/Bench/NBIRTH/N', Buffer.from(encodePayload({ timestamp: Date.now(), seq: 0, metrics: [bdSeq, ...metrics] } as UPayload)), { qos: 1 });
  await publishWindowed(count, (index) => {
    const payload = encodePayload({ timestamp: Date.now(), seq: (index + 1) % 256, metrics: [{ alias: index % topics, type: 'Double', value: index }] } as UPayload);
    return ['spBv1.0/Bench/NDATA/N', Buffer.from(payload), { qos: 1 }];
  });
}

/**
 * A plant-like steady load: `rate` JSON values a second for `seconds`, QoS 0 and 1 alternating, sent in
 * 10 ms slices. Answers `done <epoch ms of the last message>` (performance.timeOrigin + now: comparable
 * with a page's clock on the same machine) as soon as the last message is written, so that the pages'
 * lag is timed from it.
 */
async function steady(rate: number, seconds: number): Promise<void> {
  const count = Math.round(rate * seconds);
  const start = performance.now();
  let sent = 0;
  const lastAt = await new Promise<number>((resolve, reject) => {
    const acked = (error?: Error) => {
      if (error) reject(error);
    };
    const slice = () => {
      const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      while (sent < due) {
        const index = next++;
        sent++;
        const qos = index % 2 === 0 ? 0 : 1;
        client.publish(`bench/t${index % topics}`, `{"value":${index}}`, { qos }, qos === 0 ? undefined : acked);
      }
      if (sent < count) setTimeout(slice, 10);
      else resolve(performance.timeOrigin + performance.now());
    };
    slice();
  });
  process.stdout.write(`done ${lastAt.toFixed(1)}\n`);
}

console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, count, qos, retain] = line.trim().split(' ');
  if (command === 'publish') await publish(Number(count), Number(qos) as 0 | 1, retain === 'true');
  else if (command === 'steady') await steady(Number(count), Number(qos));
  else if (command === 'sparkplug') await sparkplug(Number(count));
  else if (command === 'reset') next = 0;
  else if (command === 'one') {
    // One message on a topic of its own (count: its name): the epoch time it was handed to the socket.
    const sentAt = performance.timeOrigin + performance.now();
    await client.publishAsync(`bench/${count}`, '42', { qos: 1 });
    process.stdout.write(`done ${sentAt.toFixed(1)}\n`);
  }
  else if (command === 'quit') break;
}
await client.endAsync();
process.exit(0); // stdin stays open otherwise
