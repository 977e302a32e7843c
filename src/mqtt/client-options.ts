/** The options every mqtt.js client of the dashboard is created with. */
import type { IClientOptions } from 'mqtt';
import type { ConnectRequest } from './connection-types';
import type { ProtocolVersion } from '../shared/types';

/** A WebSocket that opens but never answers the CONNECT (not an MQTT broker) is reported after this long. */
export const CONNECT_TIMEOUT_MS = 4500;
/** How many topic aliases the dashboard accepts from the broker (MQTT 5). */
export const TOPIC_ALIASES_ACCEPTED = 64;

/** The dashboard's presence payload: `online` / `offline`, or what the request says (a Sparkplug host's STATE). */
export const presencePayload = (request: ConnectRequest, online: boolean, connectAt: number) =>
  request.presenceMessage?.(online, connectAt) ?? (online ? 'online' : 'offline');

/** `connectAt`: when the CONNECT is made (the Will of a Sparkplug host carries it). */
export function clientOptions(request: ConnectRequest, protocol: ProtocolVersion, shared: Partial<IClientOptions>, connectAt = Date.now()): IClientOptions {
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
    // MQTT 5 topic aliases when sending, within what the broker's CONNACK allows: repeated commands
    // to the same topic carry a 2-byte alias instead of the topic.
    autoAssignTopicAlias: protocol === '5',
    ...shared,
  };
  if (request.username) options.username = request.username;
  if (request.password) options.password = request.password;
  if (protocol === '5') {
    options.properties = { topicAliasMaximum: TOPIC_ALIASES_ACCEPTED, maximumPacketSize: request.maximumPacketBytes };
    if (!request.cleanSession) options.properties.sessionExpiryInterval = request.sessionExpirySeconds;
  }
  if (request.presenceTopic) options.will = { topic: request.presenceTopic, payload: presencePayload(request, false, connectAt), qos: 1, retain: true };
  return options;
}
