/** The options every mqtt.js client of the dashboard is created with. */
import type { IClientOptions } from 'mqtt';
import type { ConnectRequest, ProtocolVersion } from './connection-types';

const CONNECT_TIMEOUT_MS = 10_000;
/** How long the broker keeps a persistent MQTT 5 session while the dashboard is away. */
export const SESSION_EXPIRY_SECONDS = 3600;

export function clientOptions(request: ConnectRequest, protocol: ProtocolVersion, shared: Partial<IClientOptions>): IClientOptions {
  const options: IClientOptions = {
    protocolVersion: protocol === '5' ? 5 : 4,
    clientId: request.clientId,
    keepalive: request.keepaliveSeconds,
    clean: request.cleanSession,
    reconnectPeriod: 0, // the dashboard schedules its own attempts, with backoff
    connectTimeout: CONNECT_TIMEOUT_MS,
    resubscribe: false, // the dashboard restores its own subscriptions on every CONNACK
    queueQoSZero: false,
    manualConnect: true,
    ...shared,
  };
  if (request.username) options.username = request.username;
  if (request.password) options.password = request.password;
  if (protocol === '5' && !request.cleanSession) options.properties = { sessionExpiryInterval: SESSION_EXPIRY_SECONDS };
  if (request.presenceTopic) options.will = { topic: request.presenceTopic, payload: 'offline', qos: 1, retain: true };
  return options;
}
