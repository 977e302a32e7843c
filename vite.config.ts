import type { Plugin } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './test/support/chromium.ts';
import ts from 'typescript';

/**
 * Collapses the whitespace and comments inside Lit's css`…` literals in production builds (the minifier
 * leaves template strings as written). Our style blocks hold no `${…}`, so this is plain CSS text.
 */
function compactLitCss(): Plugin {
  return {
    name: 'compact-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/src/ui/') || !code.includes('css`')) return null;
      return code.replace(/css`([^`]*)`/g, (_whole, body: string) => {
        const compact = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':') // after a property's name (a selector's colon is never followed by a space)
          .replace(/;}/g, '}')
          .trim();
        return `css\`${compact}\``;
      });
    },
  };
}

/**
 * Collapses each line break and the indentation after it, inside Lit's html`…` templates, to one space in
 * production builds: HTML reads any run of white space between words or tags as one space, so what is
 * drawn is the same (no template holds literal text inside <pre> or a pre-wrap element: those get their
 * text from bindings). The minifier keeps template strings as written; the first load is smaller by this.
 */
function compactLitHtml(): Plugin {
  return {
    name: 'compact-lit-html',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/src/ui/') || !id.endsWith('.ts') || !code.includes('html`')) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: Array<[number, number, string]> = [];
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'html') {
          const template = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
          for (const part of parts) {
            // The literal's text between its delimiters (` or } before, ` or ${ after).
            const start = part.getStart(source) + 1;
            const end = part.getEnd() - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2);
            const text = code.slice(start, end);
            const compact = text.replace(/\n\s*/g, ' ');
            if (compact !== text) edits.push([start, end, compact]);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (edits.length === 0) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/** The HTTP headers a deployment should send (public/_headers holds the same for static hosts). */
const DEPLOYMENT_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    // Terser packs mqtt.js tighter than the default minifier: what keeps the first load under 130 KB gzip.
    minify: 'terser',
    terserOptions: { compress: { passes: 2 } },
    // The words (src/i18n/words.ts) go with Lit in the one chunk the first screen shares with the lazy ones:
    // a chunk of their own costs the first load a request and a few hundred bytes of gzip.
    rolldownOptions: {
      output: {
        // Lazy chunks are named by their hash alone: the first load lists them all (for preloading), and
        // their names would cost it bytes; the source maps still say what is in each.
        chunkFileNames: 'assets/c-[hash].js',
        advancedChunks: {
          groups: [{ name: 'shared', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|src[\\/]ui[\\/]dashboard-context|src[\\/]i18n[\\/]words/ }],
        },
      },
    },
  },
  // The engine's Worker is a module worker: its lazy parts (presence rules' checks) stay lazy there too.
  worker: { format: 'es', rolldownOptions: { output: { minify: true } } },
  // What a <meta> CSP cannot say: no framing by other sites (see the README's deployment headers).
  server: { host: '127.0.0.1', headers: DEPLOYMENT_HEADERS },
  preview: { host: '127.0.0.1', headers: DEPLOYMENT_HEADERS },
  plugins: [
    compactLitCss(),
    compactLitHtml(),
    VitePWA({
      // A new version waits until the user taps "Reload": code is never swapped under a running session.
      registerType: 'prompt',
      // Registration is done by src/app/app-update.ts (no inline script: the CSP forbids them).
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        name: 'MQTT Dashboard',
        short_name: 'MQTT',
        description: 'Live MQTT values, device presence and durable commands, straight from the browser over WebSockets.',
        lang: 'en',
        dir: 'ltr',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b63c5',
        background_color: '#0f1419',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell and every lazy chunk, so an installed app opens with no network at all.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // No runtime caching: broker traffic is WebSocket, which a service worker never sees.
        runtimeCaching: [],
        // Alarm notifications' Acknowledge action (public/alarm-notifications-sw.js).
        importScripts: ['alarm-notifications-sw.js'],
      },
      devOptions: { enabled: false },
    }),
  ],
  test: {
    projects: [
      // Plain TypeScript (stores, transport, storage with fake-indexeddb), in Node.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // Elements alone, in real Chromium (Debian's, headless), with a mirror fed by hand: no engine, no broker.
      {
        extends: true,
        test: {
          name: 'elements',
          include: ['test/elements/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
