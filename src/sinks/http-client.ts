// The HttpClient port and its node:http(s) implementation: kept-alive connections, a bounded number of sockets
// per host, and an absolute time limit on each request: connecting (through a proxy's CONNECT too), sending, the
// answer and its whole body must be done within `timeoutMs`, so an intake, proxy or load balancer that trickles
// a byte now and then cannot hold a request past it (a socket idle timeout would never fire). What is read back
// is capped. Proxies and TLS options are decided in deps.ts.
import type { Agent, AgentOptions } from 'node:http';
import type { RequestOptions } from 'node:https';
import { systemClock, timeoutSignal, type Clock } from '../clock.js';
import { http, https } from '../node-http.js';

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'POST' | 'GET' | 'PUT' | 'DELETE';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** The whole request, body and answer included, ends within this. */
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** At most MAX_RESPONSE_BYTES of it (an intake's answer is a few bytes of JSON). */
  readonly body: string;
}

/** What is read back of a response body; the rest is not read (the connection is then closed). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** Request options the proxy agent reads (proxy-agent.ts): the request's time limit, for the CONNECT handshake. */
export interface DeadlineOptions {
  readonly deadlineSignal?: AbortSignal;
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

interface NodeHttpOptions {
  readonly maxSockets: number;
  readonly rejectUnauthorized: boolean;
  /** Agent to use for https URLs instead of a plain kept-alive one (a CONNECT proxy agent, for instance). */
  readonly httpsAgent?: Agent;
  readonly httpAgent?: Agent;
  /** Times each request's limit (tests run deadlines on a faster clock). */
  readonly clock?: Clock;
}

/**
 * Nagle's algorithm off on intake connections: with it, the last partial segment of each request body waits for
 * the server's delayed ACK (about 40 ms per request), which capped throughput far below what the CPU allows.
 * (`noDelay` is passed through to net.connect; @types/node's AgentOptions does not list it.)
 */
const NO_DELAY = { noDelay: true } as AgentOptions;

export class NodeHttpClient implements HttpClient {
  private readonly httpAgent: Agent;
  /** Built on the first HTTPS request (node:https is loaded then: node-http.ts). */
  private httpsAgent?: Agent;
  private readonly clock: Clock;

  constructor(private readonly options: NodeHttpOptions) {
    this.clock = options.clock ?? systemClock;
    this.httpAgent =
      options.httpAgent ?? new http.Agent({ keepAlive: true, maxSockets: options.maxSockets, ...NO_DELAY });
    this.httpsAgent = options.httpsAgent;
  }

  private secureAgent(): Agent {
    this.httpsAgent ??= new (https().Agent)({
      keepAlive: true,
      maxSockets: this.options.maxSockets,
      rejectUnauthorized: this.options.rejectUnauthorized,
      ...NO_DELAY,
    });
    return this.httpsAgent;
  }

  request(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const transport = isHttps ? https() : http;
    const signal = timeoutSignal(this.clock, request.timeoutMs);
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      if (request.body) headers['Content-Length'] = String(request.body.length);
      const options: RequestOptions & DeadlineOptions = {
        method: request.method ?? 'POST',
        headers,
        agent: isHttps ? this.secureAgent() : this.httpAgent,
        deadlineSignal: signal,
      };
      const req = transport.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
          size += chunk.length;
          if (size < MAX_RESPONSE_BYTES) return;
          done();
          res.destroy();
        });
        res.on('end', done);
        res.on('error', (error) => reject(toNetworkError(error, url)));
      });
      const onTimeout = () =>
        req.destroy(
          new NetworkError(`Request to ${url.host} did not complete within ${request.timeoutMs} ms`, 'ETIMEDOUT'),
        );
      if (signal.aborted) onTimeout();
      signal.addEventListener('abort', onTimeout, { once: true });
      req.once('close', () => signal.removeEventListener('abort', onTimeout));
      req.on('error', (error) => reject(toNetworkError(error, url)));
      req.end(request.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent?.destroy();
  }
}

function toNetworkError(error: Error, url: URL): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'ENETWORK';
  return new NetworkError(`Request to ${url.host} failed: ${code} ${error.message}`, code);
}
