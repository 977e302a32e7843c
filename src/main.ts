/** Composition root: builds the services and hands them to the root element. */
import { DashboardService } from './app/dashboard-service';
import type { KioskLink } from './app/kiosk-link';
import { watchLinkTriggers } from './app/link-triggers';
import { OutboxService } from './app/outbox-service';
import { OutboxSync } from './app/outbox-sync';
import { ValueMemory } from './app/value-memory';
import { ValueSnapshotRepository } from './storage/value-snapshot';
import { MqttConnection } from './mqtt/connection';
import { openDashboardDatabase, type DashboardDatabase } from './storage/database';
import { OutboxRepository } from './storage/outbox-repository';
import { SettingsRepository, defaultSettings } from './storage/settings';
import './ui/mqtt-dashboard';

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The dev server (npm start) points the dashboard at its embedded broker; elsewhere, port 9001 of this host. */
function defaultBrokerUrl(): string {
  const fromBuild: unknown = import.meta.env['VITE_DEFAULT_BROKER'];
  if (typeof fromBuild === 'string' && fromBuild !== '') return fromBuild;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname || '127.0.0.1'}:9001`;
}

async function openDatabase(): Promise<{ database: DashboardDatabase | null; problem: string | null }> {
  try {
    return { database: await openDashboardDatabase(), problem: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      database: null,
      problem: `This browser refused local storage (IndexedDB: ${reason}). Values show, but settings will not survive a reload and commands cannot be queued.`,
    };
  }
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
  const { database, problem } = await openDatabase();
  const outbox = new OutboxService(database ? new OutboxRepository(database) : null, new OutboxSync());
  const outboxProblem = await outbox.load();
  const settings = database ? new SettingsRepository(database) : null;
  const service = new DashboardService(new MqttConnection(), settings, defaultSettings(defaultBrokerUrl(), randomId), outbox);
  element.service = service;
  watchLinkTriggers(service);
  const memory = database
    ? new ValueMemory(service.topics, service.presence, new ValueSnapshotRepository(database), () => service.settings.state.pinned, (message) => service.report(message))
    : null;
  await memory?.restore();
  await service.start(await readLink(location.search), problem ?? outboxProblem);
  memory?.start();
  // Offline support and the update prompt: after the first screen, in their own chunk.
  try {
    const { AppUpdate } = await import('./app/app-update');
    const update = new AppUpdate();
    element.appUpdate = update;
    await update.start();
  } catch {
    service.report('Offline support did not load: the dashboard works while online. Reload to try again.');
  }
}

void main();
