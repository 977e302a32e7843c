/**
 * Every problem the engine reports, in words a person can act on: the one place where they are written.
 * The engine, the connection and the repositories report what happened as data (src/shared/problems.ts).
 */
import { formatBytes } from '../mqtt/payload';
import { isCredentialRefusal, isProtocolVersionRefusal, isTransientRefusal } from '../mqtt/reason-codes';
import { MAX_TOPIC_BYTES } from '../mqtt/topic-filter';
import type { BrokerRefusal, LinkLoss, Problem, TopicFault, TopicRole } from '../shared/problems';
import { connackReason, reasonInWords, subackReason } from './reason-words';
import { msg, translated } from '../i18n/words';
import { formatCount } from './format';


export function problemWords(problem: Problem): string {
  switch (problem.kind) {
    case 'page-note':
      return translated(problem.text);
    case 'bad-broker-url':
      switch (problem.fault) {
        case 'empty':
          return msg('Bad broker URL: it is empty. Use ws://host:port/path or wss://host:port/path.');
        case 'not-url':
          return msg('Bad broker URL “{0}”: it is not a URL. Use ws://host:port/path or wss://host:port/path.', problem.url);
        case 'not-websocket':
          return msg('Bad broker URL “{0}”: a browser reaches MQTT brokers only over WebSockets, so it must start with ws:// or wss://.', problem.url);
        case 'no-host':
          return msg('Bad broker URL “{0}”: it names no host.', problem.url);
      }
      break;
    case 'password-without-username':
      return msg('A password was given without a username: enter the username too.');
    case 'bad-connect-field':
      return connectFieldWords(problem.field, problem.fault, problem.bytes);
    case 'bad-topic':
      return topicWords(problem.role, problem.fault);
    case 'payload-too-large': {
      const packet = problem.maximumPacketSize;
      if (problem.brokersLimit && packet != null) {
        return problem.limit === 0
          ? msg("The broker accepts packets of at most {0} (its Maximum Packet Size): once the topic and the command's header and properties are counted, no room is left for a payload. Shorten the topic, or raise the broker's maximum packet size.", formatBytes(packet))
          : msg('The payload is {0}: the broker accepts packets of at most {1} (its Maximum Packet Size), which leaves {2} for a payload to this topic. Shorten it.', formatBytes(problem.bytes), formatBytes(packet), formatBytes(problem.limit));
      }
      return problem.brokersLimit
        ? msg('The payload is {0}, more than what the broker accepts (its Maximum Packet Size): {1}. Shorten it.', formatBytes(problem.bytes), formatBytes(problem.limit))
        : msg('The payload is {0}, more than the limit for commands: {1}. Shorten it.', formatBytes(problem.bytes), formatBytes(problem.limit));
    }
    case 'unreachable':
      return msg('Cannot reach {0}: no MQTT answer over WebSocket. Check the address, the port, the path and that the broker has a WebSocket listener.', problem.brokerUrl) + tlsHint(problem.brokerUrl);
    case 'connect-refused':
      return connectRefusedWords(problem);
    case 'link-lost':
      if (problem.cause?.kind === 'protocol-error') {
        const { code, detail } = problem.cause;
        return msg('Connection closed by the dashboard: the broker sent {0} ({1}). It connects again by itself.', detail, reasonInWords(code));
      }
      return `${msg('Connection lost.')} ${problem.cause === null ? msg('The connection closed with no word from the broker: the broker stopped, or the network between went away.') : lossWords(problem.cause)}`;
    case 'client-id-taken':
      return problem.evidence === 'taken-over'
        ? msg('Stopped: another device is using client id “{0}”: it connected with the same id and the broker closed this connection (session taken over). Reconnecting would push that device off in turn, for ever. Use a new client id for this dashboard, or stop the other device, then Connect.', problem.clientId)
        : msg('Another device is probably using client id “{0}”: the broker closed the connection right after accepting it, {1} times in a row, as it does when a second client connects with the same id. The dashboard keeps trying, less and less often (a flapping network does the same). Use a new client id for this dashboard, or stop the other device.', problem.clientId, problem.drops);
    case 'session-pinned': {
      const node = problem.heldBy ? msg('on {0}, which is unreachable', problem.heldBy) : msg('on a node that is unreachable');
      return msg("The cluster keeps dropping this dashboard's session: its nodes accept client id “{0}” and close the connection at once ({1} times in a row). The session is probably held {2} (RabbitMQ keeps a session on one node). Waiting keeps it: messages queued for this dashboard on the lost node arrive when it returns. A fresh session (a new client id) connects now: commands in the outbox are resent; what the lost node kept for the old session is not delivered here.", problem.clientId, problem.drops, node);
    }
    case 'fresh-session-started': {
      const node = problem.heldBy ? msg('on {0}, which is unreachable', problem.heldBy) : msg('on a node that is unreachable');
      return msg('Started a fresh session as “{0}”: the cluster kept dropping “{1}”, whose session is held {2}. Commands in the outbox are resent; messages queued for the old session stay on the lost node and are not delivered here. Turn off “Start a fresh session when a cluster keeps dropping this one” in the connection settings to wait for the node instead.', problem.clientId, problem.previousClientId, node);
    }
    case 'framed':
      return msg('This dashboard is shown inside another site ({0}): sending commands is turned off here, so that a page laid over it cannot trick you into sending one. Open the dashboard directly, in its own tab, to send commands.', translated(problem.by));
    case 'not-connected':
      return msg('Not connected to a broker.');
    case 'bad-metric-value':
      return msg('Not queued: {0} is a metric of datatype {1}, so its value must be {2}.', problem.metric, problem.datatype, problem.expected);
    case 'unknown-metric':
      return msg('Not queued: no birth certificate of {0} declares a metric {1}, so its datatype is unknown. Request a rebirth from the edge node, then try again.', problem.owner, problem.metric);
    case 'bad-host-id':
      return msg('“{0}” cannot be a Sparkplug host id: it is one topic level, without /, + or #, and not empty. Fix it in the connection settings.', problem.hostId);
    case 'subscription-refused':
      return msg('The broker refused the subscription: {0}.', subscriptionRefusalWords(problem.refusal));
    case 'replies-refused':
      return msg("Replies to commands cannot be received: the broker refused the subscription to {0} ({1}). Allow it in the broker's ACL.", problem.topic, subscriptionRefusalWords(problem.refusal));
    case 'unsubscribe-failed':
      return msg('Unsubscribing from {0} failed: {1}.', problem.filter, problem.detail);
    case 'publish-refused':
      return refusalWords(problem.refusal);
    case 'command-not-acknowledged':
      return msg('not acknowledged by the broker (given up after {0} s; it may or may not have been delivered)', problem.seconds);
    case 'command-expired':
      return msg('expired: not sent within its message expiry of {0} s. Retry sends it again with a new expiry.', problem.expirySeconds);
    case 'qos0-interrupted':
      return msg('The page closed while this QoS 0 command was being written: it may or may not have reached the broker (QoS 0 is never resent). Retry it if needed.');
    case 'storage-refused':
      return problem.forCommand
        ? msg('This browser refused local storage (IndexedDB), so commands cannot be kept safe: the command was not queued. Allow site storage (leave private browsing), then reload.')
        : msg('This browser refused local storage (IndexedDB: {0}). Values show, but settings will not survive a reload and commands cannot be queued.', problem.detail ?? msg('not available'));
    case 'storage-failed': {
      const { detail } = problem;
      switch (problem.thing) {
        case 'command':
        case 'command-state': {
          const lost = problem.thing === 'command' ? msg('the command was not queued') : msg('a state change was not saved');
          return problem.full
            ? msg("The browser's storage for this site is full, so {0}. Clear delivered commands from the outbox, or free space in the browser's site settings, then send again.", lost)
            : msg('The command could not be stored ({0}), so {1}. Reload the page and send again.', detail, lost);
        }
        case 'outbox':
          return msg('The outbox could not be read ({0}).', detail);
        case 'saved-settings':
          return msg('Saved settings could not be read ({0}); starting from the defaults.', detail);
        case 'settings':
          return problem.full
            ? msg("Settings could not be saved: the browser's storage for this site is full; they will be lost on reload. Free space in the browser's site settings.")
            : msg('Settings could not be saved ({0}); they will be lost on reload.', detail);
        case 'last-values':
          return msg('The last known values could not be read ({0}); they show again once the broker sends them.', detail);
        case 'kept-values':
          return msg('The last values could not be kept for offline use ({0}): the device storage may be full. Live values are not affected.', detail);
        case 'trends':
          return msg('The history of values could not be kept on this device ({0}): charts show only what came since the page opened. Live values are not affected.', detail);
        case 'alarms':
          return msg('Alarm states could not be saved on this device ({0}): after a reload, alarms are judged again from the values. Alarms on screen are not affected.', detail);
      }
    }
  }
  return msg('Something went wrong.');
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
  return ` ${msg("With wss://, the broker's TLS certificate may not be trusted by this browser (self-signed, or from a private CA): open https://{0}/ once in this browser and accept the certificate, or install the CA certificate on the tablet (Settings › Security › Install a certificate), then Retry.", url.host)}`;
}

