// NodeHttpClient loads node:https on its first HTTPS request (src/node-http.ts): an https:// URL must still be
// sent over TLS. A TCP server on 127.0.0.1 reads the first bytes the client sends and hangs up.
import net, { type AddressInfo } from 'node:net';
import { NetworkError, NodeHttpClient } from '../../../src/sinks/http-client.js';

it('sends an https:// request over TLS through the agent it builds on first use', async () => {
  const firstBytes: Buffer[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (chunk: Buffer) => {
      firstBytes.push(chunk);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new NodeHttpClient({ maxSockets: 1, rejectUnauthorized: true });
  const request = {
    url: `https://127.0.0.1:${port}/api/v2/logs`,
    headers: {},
    body: Buffer.from('[]'),
    timeoutMs: 5_000,
  };
  for (let i = 0; i < 2; i++) {
    await expect(client.request(request)).rejects.toBeInstanceOf(NetworkError);
  }
  client.close();
  server.close();
  // A TLS handshake record (content type 22) opens each connection: no plain HTTP was sent.
  expect(firstBytes.map((bytes) => bytes[0])).toEqual([0x16, 0x16]);
});
