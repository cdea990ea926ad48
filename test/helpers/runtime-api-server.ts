// A small Lambda Runtime API on 127.0.0.1, enough for a runtime interface client (aws-lambda-ric) to run a
// handler the way Lambda does: the client long-polls GET /runtime/invocation/next, we hand it the next queued
// event with its request id, deadline and function ARN headers, and it posts back .../response or .../error.
// Init failures arrive at /runtime/init/error. https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const PREFIX = '/2018-06-01/runtime';

export type InvocationResult =
  | { readonly kind: 'response'; readonly body: unknown }
  | {
      readonly kind: 'error';
      readonly body: { errorType?: string; errorMessage?: string };
      readonly errorType?: string;
    };

export interface RuntimeApiServer {
  /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
  readonly address: string;
  /** Queues an invocation and resolves with what the runtime posted back for it. */
  invoke(event: unknown, options?: { functionArn?: string; timeoutMs?: number }): Promise<InvocationResult>;
  /** Resolves with the body of the first POST /runtime/init/error. */
  readonly initError: Promise<unknown>;
  close(): Promise<void>;
}

interface Pending {
  readonly id: string;
  readonly event: unknown;
  readonly headers: Record<string, string>;
  readonly settle: (result: InvocationResult) => void;
}

export async function startRuntimeApiServer(): Promise<RuntimeApiServer> {
  const queue: Pending[] = [];
  const waiting: http.ServerResponse[] = [];
  const inFlight = new Map<string, Pending>();
  let reportInitError: (body: unknown) => void = () => undefined;
  const initError = new Promise<unknown>((resolve) => (reportInitError = resolve));

  const deliver = () => {
    while (queue.length > 0 && waiting.length > 0) {
      const next = queue.shift()!;
      inFlight.set(next.id, next);
      waiting
        .shift()!
        .writeHead(200, { 'Content-Type': 'application/json', ...next.headers })
        .end(JSON.stringify(next.event));
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (req.method === 'GET' && url === `${PREFIX}/invocation/next`) {
        waiting.push(res);
        deliver();
        return;
      }
      const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
      if (req.method === 'POST' && match) {
        const pending = inFlight.get(match[1]!);
        if (!pending) return void res.writeHead(400).end('{"errorType":"InvalidRequestID"}');
        inFlight.delete(pending.id);
        const errorType = req.headers['lambda-runtime-function-error-type'];
        pending.settle(
          match[2] === 'response'
            ? { kind: 'response', body }
            : { kind: 'error', body: body as { errorType?: string }, errorType: errorType as string | undefined },
        );
        return void res.writeHead(202).end('{"status":"OK"}');
      }
      if (req.method === 'POST' && url === `${PREFIX}/init/error`) {
        reportInitError(body);
        return void res.writeHead(202).end('{"status":"OK"}');
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    initError,
    invoke: (event, options = {}) =>
      new Promise<InvocationResult>((settle) => {
        const id = randomUUID();
        const headers = {
          'Lambda-Runtime-Aws-Request-Id': id,
          'Lambda-Runtime-Deadline-Ms': String(Date.now() + (options.timeoutMs ?? 60_000)),
          'Lambda-Runtime-Invoked-Function-Arn':
            options.functionArn ?? 'arn:aws:lambda:us-east-1:123456789012:function:forwarder',
          'Lambda-Runtime-Trace-Id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
        };
        queue.push({ id, event, headers, settle });
        deliver();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