function connectRefusedWords(problem: Extract<Problem, { kind: 'connect-refused' }>): string {
  const { code, protocol } = problem;
  const said = problem.reasonString ? ` ${msg('(the broker says: “{0}”)', problem.reasonString)}` : '';
  let hint = '';
  if (isProtocolVersionRefusal(code)) {
    hint = problem.auto
      ? ` ${msg('The dashboard tried MQTT 5 and then 3.1.1: the broker accepts neither over this WebSocket. Check that the address is an MQTT broker.')}`
      : ` ${msg('Choose Auto or another MQTT version.')}`;
  } else if (isTransientRefusal(code, protocol)) {
    hint = ` ${msg('The dashboard tries again by itself.')}`;
  } else if (isCredentialRefusal(code) && !problem.usernameSent) {
    hint = ` ${msg('No username was sent: if this broker needs a login, enter its username and password, then Connect.')}`;
  } else if (isCredentialRefusal(code) && !problem.passwordSent) {
    hint = ` ${msg('No password was sent (none is remembered on this device for this broker): type the password, then Connect.')}`;
  } else if (isCredentialRefusal(code)) {
    hint = ` ${msg('Check the username and password, then Connect.')}`;
  }
  return `${msg('Connection refused: {0}', connackReason(code, protocol))}${said}.${hint}`;
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
      return msg('The browser lost its network.');
    case 'closed-by-broker':
      return msg('The broker closed the connection: {0}.', `${reasonInWords(loss.code)}${loss.reasonString ? ` (${loss.reasonString})` : ''}`);
    case 'not-acknowledged':
      return msg('The broker did not acknowledge a command for {0} s: the connection is made again, so that it is sent again.', loss.seconds);
    case 'keepalive-timeout':
      return msg('The broker did not answer within 1.5 × keep-alive ({0} s).', formatCount(loss.keepaliveSeconds * 1.5));
    case 'broker-silent':
      return msg('The broker stopped answering: no reply to a keep-alive ping, silent for {0} s.', formatCount(loss.silentSeconds));
    case 'protocol-error':
      return msg('The broker sent {0} ({1}).', loss.detail, reasonInWords(loss.code));
  }
}

