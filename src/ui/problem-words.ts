/**
 * Every problem the engine reports, in words a person can act on: the one place where they are written.
 * The engine, the connection and the repositories report what happened as data (src/shared/problems.ts).
 */
import { formatBytes } from '../mqtt/payload';
import { isCredentialRefusal, isProtocolVersionRefusal, isTransientRefusal } from '../mqtt/reason-codes';
import { MAX_TOPIC_BYTES } from '../mqtt/topic-filter';
import type { BrokerRefusal, LinkLoss, Problem, TopicFault, TopicRole } from '../shared/problems';
import { connackReason, reasonInWords, subackReason } from './reason-words';

const URL_FORMS = 'Use ws://host:port/path or wss://host:port/path.';

export function problemWords(problem: Problem): string {
  switch (problem.kind) {
    case 'page-note':
      return problem.text;
    case 'bad-broker-url':
      switch (problem.fault) {
        case 'empty':
          return `Bad broker URL: it is empty. ${URL_FORMS}`;
        case 'not-url':
          return `Bad broker URL “${problem.url}”: it is not a URL. ${URL_FORMS}`;
        case 'not-websocket':
          return `Bad broker URL “${problem.url}”: a browser reaches MQTT brokers only over WebSockets, so it must start with ws:// or wss://.`;
        case 'no-host':
          return `Bad broker URL “${problem.url}”: it names no host.`;
      }
      break;
    case 'password-without-username':
      return 'A password was given without a username: enter the username too.';
    case 'bad-connect-field':
      return connectFieldWords(problem.field, problem.fault, problem.bytes);
    case 'bad-topic':
      return topicWords(problem.role, problem.fault);
    case 'payload-too-large': {
      const packet = problem.maximumPacketSize;
      if (problem.brokersLimit && packet != null) {
        return problem.limit === 0
          ? `The broker accepts packets of at most ${formatBytes(packet)} (its Maximum Packet Size): once the topic and the command's header and properties are counted, no room is left for a payload. Shorten the topic, or raise the broker's maximum packet size.`
          : `The payload is ${formatBytes(problem.bytes)}: the broker accepts packets of at most ${formatBytes(packet)} (its Maximum Packet Size), which leaves ${formatBytes(problem.limit)} for a payload to this topic. Shorten it.`;
      }
      const why = problem.brokersLimit ? 'what the broker accepts (its Maximum Packet Size)' : 'the limit for commands';
      return `The payload is ${formatBytes(problem.bytes)}, more than ${why}: ${formatBytes(problem.limit)}. Shorten it.`;
    }
    case 'unreachable':
      return `Cannot reach ${problem.brokerUrl}: no MQTT answer over WebSocket. Check the address, the port, the path and that the broker has a WebSocket listener.${tlsHint(problem.brokerUrl)}`;
    case 'connect-refused':
      return connectRefusedWords(problem);
    case 'link-lost':
      if (problem.cause?.kind === 'protocol-error') {
        const { code, detail } = problem.cause;
        return `Connection closed by the dashboard: the broker sent ${detail} (${reasonInWords(code)}). It connects again by itself.`;
      }
      return problem.cause === null ? 'Connection lost.' : `Connection lost. ${lossWords(problem.cause)}`;
    case 'client-id-taken':
      return problem.evidence === 'taken-over'
        ? `Stopped: another device is using client id “${problem.clientId}”: it connected with the same id and the broker closed this connection (session taken over). Reconnecting would push that device off in turn, for ever. Use a new client id for this dashboard, or stop the other device, then Connect.`
        : `Another device is probably using client id “${problem.clientId}”: the broker closed the connection right after accepting it, ${problem.drops} times in a row, as it does when a second client connects with the same id. The dashboard keeps trying, less and less often (a flapping network does the same). Use a new client id for this dashboard, or stop the other device.`;
    case 'session-pinned': {
      const node = problem.heldBy ? `on ${problem.heldBy}, which is unreachable` : 'on a node that is unreachable';
      return `The cluster keeps dropping this dashboard's session: its nodes accept client id “${problem.clientId}” and close the connection at once (${problem.drops} times in a row). The session is probably held ${node} (RabbitMQ keeps a session on one node). Waiting keeps it: messages queued for this dashboard on the lost node arrive when it returns. A fresh session (a new client id) connects now: commands in the outbox are resent; what the lost node kept for the old session is not delivered here.`;
    }
    case 'fresh-session-started': {
      const node = problem.heldBy ? ` held on ${problem.heldBy}, which is unreachable` : ' held on a node that is unreachable';
      return `Started a fresh session as “${problem.clientId}”: the cluster kept dropping “${problem.previousClientId}”, whose session is${node}. Commands in the outbox are resent; messages queued for the old session stay on the lost node and are not delivered here. Turn off “Start a fresh session when a cluster keeps dropping this one” in the connection settings to wait for the node instead.`;
    }
    case 'framed':
      return `This dashboard is shown inside another site (${problem.by}): sending commands is turned off here, so that a page laid over it cannot trick you into sending one. Open the dashboard directly, in its own tab, to send commands.`;
    case 'not-connected':
      return 'Not connected to a broker.';
    case 'bad-metric-value':
      return `Not queued: ${problem.metric} is a ${problem.datatype} metric, so its value must be ${problem.expected}.`;
    case 'unknown-metric':
      return `Not queued: no birth certificate of ${problem.owner} declares a metric ${problem.metric}, so its datatype is unknown. Request a rebirth from the edge node, then try again.`;
    case 'bad-host-id':
      return `“${problem.hostId}” cannot be a Sparkplug host id: it is one topic level, without /, + or #, and not empty. Fix it in the connection settings.`;
    case 'subscription-refused':
      return `The broker refused the subscription: ${subscriptionRefusalWords(problem.refusal)}.`;
    case 'replies-refused':
      return `Replies to commands cannot be received: the broker refused the subscription to ${problem.topic} (${subscriptionRefusalWords(problem.refusal)}). Allow it in the broker's ACL.`;
    case 'unsubscribe-failed':
      return `Unsubscribing from ${problem.filter} failed: ${problem.detail}.`;
    case 'publish-refused':
      return refusalWords(problem.refusal);
    case 'command-expired':
      return `expired: not sent within its message expiry of ${problem.expirySeconds} s. Retry sends it again with a new expiry.`;
    case 'qos0-interrupted':
      return 'The page closed while this QoS 0 command was being written: it may or may not have reached the broker (QoS 0 is never resent). Retry it if needed.';
    case 'storage-refused':
      return problem.forCommand
        ? 'This browser refused local storage (IndexedDB), so commands cannot be kept safe: the command was not queued. Allow site storage (leave private browsing), then reload.'
        : `This browser refused local storage (IndexedDB: ${problem.detail ?? 'not available'}). Values show, but settings will not survive a reload and commands cannot be queued.`;
    case 'storage-failed': {
      const { detail } = problem;
      switch (problem.thing) {
        case 'command':
        case 'command-state': {
          const lost = problem.thing === 'command' ? 'the command was not queued' : 'a state change was not saved';
          return problem.full
            ? `The browser's storage for this site is full, so ${lost}. Clear delivered commands from the outbox, or free space in the browser's site settings, then send again.`
            : `The command could not be stored (${detail}), so ${lost}. Reload the page and send again.`;
        }
        case 'outbox':
          return `The outbox could not be read (${detail}).`;
        case 'saved-settings':
          return `Saved settings could not be read (${detail}); starting from the defaults.`;
        case 'settings':
          return problem.full
            ? "Settings could not be saved: the browser's storage for this site is full; they will be lost on reload. Free space in the browser's site settings."
            : `Settings could not be saved (${detail}); they will be lost on reload.`;
        case 'last-values':
          return `The last known values could not be read (${detail}); they show again once the broker sends them.`;
        case 'kept-values':
          return `The last values could not be kept for offline use (${detail}): the device storage may be full. Live values are not affected.`;
      }
    }
  }
  return 'Something went wrong.';
}

