/** Serves the production build (dist/) on a free loopback port, through Vite's preview server. */
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import { freePort } from './ports';

/**
 * `deploymentHeaders: false` serves dist/ as a careless deployment would: without the HTTP headers of
 * vite.config.ts (frame-ancestors and the rest), to test what the page does on its own.
 */
export async function serveBuiltApp({ deploymentHeaders = true } = {}): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does) first.');
  const port = await freePort();
  const server: PreviewServer = await preview({
    logLevel: 'silent',
    ...(deploymentHeaders ? {} : { configFile: false as const }),
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
