// The capture intake: a local stand-in for Datadog's logs, metrics and trace intakes. It accepts what the
// forwarder sends, decodes it (zstd/gzip/deflate bodies, JSON; other content types are kept as base64), records
// every request, and answers 202, or whatever a test's `respond` decides (status codes, Retry-After, a
// connection reset, a hang). `./forwarder demo` and `./forwarder intake` run it; tests use it as the recording
// intake.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync, zstdDecompressSync } from 'node:zlib';

export interface CapturedRequest {
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body after Content-Encoding was undone. */
  readonly body: Buffer;
  /** The body parsed as JSON when it is JSON, else undefined. */
  readonly json?: unknown;
  readonly receivedAtMs: number;
}

/**
 * What to answer a request with. `reset` destroys the connection; `hang` never answers; `delayMs` answers
 * that much later, like a distant intake; `trickleMs` answers 200 and then sends one byte of body every that
 * many ms, never ending, like a misbehaving proxy or load balancer (the connection is never idle).
 */
export type IntakeAnswer =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | { reset: true }
  | { hang: true }
  | { trickleMs: number };

type Responder = (request: CapturedRequest, index: number) => IntakeAnswer;

export interface CaptureIntake {
  readonly url: string;
  readonly port: number;
  /** Requests answered (or reset, or hung), in arrival order; empty when started with `keep: false`. */
  readonly requests: CapturedRequest[];
  /** Resolves once `count` requests have arrived (wait on this instead of sleeping). */
  waitForRequests(count: number): Promise<void>;
  setResponder(responder: Responder): void;
  close(): Promise<void>;
}

export const ACCEPT: Responder = () => ({ status: 202, body: '{}' });

const DECODERS: Readonly<Record<string, (raw: Buffer) => Buffer>> = {
  zstd: zstdDecompressSync,
  gzip: gunzipSync,
  deflate: inflateSync,
};

function decodeBody(headers: http.IncomingHttpHeaders, raw: Buffer): { body: Buffer; json?: unknown } {
  const encoding = String(headers['content-encoding'] ?? '');
  const body = DECODERS[encoding]?.(raw) ?? raw;
  if (!String(headers['content-type'] ?? '').includes('json')) return { body };
  try {
    return { body, json: JSON.parse(body.toString('utf8')) };
  } catch {
    return { body };
  }
}

interface CaptureIntakeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly responder?: Responder;
  readonly onRequest?: (r: CapturedRequest) => void;
  /**
   * false: bodies stay as received (still compressed, never parsed) and requests are counted but not kept, so a
   * benchmark's intake costs neither CPU nor memory; the responder still sees each request.
   */
  readonly keep?: boolean;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  readonly tls?: { key: string | Buffer; cert: string | Buffer };
}

/** Headers at once, then one byte every `intervalMs` until the client goes away. */
function trickle(res: http.ServerResponse, intervalMs: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const timer = setInterval(() => res.write(' '), intervalMs);
  res.on('close', () => clearInterval(timer));
}

export async function startCaptureIntake(options: CaptureIntakeOptions = {}): Promise<CaptureIntake> {
  const keep = options.keep ?? true;
  let responder = options.responder ?? ACCEPT;
  const requests: CapturedRequest[] = [];
  let answered = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let decoded: { body: Buffer; json?: unknown };
      try {
        decoded = keep ? decodeBody(req.headers, Buffer.concat(chunks)) : { body: Buffer.concat(chunks) };
      } catch {
        res.writeHead(400).end('{"error":"body could not be decoded"}');
        return;
      }
      const request = {
        path: req.url ?? '/',
        method: req.method ?? 'GET',
        headers,
        ...decoded,
        receivedAtMs: Date.now(),
      };
      const answer = responder(request, answered++);
      if (keep) requests.push(request);
      options.onRequest?.(request);
      for (const waiter of waiters.filter((w) => answered >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if ('reset' in answer) req.socket.destroy();
      else if ('hang' in answer) return;
      else if ('trickleMs' in answer) trickle(res, answer.trickleMs);
      else if (answer.delayMs)
        setTimeout(() => res.writeHead(answer.status, answer.headers).end(answer.body ?? ''), answer.delayMs);
      else res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    waitForRequests: (count) =>
      answered >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    setResponder: (next) => void (responder = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
