/**
 * A broker that misbehaves on purpose, for the hostile-broker tests: MQTT over WebSocket on a free loopback
 * port, written on `ws` and `mqtt-packet`, answering each CONNECT as the test's script says (refuse with a
 * reason code, or accept), then SUBSCRIBE, PUBLISH and PINGREQ as a plain broker would. It keeps no
 * sessions and routes nothing: it is a counterpart for the dashboard's handshake, not a broker to rely on.
 */
import mqttPacket, { type IConnackPacket, type IConnectPacket, type Packet } from 'mqtt-packet';
import { WebSocketServer, type WebSocket } from 'ws';
import { freePort } from './ports';

/** What to answer to the n-th CONNECT (1 for the first): a CONNACK reason code (0: accepted). */
export type ConnectScript = (attempt: number, connect: IConnectPacket) => number;

export interface ScriptedBroker {
  wsUrl: string;
  /** Every CONNECT received so far, with the time it came (epoch ms). */
  readonly connects: Array<{ at: number; packet: IConnectPacket }>;
  /** Sends a PUBLISH to every connected client. */
  publish(topic: string, payload: string, retain?: boolean): void;
  close(): Promise<void>;
}

export async function startScriptedBroker(script: ConnectScript): Promise<ScriptedBroker> {
  const port = await freePort();
  const server = new WebSocketServer({ host: '127.0.0.1', port, handleProtocols: () => 'mqtt' });
  const connects: ScriptedBroker['connects'] = [];
  const clients = new Set<{ socket: WebSocket; version: 4 | 5 }>();
  server.on('connection', (socket) => {
    const client = { socket, version: 4 as 4 | 5 };
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    const send = (packet: Packet) => socket.send(mqttPacket.generate(packet, { protocolVersion: client.version }));
    parser.on('packet', (packet: Packet) => {
      switch (packet.cmd) {
        case 'connect': {
          client.version = packet.protocolVersion === 5 ? 5 : 4;
          connects.push({ at: Date.now(), packet });
          const code = script(connects.length, packet);
          const connack: IConnackPacket = client.version === 5 ? { cmd: 'connack', sessionPresent: false, reasonCode: code } : { cmd: 'connack', sessionPresent: false, returnCode: code };
          send(connack);
          if (code === 0) clients.add(client);
          else socket.close();
          break;
        }
        case 'subscribe':
          send({ cmd: 'suback', messageId: packet.messageId ?? 0, granted: packet.subscriptions.map((subscription) => subscription.qos) });
          break;
        case 'publish':
          if (packet.qos === 1) send({ cmd: 'puback', messageId: packet.messageId ?? 0 });
          if (packet.qos === 2) send({ cmd: 'pubrec', messageId: packet.messageId ?? 0 });
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
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    connects,
    publish(topic, payload, retain = false) {
      for (const { socket, version } of clients) {
        socket.send(mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 0, retain, dup: false }, { protocolVersion: version }));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