/**
 * A browser says nothing to the page when it refuses a broker's certificate: the WebSocket just fails. For
 * wss://, say what the likely cause is and how to trust the certificate on a tablet.
 */
function tlsHint(brokerUrl: string): string {
  let url: URL;
  try {
    url = new URL(brokerUrl);
  } catch {
    return '';
  }
  if (url.protocol !== 'wss:') return '';
  return ` With wss://, the broker's TLS certificate may not be trusted by this browser (self-signed, or from a private CA): open https://${url.host}/ once in this browser and accept the certificate, or install the CA certificate on the tablet (Settings › Security › Install a certificate), then Retry.`;
}

function connectRefusedWords(problem: Extract<Problem, { kind: 'connect-refused' }>): string {
  const { code, protocol } = problem;
  const said = problem.reasonString ? ` (the broker says: “${problem.reasonString}”)` : '';
  let hint = '';
  if (isProtocolVersionRefusal(code)) {
    hint = problem.auto
      ? ' The dashboard tried MQTT 5 and then 3.1.1: the broker accepts neither over this WebSocket. Check that the address is an MQTT broker.'
      : ' Choose Auto or another MQTT version.';
  } else if (isTransientRefusal(code, protocol)) {
    hint = ' The dashboard tries again by itself.';
  } else if (isCredentialRefusal(code) && !problem.usernameSent) {
    hint = ' No username was sent: if this broker needs a login, enter its username and password, then Connect.';
  } else if (isCredentialRefusal(code) && !problem.passwordSent) {
    hint = ' No password was sent (none is remembered on this device for this broker): type the password, then Connect.';
  } else if (isCredentialRefusal(code)) {
    hint = ' Check the username and password, then Connect.';
  }
  return `Connection refused: ${connackReason(code, protocol)}${said}.${hint}`;
}

