/** Composition root: builds the services and hands them to the root element. */
import { DashboardService } from './app/dashboard-service';
import { parseKioskLink } from './app/kiosk-link';
import { watchLinkTriggers } from './app/link-triggers';
import { MqttConnection } from './mqtt/connection';
import { openDashboardDatabase } from './storage/database';
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

async function openRepository(): Promise<{ repository: SettingsRepository | null; problem: string | null }> {
  try {
    return { repository: new SettingsRepository(await openDashboardDatabase()), problem: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      repository: null,
      problem: `This browser refused local storage (IndexedDB: ${reason}). The dashboard works, but settings will not survive a reload.`,
    };
  }
}

async function main(): Promise<void> {
  const element = document.querySelector('mqtt-dashboard');
  if (!element) throw new Error('index.html must contain <mqtt-dashboard>.');
  const { repository, problem } = await openRepository();
  const service = new DashboardService(new MqttConnection(), repository, defaultSettings(defaultBrokerUrl(), randomId));
  element.service = service;
  watchLinkTriggers(service);
  await service.start(parseKioskLink(location.search), problem);
}

void main();
