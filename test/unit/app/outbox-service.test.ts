import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { OutboxService, type CommandSender } from '../../../src/app/outbox-service';
import type { OutboundCommand, UnfinishedCommand } from '../../../src/mqtt/command-channel';
import { openDashboardDatabase, type DashboardDatabase } from '../../../src/storage/database';
import { OutboxRepository } from '../../../src/storage/outbox-repository';
import { OutboxSync } from '../../../src/app/outbox-sync';
import type { Problem } from '../../../src/shared/problems';
import { problemWords } from '../../../src/ui/problem-words';
import { newControl } from '../../../src/controls/control-definition';

/** What the user reads. */
const words = (problem: Problem | string | null | undefined) => (problem == null ? '' : typeof problem === 'string' ? problem : problemWords(problem));

let databases = 0;
let ids = 0;

/** A transport stand-in: records what it is asked to send; the test plays the broker's answers. */
class FakeSender implements CommandSender {
  connected = true;
  receiveMaximum = 65_535;
  replyTopic = 'dashboard/test/reply';
  canAskForReplies = true;
  acksCarryReasons = true;
  readonly sent: OutboundCommand[] = [];
  readonly resumed: UnfinishedCommand[] = [];
  sendCommand(command: OutboundCommand): void {
    this.sent.push(command);
  }
  resumeCommands(unfinished: readonly UnfinishedCommand[]): void {
    this.resumed.push(...unfinished);
  }
  readonly abandoned: string[] = [];
  abandon(commandId: string): void {
    this.abandoned.push(commandId);
  }
}

async function outboxOn(name: string) {
  const outbox = new OutboxService(new OutboxRepository(await openDashboardDatabase(name)), null, () => 1000, () => `id-${++ids}`);
  await outbox.load();
  return outbox;
}

const command = (payload: string, qos: 0 | 1 | 2 = 1) => ({ topic: 'moteur/commande', payload, qos, retain: false });
/** Waits for a condition (another "tab" answers through a BroadcastChannel). */
async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const states = (outbox: OutboxService) => outbox.store.list().map((c) => `${c.payload}:${c.state}`);