/** A PUBACK, PUBREC or PUBCOMP refusal (MQTT 5): its reason code in words, and its reason string if any. */
export function refusalWords(refusal: BrokerRefusal): string {
  const words = reasonInWords(refusal.code);
  return refusal.reasonString ? `${words} (${refusal.reasonString})` : words;
}

/** A SUBACK refusal in words (3.1.1 gives no reason). */
export function subscriptionRefusalWords(refusal: BrokerRefusal): string {
  const words = subackReason(refusal.code, refusal.protocol);
  return refusal.reasonString ? `${words} (${refusal.reasonString})` : words;
}

function lossWords(loss: LinkLoss): string {
  switch (loss.kind) {
    case 'network-lost':
      return 'The browser lost its network.';
    case 'closed-by-broker':
      return `The broker closed the connection: ${reasonInWords(loss.code)}${loss.reasonString ? ` (${loss.reasonString})` : ''}.`;
    case 'keepalive-timeout':
      return `The broker did not answer within 1.5 × keep-alive (${loss.keepaliveSeconds * 1.5} s).`;
    case 'broker-silent':
      return `The broker stopped answering: no reply to a keep-alive ping, silent for ${loss.silentSeconds} s.`;
    case 'protocol-error':
      return `The broker sent ${loss.detail} (${reasonInWords(loss.code)}).`;
  }
}

const FIELD_NAMES = { 'client-id': 'client ID', username: 'username', password: 'password', 'will-topic': "dashboard's Last Will topic" } as const;

function connectFieldWords(field: keyof typeof FIELD_NAMES, fault: 'too-long' | 'null-character' | 'wildcard', bytes: number): string {
  const name = FIELD_NAMES[field];
  switch (fault) {
    case 'too-long': {
      const fix = field === 'will-topic' ? 'it holds the client ID: shorten the client ID, or turn off “Announce this dashboard’s presence”' : `shorten the ${name}`;
      return `The ${name} is ${bytes.toLocaleString('en')} bytes of UTF-8, more than the 65,535 an MQTT packet can carry: ${fix}.`;
    }
    case 'null-character':
      return `The ${name} contains a null character, which MQTT forbids: remove it.`;
    case 'wildcard':
      return 'The client ID contains “+” or “#”, so it cannot be part of the dashboard’s Last Will topic dashboard/<client ID>/status: remove them from the client ID, or turn off “Announce this dashboard’s presence”.';
  }
}

function topicWords(role: TopicRole, fault: TopicFault): string {
  const what = role === 'topic' ? 'topic' : 'topic filter';
  const example = role === 'topic' ? 'moteur/commande' : 'moteur/#'; // an exact topic: no wildcard in the hint
  switch (fault) {
    case 'empty':
      return `The ${what} is empty. Type at least one character, for example ${example}.`;
    case 'null-character':
      return `The ${what} contains a null character, which MQTT forbids.`;
    case 'too-long':
      return `The ${what} is longer than ${MAX_TOPIC_BYTES} bytes of UTF-8, the most MQTT allows.`;
    case 'hash-not-last':
      return '“#” must be alone in the last level of the filter (for example moteur/#).';
    case 'plus-not-whole-level':
      return '“+” must fill a whole level of the filter (for example usine/+/pression).';
    case 'wildcard':
      return 'A topic to publish to cannot contain the wildcards “+” or “#”; name one exact topic.';
  }
}
