/**
 * `npm start`'s Sparkplug B edge node: group Usine1, node Ligne1, devices Presse and Four. Data every
 * second by alias; it dies (no DISCONNECT: its NDEATH is the broker's Will) for 10 s every 90 s and is
 * born again with the next bdSeq. It answers Rebirth requests and applies writes.
 */
import Long from 'long';
import { SparkplugEdgeNode } from './sparkplug-edge-node';

const DATA_EVERY_MS = 1000;
const OUTAGE = { everyMs: 90_000, forMs: 10_000 };

export function startSimulatedEdgeNode(brokerUrl: string): { stop(): Promise<void> } {
  const edge = new SparkplugEdgeNode({ brokerUrl });
  let stopped = false;
  let tick = 0;
  const start = () => edge.start().catch((error: unknown) => console.error(`Sparkplug edge node: ${error instanceof Error ? error.message : String(error)}`));
  void start();
  const data = setInterval(() => {
    if (!edge.connected) return;
    tick++;
    const pieces = (edge.metrics.find((metric) => metric.name === 'Pièces produites')?.value as Long | undefined) ?? Long.UZERO;
    const wave = Math.sin(tick / 10);
    void edge
      .data({ 'Pièces produites': pieces.add(1), 'Vitesse ligne': Math.round((42 + 3 * wave) * 10) / 10 })
      .then(() => edge.data({ Pression: Math.round((180 + 6 * wave + Math.random()) * 10) / 10 }, 'Presse'))
      .then(() => edge.data({ Température: Math.round((218 + 4 * Math.cos(tick / 15)) * 10) / 10 }, 'Four'))
      .catch(() => undefined);
  }, DATA_EVERY_MS);
  const outage = setInterval(() => {
    edge.die();
    setTimeout(() => {
      if (stopped) return;
      edge.bdSeq = (edge.bdSeq + 1) % 256;
      void start();
    }, OUTAGE.forMs);
  }, OUTAGE.everyMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(data);
      clearInterval(outage);
      await edge.stop();
    },
  };
}
