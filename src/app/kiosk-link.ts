/**
 * URL parameters that preconfigure the dashboard and connect at load, for wall tablets and bookmarks:
 * ?broker=ws://127.0.0.1:9001&sub=moteur/%23&sub=usine/+/pression&qos=1&clientId=…&v=auto|5|4&clean=1|0&keepalive=30&username=…
 * &broker repeated: the nodes of a cluster, in the order to try them
 * &fresh=1|0 (a cluster that keeps dropping the session: start a fresh one at once, or wait for its node)
 * &will=1|0 (the dashboard's own presence and Last Will) &presence=1|0 (device presence, with the saved rules)
 * &expiry=3600 (MQTT 5 session expiry in seconds, for clean=0)
 * &kiosk=1 (full-screen wall display: the values only, read-only, the settings hidden)
 * &commands=1 (with kiosk=1: the quick commands are shown on the device cards, each asking for confirmation)
 * &sphost=<id> (act as a Sparkplug B host application: STATE birth and Will) &rebirth=auto|ask (an out-of-sync Sparkplug node)
 * &trends=1|0 (keep trends on this device, or not: turned off, what was kept is erased)
 */
import { validHostId } from '../sparkplug/sparkplug-state';
import { topicFilterProblem } from '../mqtt/topic-filter';
import { MAX_MAX_PACKET_KIB, type StoredSettings, type SubscriptionSetting } from '../storage/settings';
import type { ProtocolChoice, QoS } from '../shared/types';
import { problemWords } from '../ui/problem-words';
import { msg } from '../i18n/words';

export interface KioskLink {
  /** Settings the link sets; the rest come from what was saved. */
  settings: Partial<StoredSettings>;
  /** Subscriptions the link asks for, or null when it names none (the saved ones stay). */
  subscriptions: SubscriptionSetting[] | null;
  /** Device presence turned on or off by the link (the saved rules are kept), or null when it does not say. */
  presenceEnabled: boolean | null;
  /** Show the values only, with the settings hidden (a wall-mounted tablet). */
  kiosk: boolean;
  /** In kiosk mode, whether the quick commands are offered (commands=1); off by default. */
  kioskCommands: boolean;
  /** In kiosk mode, whether alarms may be acknowledged and shelved (ack=1); off by default. */
  kioskAlarms?: boolean;
  /** True when the link carries any parameter: connect at load, with no click. */
  connectAtLoad: boolean;
  /** Parameters that were ignored, and why. */
  problems: string[];
}

const PROTOCOLS: Record<string, ProtocolChoice> = { auto: 'auto', '5': '5', '4': '3.1.1', '3.1.1': '3.1.1' };

/**
 * Reads a query string where "+" stays "+": it is MQTT's single-level wildcard, and people write
 * `sub=usine/+/pression` by hand. (URLSearchParams would turn it into a space.)
 */
function readQuery(search: string): { get(name: string): string | null; getAll(name: string): string[]; has(name: string): boolean } {
  const values = new Map<string, string[]>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = decodeLenient(equals === -1 ? part : part.slice(0, equals));
    const value = equals === -1 ? '' : decodeLenient(part.slice(equals + 1));
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return {
    get: (name) => values.get(name)?.[0] ?? null,
    getAll: (name) => values.get(name) ?? [],
    has: (name) => values.has(name),
  };
}

function decodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseKioskLink(search: string): KioskLink {
  const params = readQuery(search);
  const settings: Partial<StoredSettings> = {};
  const problems: string[] = [];
  let presenceEnabled: boolean | null = null;
  const known = ['broker', 'sub', 'qos', 'clientId', 'v', 'clean', 'keepalive', 'username', 'will', 'fresh', 'presence', 'expiry', 'kiosk', 'commands', 'ack', 'maxpacket', 'sphost', 'rebirth', 'trends'];

  // Repeated for a cluster: the nodes' URLs, in the order to try them.
  const brokers = params.getAll('broker').filter((url) => url.trim() !== '');
  if (brokers.length > 0) settings.brokerUrl = brokers.join(' ');
  const clientId = params.get('clientId');
  if (clientId !== null && clientId !== '') settings.clientId = clientId;
  const username = params.get('username');
  if (username !== null) settings.username = username;

  const version = params.get('v');
  if (version !== null) {
    const protocol = PROTOCOLS[version];
    if (protocol) settings.protocol = protocol;
    else problems.push(msg('v={0} was ignored: use auto, 5 or 4 (MQTT 3.1.1).', version));
  }

  const clean = params.get('clean');
  if (clean !== null) {
    if (clean === '1' || clean === '0') settings.cleanSession = clean === '1';
    else problems.push(msg('clean={0} was ignored: use 1 (clean session) or 0 (persistent session).', clean));
  }

  const will = params.get('will');
  if (will !== null) {
    if (will === '1' || will === '0') settings.lastWill = will === '1';
    else problems.push(msg("will={0} was ignored: use 1 (announce the dashboard's presence, with a Last Will) or 0.", will));
  }

  const fresh = params.get('fresh');
  if (fresh !== null) {
    if (fresh === '1' || fresh === '0') settings.freshSessionWhenPinned = fresh === '1';
    else problems.push(msg('fresh={0} was ignored: use 1 (a cluster that keeps dropping the session: start a fresh one) or 0 (wait for its node).', fresh));
  }

  const presence = params.get('presence');
  if (presence !== null) {
    if (presence === '1' || presence === '0') presenceEnabled = presence === '1';
    else problems.push(msg('presence={0} was ignored: use 1 (track device presence) or 0.', presence));
  }

  const keepalive = params.get('keepalive');
  if (keepalive !== null) {
    const seconds = Number(keepalive);
    if (seconds === 0) problems.push(msg('keepalive=0 was ignored: it turns off the keep-alive, so a dead link would go unnoticed. Use 5 to 65535 seconds.'));
    else if (Number.isInteger(seconds) && seconds > 0 && seconds <= 65_535) settings.keepaliveSeconds = seconds;
    else problems.push(msg('keepalive={0} was ignored: use a whole number of seconds from 5 to 65535.', keepalive));
  }

  const hostId = params.get('sphost');
  if (hostId !== null) {
    if (hostId === '' || validHostId(hostId)) settings.sparkplugHostId = hostId;
    else problems.push(msg('sphost={0} was ignored: a Sparkplug host id is one topic level, without /, + or #.', hostId));
  }

  const rebirth = params.get('rebirth');
  if (rebirth !== null) {
    if (rebirth === 'auto' || rebirth === 'ask') settings.sparkplugRebirth = rebirth;
    else problems.push(msg('rebirth={0} was ignored: use auto (ask an out-of-sync Sparkplug node to rebirth at once) or ask (offer a button).', rebirth));
  }

  const trends = params.get('trends');
  if (trends !== null) {
    if (trends === '1' || trends === '0') settings.keepTrends = trends === '1';
    else problems.push(msg('trends={0} was ignored: use 1 or 0.', trends));
  }

  const maxPacket = params.get('maxpacket');
  if (maxPacket !== null) {
    const kib = Number(maxPacket);
    if (maxPacket.trim() !== '' && Number.isInteger(kib) && kib >= 1 && kib <= MAX_MAX_PACKET_KIB) settings.maxPacketKiB = kib;
    else problems.push(msg('maxpacket={0} was ignored: use the largest packet to accept, in KiB, from 1 to {1}.', maxPacket, MAX_MAX_PACKET_KIB));
  }

  const expiry = params.get('expiry');
  if (expiry !== null) {
    const seconds = Number(expiry);
    if (expiry.trim() !== '' && Number.isInteger(seconds) && seconds >= 0 && seconds <= 4_294_967_295) settings.sessionExpirySeconds = seconds;
    else problems.push(msg('expiry={0} was ignored: use a whole number of seconds (the MQTT 5 session expiry).', expiry));
  }

  let kiosk = false;
  const kioskParam = params.get('kiosk');
  if (kioskParam !== null) {
    if (kioskParam === '1' || kioskParam === '0') kiosk = kioskParam === '1';
    else problems.push(msg('kiosk={0} was ignored: use 1 (values only, settings hidden) or 0.', kioskParam));
  }

  let kioskCommands = false;
  const commandsParam = params.get('commands');
  if (commandsParam !== null) {
    if (commandsParam === '1' || commandsParam === '0') kioskCommands = commandsParam === '1';
    else problems.push(msg('commands={0} was ignored: use 1 (quick commands on the device cards) or 0.', commandsParam));
  }

  let kioskAlarms = false;
  const ackParam = params.get('ack');
  if (ackParam !== null) {
    if (ackParam === '1' || ackParam === '0') kioskAlarms = ackParam === '1';
    else problems.push(msg('ack={0} was ignored: use 1 (alarms can be acknowledged from this screen) or 0.', ackParam));
  }

  let qos: QoS = 0;
  const qosParam = params.get('qos');
  if (qosParam !== null) {
    if (qosParam === '0' || qosParam === '1' || qosParam === '2') qos = Number(qosParam) as QoS;
    else problems.push(msg('qos={0} was ignored: use 0, 1 or 2.', qosParam));
  }

  const filters = params.getAll('sub');
  let subscriptions: SubscriptionSetting[] | null = null;
  if (filters.length > 0) {
    subscriptions = [];
    for (const filter of filters) {
      const problem = topicFilterProblem(filter);
      if (problem) problems.push(msg('sub={0} was ignored: {1}', filter, problemWords(problem)));
      else if (!subscriptions.some((existing) => existing.filter === filter)) subscriptions.push({ filter, qos });
    }
  }

  const connectAtLoad = known.some((name) => params.has(name));
  return { settings, subscriptions, presenceEnabled, kiosk, kioskCommands, kioskAlarms, connectAtLoad, problems };
}