describe('the outbox', () => {
  it('stores a command before it reports success; a reopened database still has it, queued', async () => {
    const name = `outbox-${databases++}`;
    const outbox = await outboxOn(name);
    expect(await outbox.enqueue(command('start'))).toBeNull();
    const reopened = await outboxOn(name);
    expect(states(reopened)).toEqual(['start:queued']);
    expect(reopened.store.pendingCount).toBe(1);
  });

  it('moves a command through sending to delivered, keeping the packet id while the handshake is open', async () => {
    const name = `outbox-${databases++}`;
    const outbox = await outboxOn(name);
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    await outbox.enqueue(command('start', 2));
    const sent = sender.sent[0] as OutboundCommand;
    await outbox.handshake(sent.id, 7, 'publish');
    expect(outbox.store.byId(sent.id)).toMatchObject({ state: 'sending', packetId: 7, stage: 'publish' });
    await outbox.handshake(sent.id, 7, 'pubrel');
    expect((await outboxOn(name)).store.byId(sent.id)).toMatchObject({ state: 'sending', packetId: 7, stage: 'pubrel' });
    outbox.settled(sent.id, { delivered: true });
    await settle();
    expect((await outboxOn(name)).store.byId(sent.id)).toMatchObject({ state: 'delivered', packetId: null, stage: null });
  });

  it('a refused command fails with the reason and does not hold back the ones after it', async () => {
    const outbox = await outboxOn(`outbox-${databases++}`);
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    await outbox.enqueue(command('interdit'));
    await outbox.enqueue(command('après'));
    outbox.settled((sender.sent[0] as OutboundCommand).id, { delivered: false, reason: { kind: 'publish-refused', refusal: { code: 0x87, protocol: '5', reasonString: null } } });
    outbox.settled((sender.sent[1] as OutboundCommand).id, { delivered: true });
    expect(states(outbox)).toEqual(['interdit:failed', 'après:delivered']);
    expect(outbox.store.list()[0]?.reason).toEqual({ kind: 'publish-refused', refusal: { code: 0x87, protocol: '5', reasonString: null } });
  });

  it('a command the link dropped before it was written goes back to the queue and is sent again', async () => {
    const outbox = await outboxOn(`outbox-${databases++}`);
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    await outbox.enqueue(command('ping', 0));
    // A QoS 0 command is marked as being written (on disk) before it is handed over: wait for that.
    await until(() => sender.sent.length === 1);
    outbox.settled((sender.sent[0] as OutboundCommand).id, { delivered: false, reason: null });
    await until(() => sender.sent.length === 2);
    expect(sender.sent.map((c) => c.payload)).toEqual(['ping', 'ping']);
  });

  it('pipelines QoS 1, and lets a QoS 0 or 2 command go only when everything before it is done', async () => {
    const outbox = await outboxOn(`outbox-${databases++}`);
    const sender = new FakeSender();
    sender.connected = false;
    outbox.becomeSender(sender);
    for (const [payload, qos] of [['a', 1], ['b', 1], ['c', 2], ['d', 1], ['e', 0], ['f', 1]] as const) await outbox.enqueue(command(payload, qos));
    sender.connected = true;
    outbox.connected();
    expect(sender.sent.map((c) => c.payload)).toEqual(['a', 'b']);
    const done = (index: number) => outbox.settled((sender.sent[index] as OutboundCommand).id, { delivered: true });
    done(0);
    expect(sender.sent.map((c) => c.payload)).toEqual(['a', 'b']);
    done(1);
    expect(sender.sent.map((c) => c.payload)).toEqual(['a', 'b', 'c']);
    done(2);
    expect(sender.sent.map((c) => c.payload)).toEqual(['a', 'b', 'c', 'd']);
    done(3);
    // a QoS 0 command is marked "being written" on disk first
    await expect.poll(() => sender.sent.map((c) => c.payload)).toEqual(['a', 'b', 'c', 'd', 'e']);
    done(4);
    expect(sender.sent.map((c) => c.payload)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it("respects the broker's Receive Maximum", async () => {
    const outbox = await outboxOn(`outbox-${databases++}`);
    const sender = new FakeSender();
    sender.receiveMaximum = 3;
    sender.connected = false;
    outbox.becomeSender(sender);
    for (const payload of ['a', 'b', 'c', 'd', 'e']) await outbox.enqueue(command(payload));
    sender.connected = true;
    outbox.connected();
    expect(sender.sent).toHaveLength(3);
  });

  it('after a crash, resends unfinished handshakes with their packet ids, in order, before anything queued', async () => {
    const name = `outbox-${databases++}`;
    const before = await outboxOn(name);
    const sender = new FakeSender();
    before.becomeSender(sender);
    await before.enqueue(command('released', 2));
    await before.handshake((sender.sent[0] as OutboundCommand).id, 11, 'pubrel');
    before.settled((sender.sent[0] as OutboundCommand).id, { delivered: true }); // this one finished…
    await before.enqueue(command('published', 2));
    await before.handshake((sender.sent[1] as OutboundCommand).id, 12, 'pubrel');
    // …the page dies here: 'published' is past PUBREC; the next ones never left.
    sender.connected = false;
    await before.enqueue(command('qos1', 1));
    await before.enqueue(command('qos0', 0));
    await settle();

    const after = await outboxOn(name);
    const next = new FakeSender();
    next.connected = false;
    after.becomeSender(next);
    expect(next.resumed.map((u) => [u.command.payload, u.packetId, u.stage])).toEqual([['published', 12, 'pubrel']]);
    next.connected = true;
    after.connected();
    expect(next.sent).toEqual([]); // the resumed handshake ends first
    after.settled((next.resumed[0] as UnfinishedCommand).command.id, { delivered: true });
    expect(next.sent.map((c) => c.payload)).toEqual(['qos1']);
  });

  it('after a crash while a QoS 0 command was being written, says so instead of sending it twice', async () => {
    const name = `outbox-${databases++}`;
    const before = await outboxOn(name);
    const sender = new FakeSender();
    before.becomeSender(sender);
    await before.enqueue(command('once', 0));
    await settle();
    const after = await outboxOn(name);
    after.becomeSender(new FakeSender());
    await expect.poll(() => after.store.list()[0]).toMatchObject({ state: 'failed' });
    expect(words(after.store.list()[0]?.reason)).toContain('QoS 0 is never resent');
  });

  it('a tab taking over writes down what the closed tab announced but never saved', async () => {
    const name = `outbox-${databases++}`;
    const channel = `outbox-sync-${name}`;
    /** The sending tab closes right after its announcement: its saves never reach the disk. */
    class ClosingRepository extends OutboxRepository {
      override save(): Promise<void> {
        return new Promise(() => {});
      }
    }
    const database = await openDashboardDatabase(name);
    const closing = new OutboxService(new ClosingRepository(database), new OutboxSync(channel), () => 1000, () => `id-${++ids}`);
    const taking = new OutboxService(new OutboxRepository(await openDashboardDatabase(name)), new OutboxSync(channel), () => 1000, () => `id-${++ids}`);
    await taking.load();
    const sender = new FakeSender();
    closing.becomeSender(sender);
    await closing.enqueue(command('fin'));
    closing.settled((sender.sent[0] as OutboundCommand).id, { delivered: true });
    await until(() => states(taking).join() === 'fin:delivered');
    expect(states(await outboxOn(name))).toEqual(['fin:queued']); // the disk missed it
    await taking.refresh();
    expect(states(await outboxOn(name))).toEqual(['fin:delivered']);
  });

  it('cancels a queued command, retries it, and clears delivered ones from the history', async () => {
    const name = `outbox-${databases++}`;
    const outbox = await outboxOn(name);
    await outbox.enqueue(command('stop'));
    const seq = (outbox.store.list()[0] as { seq: number }).seq;
    outbox.cancel(seq);
    await settle();
    expect(states(await outboxOn(name))).toEqual(['stop:cancelled']);
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    outbox.retry(seq);
    await expect.poll(() => sender.sent.map((c) => c.payload)).toEqual(['stop']);
    outbox.settled((sender.sent[0] as OutboundCommand).id, { delivered: true });
    await outbox.clearDelivered();
    expect(states(await outboxOn(name))).toEqual([]);
  });

  it('refuses a command with a clear message when there is no storage', async () => {
    const outbox = new OutboxService(null, null);
    expect(words(await outbox.enqueue(command('start')))).toContain('the command was not queued');
    expect(outbox.store.pendingCount).toBe(0);
  });

  it('refuses a command with a clear message when the storage is full', async () => {
    const full = {
      transaction: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    } as unknown as DashboardDatabase;
    const outbox = new OutboxService(new OutboxRepository(full), null);
    expect(words(await outbox.enqueue(command('start')))).toContain("storage for this site is full, so the command was not queued");
    expect(outbox.store.pendingCount).toBe(0);
  });
});

describe('schema upgrade', () => {
  it('opens a version 1 database, keeps its settings and adds the outbox', async () => {
    const name = `upgrade-${databases++}`;
    const old = await openDB(name, 1, { upgrade: (database) => void database.createObjectStore('settings') });
    await old.put('settings', { brokerUrl: 'ws://old:9001' }, 'connection');
    old.close();
    const upgraded = await openDashboardDatabase(name);
    expect(await upgraded.get('settings', 'connection')).toMatchObject({ brokerUrl: 'ws://old:9001' });
    expect(upgraded.objectStoreNames.contains('outbox')).toBe(true);
  });
});

describe('requests and message expiry', () => {
  async function outboxWithClock(start: number) {
    const clock = { now: start };
    const outbox = new OutboxService(
      new OutboxRepository(await openDashboardDatabase(`outbox-${databases++}`)),
      null,
      () => clock.now,
      () => `id-${++ids}`,
    );
    await outbox.load();
    return { outbox, clock };
  }

  it('a request carries the reply topic and its id as correlation data, and records the reply', async () => {
    const { outbox } = await outboxWithClock(Date.now());
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    await outbox.enqueue({ ...command('stop'), replyTimeoutSeconds: 5, userProperties: [['opérateur', 'anna']] });
    const sent = sender.sent[0] as OutboundCommand;
    expect(sent).toMatchObject({ responseTopic: 'dashboard/test/reply', correlationData: sent.id, userProperties: [['opérateur', 'anna']] });
    outbox.settled(sent.id, { delivered: true });
    await expect.poll(() => outbox.store.byId(sent.id)?.reply).toMatchObject({ state: 'waiting' });
    outbox.replyReceived(sent.id, 'ok', 'moteur');
    await expect.poll(() => outbox.store.byId(sent.id)?.reply).toMatchObject({ state: 'received', text: 'ok', from: 'moteur' });
  });

  it('a request with no reply in time says so', async () => {
    const { outbox } = await outboxWithClock(Date.now());
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    await outbox.enqueue({ ...command('ping'), replyTimeoutSeconds: 0.02 });
    outbox.settled((sender.sent[0] as OutboundCommand).id, { delivered: true });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(outbox.store.list()[0]?.reply?.state).toBe('none');
  });

  it('over MQTT 3.1.1 a request cannot ask for a reply, and says why', async () => {
    const { outbox } = await outboxWithClock(Date.now());
    const sender = new FakeSender();
    sender.canAskForReplies = false;
    outbox.becomeSender(sender);
    await outbox.enqueue({ ...command('ping'), replyTimeoutSeconds: 5 });
    outbox.settled((sender.sent[0] as OutboundCommand).id, { delivered: true });
    await expect.poll(() => outbox.store.list()[0]?.reply).toMatchObject({ state: 'none', text: 'sent over MQTT 3.1.1, which cannot ask for a reply' });
  });

  it('sends what is left of the message expiry, and fails a command whose expiry passed while queued', async () => {
    const { outbox, clock } = await outboxWithClock(10_000);
    const sender = new FakeSender();
    sender.connected = false;
    outbox.becomeSender(sender);
    await outbox.enqueue({ ...command('ouvrir'), expirySeconds: 60 });
    await outbox.enqueue({ ...command('fermer'), expirySeconds: 5 });
    clock.now += 20_000;
    sender.connected = true;
    outbox.connected();
    await expect.poll(() => outbox.store.list()[1]?.state).toBe('failed');
    await expect.poll(() => sender.sent.map((sent) => [sent.payload, sent.expirySeconds])).toEqual([['ouvrir', 40]]);
    expect(words(outbox.store.list()[1]?.reason)).toContain('expired: not sent within its message expiry of 5 s');
    // Retry gives it a fresh expiry.
    outbox.retry(outbox.store.list()[1]?.seq ?? 0);
    await expect.poll(() => sender.sent.map((sent) => [sent.payload, sent.expirySeconds])).toEqual([['ouvrir', 40], ['fermer', 5]]);
  });
});

describe('controls’ commands', () => {
  const pump = newControl({ kind: 'switch', name: 'Pompe', commandTopic: 'pompe/commande', stateTopic: 'pompe/état', onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêtée'] }, 'pump');
  const setpoint = (value: number) => ({ ...command(`{"consigne": ${value}}`), control: { id: 'speed', value: String(value), before: '1450' } });

  it('a newer setpoint replaces the older ones still queued, which stay in the outbox saying so', async () => {
    const outbox = await outboxOn(`outbox-${databases++}`);
    for (const value of [1200, 1250, 1300, 1350, 1400]) await outbox.enqueue(setpoint(value), true);
    await expect.poll(() => outbox.store.list().map((c) => [c.control?.value, c.state, c.replacedBy?.value ?? null])).toEqual([
      ['1200', 'cancelled', '1250'],
      ['1250', 'cancelled', '1300'],
      ['1300', 'cancelled', '1350'],
      ['1350', 'cancelled', '1400'],
      ['1400', 'queued', null],
    ]);
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    outbox.connected();
    expect(sender.sent.map((sent) => sent.payload)).toEqual(['{"consigne": 1400}']);
  });

  it('never withdraws a command already on the wire, and replaces nothing when asked to send every command', async () => {
    const outbox = await outboxOn(`outbox-${databases++}`);
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    await outbox.enqueue(setpoint(1200), true); // on the wire at once
    await outbox.enqueue(setpoint(1250), true);
    await expect.poll(() => outbox.store.list().map((c) => c.replacedBy ?? null)).toEqual([null, null]);
    expect(sender.sent.map((sent) => sent.payload)).toEqual(['{"consigne": 1200}', '{"consigne": 1250}']);
    const other = await outboxOn(`outbox-${databases++}`);
    await other.enqueue(setpoint(1), false);
    await other.enqueue(setpoint(2), false);
    await expect.poll(() => other.store.list().map((c) => c.state)).toEqual(['queued', 'queued']);
  });

  it('is confirmed by the device’s report, and says no answer when none comes in time', async () => {
    const outbox = await outboxOn(`outbox-${databases++}`);
    outbox.controls.setControls([pump]);
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    await outbox.enqueue({ ...command('stop'), topic: 'pompe/commande', control: { id: 'pump', value: 'off', before: 'en marche' } });
    const sent = sender.sent[0] as OutboundCommand;
    outbox.settled(sent.id, { delivered: true });
    await expect.poll(() => outbox.store.byId(sent.id)?.confirmation).toMatchObject({ state: 'waiting', deadline: 11_000 });
    outbox.controls.observe('pompe/état', { text: 'en marche' });
    await expect.poll(() => outbox.store.byId(sent.id)?.confirmation?.state).toBe('waiting');
    outbox.controls.observe('pompe/état', { text: 'arrêtée' });
    await expect.poll(() => outbox.store.byId(sent.id)?.confirmation).toMatchObject({ state: 'confirmed', reported: 'arrêtée' });
  });
});

describe('a command the broker does not acknowledge', () => {
  it('is marked after the timeout, has the link made again, and can be given up: the next ones then go, in order', async () => {
    let now = 1000;
    const outbox = new OutboxService(new OutboxRepository(await openDashboardDatabase(`outbox-${databases++}`)), null, () => now, () => `id-${++ids}`);
    await outbox.load();
    const sender = new FakeSender();
    outbox.becomeSender(sender);
    const stalls: number[] = [];
    outbox.onStalled((seconds) => stalls.push(seconds));
    await outbox.enqueue(command('fermer', 2));
    await outbox.enqueue(command('ouvrir', 1));
    const stuck = sender.sent[0] as OutboundCommand;
    await outbox.handshake(stuck.id, 1, 'publish');
    expect(sender.sent.map((sent) => sent.payload)).toEqual(['fermer']);
    now += 29_000;
    outbox.checkAcknowledgements(30);
    expect(stalls).toEqual([]);
    now += 2000;
    outbox.checkAcknowledgements(30);
    await expect.poll(() => stalls).toEqual([30]);
    expect(outbox.store.byId(stuck.id)).toMatchObject({ state: 'sending', stalledSince: 1000 });
    outbox.giveUp(outbox.store.byId(stuck.id)?.seq ?? -1);
    await expect.poll(() => sender.abandoned).toEqual([stuck.id]);
    expect(words(outbox.store.byId(stuck.id)?.reason)).toBe('not acknowledged by the broker (given up after 31 s; it may or may not have been delivered)');
    expect(sender.sent.map((sent) => sent.payload)).toEqual(['fermer', 'ouvrir']);
  });
});
