/**
 * The embedded dev broker behind `npm start` (and one of the brokers of the e2e tests):
 * Aedes, reachable over WebSocket for the dashboard and over plain TCP for devices.
 * Aedes speaks MQTT 3.1.1 only, which also exercises the dashboard's protocol fallback.
 */
import { Aedes } from 'aedes';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { WebSocketServer, createWebSocketStream } from 'ws';

export interface DevBrokerOptions {
  host?: string;
  /** 0 picks a free port. */
  wsPort: number;
  tcpPort: number;
}

export interface DevBroker {
  wsUrl: string;
  tcpUrl: string;
  wsPort: number;
  tcpPort: number;
  close(): Promise<void>;
}

export async function startDevBroker(options: DevBrokerOptions): Promise<DevBroker> {
  const host = options.host ?? '127.0.0.1';
  const aedes = await Aedes.createBroker();
  if (process.env['AEDES_DEBUG']) {
    aedes.on('clientError', (client, error) => console.error('aedes clientError', client.id, error.message));
    aedes.on('connectionError', (client, error) => console.error('aedes connectionError', client?.id, error.message));
    aedes.on('client', (client) => console.error('aedes client', client.id));
    aedes.on('clientDisconnect', (client) => console.error('aedes disconnect', client.id));
  }
  const sockets = new Set<Socket>();
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  const http = createHttpServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket only.\n');
  });
  const webSockets = new WebSocketServer({ server: http, handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false) });
  // ws re-emits the HTTP server's listen errors; listen() below reports them in words.
  webSockets.on('error', () => undefined);
  webSockets.on('connection', (socket, request) => {
    const stream = createWebSocketStream(socket);
    stream.on('error', () => socket.terminate());
    aedes.handle(stream, request);
  });

  const tcpPort = await listen(tcp, options.tcpPort, host, 'MQTT_TCP_PORT');
  let wsPort: number;
  try {
    wsPort = await listen(http, options.wsPort, host, 'MQTT_WS_PORT');
  } catch (error) {
    tcp.close();
    throw error;
  }
  return {
    wsUrl: `ws://${host}:${wsPort}`,
    tcpUrl: `mqtt://${host}:${tcpPort}`,
    wsPort,
    tcpPort,
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      for (const client of webSockets.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      webSockets.close();
      await Promise.all([closeServer(http), closeServer(tcp)]);
    },
  };
}

function listen(server: HttpServer | TcpServer, port: number, host: string, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${port} on ${host} is already in use. Stop the program using it, or choose another port: ${variable}=<port> npm start`));
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: HttpServer | TcpServer): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
