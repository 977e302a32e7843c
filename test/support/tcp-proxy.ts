/**
 * A TCP proxy on a free loopback port, between the page and a broker: the link can be cut (every open
 * connection destroyed, new ones refused) and restored, as a Wi-Fi drop would, without touching the broker.
 */
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxy {
  /** The proxy's port: `ws://127.0.0.1:<port>` reaches the broker's WebSocket listener through it. */
  port: number;
  /** Destroys every connection through the proxy and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  const server = createServer((incoming) => {
    if (cut) {
      incoming.destroy();
      return;
    }
    const outgoing = connect(targetPort, '127.0.0.1');
    open.add(incoming);
    open.add(outgoing);
    const close = () => {
      incoming.destroy();
      outgoing.destroy();
      open.delete(incoming);
      open.delete(outgoing);
    };
    incoming.on('error', close).on('close', close);
    outgoing.on('error', close).on('close', close);
    incoming.pipe(outgoing);
    outgoing.pipe(incoming);
  });
  // Port 0: the system picks a free port while listening, so no other test can take it in between.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
