// A TCP server on 127.0.0.1 that accepts connections, reads what is sent, and never answers: an S3 or SQS
// endpoint, a proxy or an intake that hangs. With `trickleMs` it instead sends the start of an HTTP answer one
// byte at a time, never finishing the headers, so the connection is never idle. It counts connections and
// how many the client closed, so a test can see that the client gave up rather than waited.
import net, { type AddressInfo } from 'node:net';

export interface SilentServer {
  readonly url: string;
  readonly port: number;
  readonly connections: number;
  readonly closedByClient: number;
  /** Resolves once `count` connections were opened. */
  waitForConnections(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSilentServer(options: { trickleMs?: number } = {}): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  const counts = { connections: 0, closedByClient: 0 };
  const waiters: { count: number; resolve: () => void }[] = [];
  let closing = false;
  const server = net.createServer((socket) => {
    counts.connections++;
    sockets.add(socket);
    for (const waiter of waiters.filter((w) => counts.connections >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    if (options.trickleMs !== undefined) {
      const head = 'HTTP/1.1 200 OK\r\nX-Slow: ' + 'x'.repeat(1_000_000);
      let sent = 0;
      timer = setInterval(() => socket.write(head[sent++ % head.length] ?? 'x'), options.trickleMs);
    }
    socket.on('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
      if (!closing) counts.closedByClient++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return counts.connections;
    },
    get closedByClient() {
      return counts.closedByClient;
    },
    waitForConnections: (count) =>
      counts.connections >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
