// A real CONNECT proxy on 127.0.0.1 (RFC 9110 §9.3.6): it opens a TCP tunnel to the requested host and port
// and pipes bytes both ways, recording each CONNECT target and Proxy-Authorization header. It can demand
// credentials (407 without them) to test authenticated proxies, and leave a CONNECT unanswered (`hangConnect`).
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ConnectProxy {
  readonly url: string;
  readonly port: number;
  /** `host:port` of each CONNECT, and the Proxy-Authorization header it carried. */
  readonly tunnels: { target: string; authorization?: string }[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  readonly requireAuthorization?: string;
  /** Asked at each CONNECT: true leaves it unanswered, the connection open, until the client gives up. */
  readonly hangConnect?: () => boolean;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: ConnectProxy['tunnels'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const authorization = req.headers['proxy-authorization'];
    tunnels.push({ target: req.url ?? '', authorization });
    if (options.requireAuthorization !== undefined && authorization !== options.requireAuthorization) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (options.hangConnect?.()) {
      client.on('error', () => undefined);
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A throwaway self-signed certificate for 127.0.0.1, made with the openssl command. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const directory = mkdtempSync(path.join(tmpdir(), 'forwarder-tls-'));
  try {
    const key = path.join(directory, 'key.pem');
    const cert = path.join(directory, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
