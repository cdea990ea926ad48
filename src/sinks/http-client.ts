// The HttpClient port and its node:http(s) implementation: kept-alive connections, a bounded number of sockets
// per host, and a timeout that cuts requests that hang. Proxies and TLS options are decided in deps.ts.
import type { Agent, AgentOptions } from 'node:http';
import https from 'node:https';
import { http } from '../node-http.js';

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'POST' | 'GET' | 'PUT' | 'DELETE';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Raised for network failures and timeouts (never for an HTTP status). */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface NodeHttpOptions {
  readonly maxSockets: number;
  readonly rejectUnauthorized: boolean;
  /** Agent to use for https URLs instead of a plain kept-alive one (a CONNECT proxy agent, for instance). */
  readonly httpsAgent?: Agent;
  readonly httpAgent?: Agent;
}

/**
 * Nagle's algorithm off on intake connections: with it, the last partial segment of each request body waits for
 * the server's delayed ACK (about 40 ms per request), which capped throughput far below what the CPU allows.
 * (`noDelay` is passed through to net.connect; @types/node's AgentOptions does not list it.)
 */
const NO_DELAY = { noDelay: true } as AgentOptions;

export class NodeHttpClient implements HttpClient {
  private readonly httpAgent: Agent;
  private readonly httpsAgent: Agent;

  constructor(options: NodeHttpOptions) {
    this.httpAgent =
      options.httpAgent ?? new http.Agent({ keepAlive: true, maxSockets: options.maxSockets, ...NO_DELAY });
    this.httpsAgent =
      options.httpsAgent ??
      new https.Agent({
        keepAlive: true,
        maxSockets: options.maxSockets,
        rejectUnauthorized: options.rejectUnauthorized,
        ...NO_DELAY,
      });
  }

  request(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const transport = isHttps ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      if (request.body) headers['Content-Length'] = String(request.body.length);
      const req = transport.request(
        url,
        { method: request.method ?? 'POST', headers, agent: isHttps ? this.httpsAgent : this.httpAgent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', (error) => reject(toNetworkError(error, url)));
        },
      );
      req.setTimeout(request.timeoutMs, () =>
        req.destroy(new NetworkError(`Request to ${url.host} timed out after ${request.timeoutMs} ms`, 'ETIMEDOUT')),
      );
      req.on('error', (error) => reject(toNetworkError(error, url)));
      req.end(request.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function toNetworkError(error: Error, url: URL): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'ENETWORK';
  return new NetworkError(`Request to ${url.host} failed: ${code} ${error.message}`, code);
}
