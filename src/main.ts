/**
 * Composition root on the main thread: starts the engine's Worker, builds the mirror the elements read,
 * forwards the page's wake-ups to the engine, and registers the service worker. mqtt.js, the stores'
 * engine side and IndexedDB's journal all live in the Worker's chunk, which loads in parallel.
 */
// First: the engine's Worker starts loading before the rest of this module graph is evaluated.
import { engineWorker } from './engine-boot';
import * as Comlink from 'comlink';
import type { KioskLink } from './app/kiosk-link';
import { watchLinkTriggers } from './app/link-triggers';
import type { Engine } from './engine/engine';
import { DashboardMirror } from './mirror/dashboard-mirror';
import { defaultSettings, randomId, type StoredSettings } from './storage/settings';
import { foreignFramer } from './app/framing';
import './ui/mqtt-dashboard';
import { startLanguage } from './ui/language-choice';
import { english, language, onLanguageChange } from './i18n/words';

/** The dev server (npm start) points the dashboard at its embedded broker; elsewhere, port 9001 of this host. */
function defaultBrokerUrl(): string {
  const fromBuild: unknown = import.meta.env['VITE_DEFAULT_BROKER'];
  if (typeof fromBuild === 'string' && fromBuild !== '') return fromBuild;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname || '127.0.0.1'}:9001`;
}

/** What a visit with no URL parameters reads as (the same as parseKioskLink('')). */
const NO_LINK: KioskLink = { settings: {}, subscriptions: null, presenceEnabled: null, kiosk: false, kioskCommands: false, connectAtLoad: false, problems: [] };

/** The URL parameters' parser comes with them: a plain visit does not load it. */
async function readLink(search: string): Promise<KioskLink> {
  if (search === '' || search === '?') return NO_LINK;
  const { parseKioskLink } = await import('./app/kiosk-link');
  return parseKioskLink(search);
}

async function main(): Promise<void> {
  const element = document.querySelector('mqtt-dashboard');
  if (!element) throw new Error('index.html must contain <mqtt-dashboard>.');
  const engine = Comlink.wrap<Engine>(engineWorker);
  // The words first (French loads only for a French screen), so that the first screen is drawn in them.
  await startLanguage(location.search);
  void engine.useLanguage(language());
  onLanguageChange(() => void engine.useLanguage(language()));
  const defaults = defaultSettings(defaultBrokerUrl(), randomId);
  // npm start's simulated devices come with their controls and alarms (until the user changes them).
  const demoLayout: unknown = import.meta.env['VITE_DEMO_LAYOUT'];
  if (typeof demoLayout === 'string' && demoLayout !== '') Object.assign(defaults, JSON.parse(demoLayout) as Pick<StoredSettings, 'controls' | 'alarms'>);
  const framedBy = foreignFramer();
  const mirror = new DashboardMirror(engine, defaults, framedBy);
  element.service = mirror;
  watchLinkTriggers(mirror);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') mirror.pageHidden();
  });
  await engine.start({ defaults, link: await readLink(location.search) }, Comlink.proxy((frame) => mirror.apply(frame)));
  performance.mark('engine started'); // the startup's steps, for a profile: see BENCHMARKS.md
  if (framedBy !== null) mirror.report({ kind: 'framed', by: framedBy });
  // Offline support and the update prompt: after the first screen, in their own chunk.
  try {
    const { AppUpdate } = await import('./app/app-update');
    const update = new AppUpdate();
    element.appUpdate = update;
    await update.start();
  } catch {
    mirror.report({ kind: 'page-note', text: english('Offline support did not load: the dashboard works while online. Reload to try again.') });
  }
}

void main();
