/**
 * The page's first module (main.ts imports it before anything else): starts the engine's Worker, whose
 * chunk (mqtt.js included) then loads and compiles while the elements are being defined.
 */
export const engineWorker = new Worker(new URL('./engine/engine-worker.ts', import.meta.url), { type: 'module', name: 'mqtt engine' });
