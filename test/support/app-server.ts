/** Serves the production build (dist/) on a free loopback port, through Vite's preview server. */
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import { freePort } from './ports';

export async function serveBuiltApp(): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does) first.');
  const port = await freePort();
  const server: PreviewServer = await preview({
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
