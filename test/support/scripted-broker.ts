/**
 * A broker that misbehaves on purpose, for the hostile-broker tests: MQTT over WebSocket on a free loopback
 * port, written on `ws` and `mqtt-packet`, answering each CONNECT as the test's script says (refuse with a
 * reason code, or accept), then SUBSCRIBE, PUBLISH and PINGREQ as a plain broker would. It keeps no
 * sessions and routes nothing: it is a counterpart for the dashboard's handshake, not a broker to rely on.
 */
import mqttPacket, { type IConnackPacket, type IConnectPacket, type Packet } from 'mqtt-packet';
import { createServer } from 'node:https';
import { WebSocketServer, type WebSocket } from 'ws';
import { freePort } from './ports';

/** A TLS key and certificate (PEM): the broker then listens for wss:// instead of ws://. */
export interface ScriptedTls {
  key: string;
  cert: string;
}

/** A CONNACK to answer with: its reason code (0: accepted) and, for MQTT 5, its properties. */
export interface ConnackAnswer {
  code: number;
  properties?: IConnackPacket['properties'];
}

/**
 * What to answer to the n-th CONNECT (1 for the first): a CONNACK reason code (0: accepted), or more, or
 * `close`: no CONNACK, the socket closed (as RabbitMQ answers an MQTT 5 CONNECT).
 */
export type ConnectScript = (attempt: number, connect: IConnectPacket) => number | ConnackAnswer | 'close';

export interface ScriptedBroker {
  wsUrl: string;
  /** Every CONNECT received so far, with the time it came (epoch ms). */
  readonly connects: Array<{ at: number; packet: IConnectPacket }>;
  /** Every packet the clients sent after their CONNECT, in order. */
  readonly received: Packet[];
  /** How many clients are connected now. */
  connectedClients(): number;
  /** Sends a PUBLISH to every connected client. */
  publish(topic: string, payload: string, retain?: boolean): void;
  /** Sends a packet to every connected client, generated for its protocol version. */
  send(packet: Packet): void;
  /** Sends these bytes, as they are, in one WebSocket frame to every connected client. */
  sendRaw(bytes: Uint8Array): void;
  /** Closes every client's connection, after a DISCONNECT with this reason code to MQTT 5 clients. */
  disconnectClients(reasonCode: number): void;
  close(): Promise<void>;
}

export interface ScriptedOptions {
  /** Listen for wss:// with this key and certificate. */
  tls?: ScriptedTls;
  /** Grant at most QoS 1, and answer a QoS 2 PUBLISH with PUBACK, as RabbitMQ does. */
  qos1Only?: boolean;
  /** Whether a client's PUBLISH to this topic is acknowledged (PUBACK, PUBREC); default: every one is. */
  acknowledges?: (topic: string) => boolean;
}

export async function startScriptedBroker(script: ConnectScript, { tls, qos1Only = false, acknowledges = () => true }: ScriptedOptions = {}): Promise<ScriptedBroker> {
  const port = await freePort();
  const httpsServer = tls ? createServer({ key: tls.key, cert: tls.cert }) : null;
  const server = httpsServer
    ? new WebSocketServer({ server: httpsServer, handleProtocols: () => 'mqtt' })
    : new WebSocketServer({ host: '127.0.0.1', port, handleProtocols: () => 'mqtt' });
  const connects: ScriptedBroker['connects'] = [];
  const received: Packet[] = [];
  const clients = new Set<{ socket: WebSocket; version: 4 | 5 }>();
  server.on('connection', (socket) => {
    const client = { socket, version: 4 as 4 | 5 };
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    const send = (packet: Packet) => socket.send(mqttPacket.generate(packet, { protocolVersion: client.version }));
    parser.on('packet', (packet: Packet) => {
      if (packet.cmd !== 'connect') received.push(packet);
      switch (packet.cmd) {
        case 'connect': {
          client.version = packet.protocolVersion === 5 ? 5 : 4;
          connects.push({ at: Date.now(), packet });
          const answer = script(connects.length, packet);
          if (answer === 'close') {
            socket.close();
            break;
          }
          const { code, properties } = typeof answer === 'number' ? { code: answer, properties: undefined } : answer;
          const connack: IConnackPacket =
            client.version === 5
              ? { cmd: 'connack', sessionPresent: false, reasonCode: code, ...(properties ? { properties } : {}) }
              : { cmd: 'connack', sessionPresent: false, returnCode: code };
          send(connack);
          if (code === 0) clients.add(client);
          else socket.close();
          break;
        }
        case 'subscribe':
          send({
            cmd: 'suback',
            messageId: packet.messageId ?? 0,
            granted: packet.subscriptions.map((subscription) => (qos1Only ? Math.min(1, subscription.qos) : subscription.qos)),
          });
          break;
        case 'publish':
          if (!acknowledges(packet.topic)) break;
          if (packet.qos === 1 || (packet.qos === 2 && qos1Only)) send({ cmd: 'puback', messageId: packet.messageId ?? 0 });
          else if (packet.qos === 2) send({ cmd: 'pubrec', messageId: packet.messageId ?? 0 });
          break;
        case 'pubrel':
          send({ cmd: 'pubcomp', messageId: packet.messageId ?? 0 });
          break;
        case 'pingreq':
          send({ cmd: 'pingresp' });
          break;
        default:
          break;
      }
    });
    socket.on('message', (data: Buffer) => parser.parse(data));
    socket.on('close', () => clients.delete(client));
  });
  await new Promise<void>((resolve) => (httpsServer ? httpsServer.listen(port, '127.0.0.1', resolve) : server.once('listening', () => resolve())));
  return {
    wsUrl: `${tls ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    connects,
    received,
    connectedClients: () => clients.size,
    send(packet) {
      for (const { socket, version } of clients) socket.send(mqttPacket.generate(packet, { protocolVersion: version }));
    },
    sendRaw(bytes) {
      for (const { socket } of clients) socket.send(bytes);
    },
    disconnectClients(reasonCode) {
      for (const { socket, version } of clients) {
        if (version === 5) socket.send(mqttPacket.generate({ cmd: 'disconnect', reasonCode }, { protocolVersion: 5 }));
        socket.close();
      }
    },
    publish(topic, payload, retain = false) {
      for (const { socket, version } of clients) {
        socket.send(mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 0, retain, dup: false }, { protocolVersion: version }));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => (httpsServer ? httpsServer.close(() => resolve()) : resolve()));
      }),
  };
}