function fieldName(field: 'client-id' | 'username' | 'password' | 'will-topic'): string {
  switch (field) {
    case 'client-id':
      return msg('The client ID');
    case 'username':
      return msg('The username');
    case 'password':
      return msg('The password');
    case 'will-topic':
      return msg("The dashboard's Last Will topic");
  }
}

function connectFieldWords(field: 'client-id' | 'username' | 'password' | 'will-topic', fault: 'too-long' | 'null-character' | 'wildcard', bytes: number): string {
  const name = fieldName(field);
  switch (fault) {
    case 'too-long': {
      const fix =
        field === 'will-topic'
          ? msg('it holds the client ID: shorten the client ID, or turn off “Announce this dashboard’s presence”')
          : field === 'client-id'
            ? msg('shorten the client ID')
            : field === 'username'
              ? msg('shorten the username')
              : msg('shorten the password');
      return msg('{0} is {1} bytes of UTF-8, more than the {2} an MQTT packet can carry: {3}.', name, formatCount(bytes), formatCount(65_535), fix);
    }
    case 'null-character':
      return msg('{0} contains a null character, which MQTT forbids: remove it.', name);
    case 'wildcard':
      return msg('The client ID contains “+” or “#”, so it cannot be part of the dashboard’s Last Will topic dashboard/<client ID>/status: remove them from the client ID, or turn off “Announce this dashboard’s presence”.');
  }
}

function topicWords(role: TopicRole, fault: TopicFault): string {
  const filter = role !== 'topic';
  switch (fault) {
    case 'empty':
      return filter
        ? msg('The topic filter is empty. Type at least one character, for example {0}.', 'moteur/#')
        : msg('The topic is empty. Type at least one character, for example {0}.', 'moteur/commande'); // an exact topic: no wildcard in the hint
    case 'null-character':
      return filter ? msg('The topic filter contains a null character, which MQTT forbids.') : msg('The topic contains a null character, which MQTT forbids.');
    case 'too-long':
      return filter
        ? msg('The topic filter is longer than {0} bytes of UTF-8, the most MQTT allows.', formatCount(MAX_TOPIC_BYTES))
        : msg('The topic is longer than {0} bytes of UTF-8, the most MQTT allows.', formatCount(MAX_TOPIC_BYTES));
    case 'hash-not-last':
      return msg('“#” must be alone in the last level of the filter (for example moteur/#).');
    case 'plus-not-whole-level':
      return msg('“+” must fill a whole level of the filter (for example usine/+/pression).');
    case 'wildcard':
      return msg('A topic to publish to cannot contain the wildcards “+” or “#”; name one exact topic.');
  }
}
