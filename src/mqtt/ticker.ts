/**
 * Calls a function at a fixed interval, from a worker's timer when the browser has workers, so the
 * keep-alive watchdog keeps its pace in a background tab. Falls back to setInterval elsewhere (Node).
 */

export type StopTicking = () => void;

export function startTicker(intervalMs: number, tick: () => void): StopTicking {
  // In a worker already (the engine's), timers keep their pace: no second worker is needed.
  if (typeof Worker === 'undefined' || typeof document === 'undefined') {
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }
  let worker: Worker;
  try {
    worker = new Worker(new URL('./tick-worker.ts', import.meta.url), { type: 'module', name: 'keep-alive ticker' });
  } catch {
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }
  worker.addEventListener('message', tick);
  worker.postMessage(intervalMs);
  return () => worker.terminate();
}
