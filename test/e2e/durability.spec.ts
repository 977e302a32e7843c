/**
 * Commands are on disk before "Queued": the outbox's IndexedDB writes of a command and of every QoS 2
 * handshake step are committed with strict durability (flushed to the storage medium, not only handed to
 * the operating system), as Chromium reports them on the transactions themselves, in the engine's Worker.
 */
import { connectDevice } from '../support/devices';
import { expect, kioskLink, status, test, typeCommand } from '../support/fixtures';

interface OutboxWrite {
  op: 'add' | 'put';
  state: string;
  stage: string | null;
  qos: number;
  durability: string;
}

/** Records the outbox's writes where they happen: in the engine's Worker. */
function recordOutboxWrites(): void {
  const writes: OutboxWrite[] = [];
  (globalThis as unknown as { outboxWrites: OutboxWrite[] }).outboxWrites = writes;
  for (const op of ['add', 'put'] as const) {
    const original = IDBObjectStore.prototype[op];
    IDBObjectStore.prototype[op] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'outbox') {
        const command = value as { state: string; stage: string | null; qos: number };
        writes.push({ op, state: command.state, stage: command.stage, qos: command.qos, durability: this.transaction.durability });
      }
      return original.call(this, value, key);
    } as (typeof IDBObjectStore.prototype)[typeof op];
  }
}

test('the outbox writes commands and QoS 2 handshake steps with strict durability', async ({ page, mosquitto }) => {
  const received: string[] = [];
  const witness = await connectDevice(mosquitto.tcpUrl, { clientId: 'witness' });
  await witness.subscribeAsync('vanne/commande', { qos: 1 }); // QoS 1: delivered in wire order (QoS 2 waits for PUBREL)
  witness.on('message', (_topic, payload) => received.push(payload.toString()));

  await page.goto(kioskLink({ broker: mosquitto.wsUrl, clientId: 'tablette-durable', clean: false }));
  await expect(status(page)).toContainText('Connected');
  const engine = page.workers().find((worker) => worker.url().includes('engine-worker'));
  if (!engine) throw new Error('The engine Worker is not running.');
  await engine.evaluate(recordOutboxWrites);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await typeCommand(page, 'vanne/commande', 'ouvrir', 2);
  await typeCommand(page, 'vanne/commande', 'fermer', 1);
  await page.locator('connection-panel').getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(status(page)).toContainText('Connected');
  await expect.poll(() => received).toEqual(['ouvrir', 'fermer']);
  await expect(page.getByRole('status', { name: 'Pending commands' })).toHaveText('0 pending');

  const writes = await engine.evaluate(() => (globalThis as unknown as { outboxWrites: OutboxWrite[] }).outboxWrites);
  const unfinished = writes.filter((write) => write.state === 'queued' || write.state === 'sending');
  expect(writes.filter((write) => write.op === 'add').map((write) => write.durability)).toEqual(['strict', 'strict']);
  expect(unfinished.some((write) => write.qos === 2 && write.stage === 'pubrel')).toBe(true); // the QoS 2 step was written
  expect(unfinished.filter((write) => write.durability !== 'strict')).toEqual([]);
  // Finished commands' bookkeeping may stay relaxed: losing it is harmless.
  expect(writes.some((write) => write.state === 'delivered')).toBe(true);
});
