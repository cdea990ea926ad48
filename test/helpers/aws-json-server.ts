// A loopback server that speaks the AWS JSON protocol (1.0 and 1.1: `POST /` with `X-Amz-Target:
// <Service>.<Operation>`), so tests can point the real AWS SDK v3 clients at it (`endpoint` or
// AWS_ENDPOINT_URL_<SERVICE>). Services on this protocol include the Resource Groups Tagging API, Secrets Manager,
// SSM, KMS, CloudWatch Logs and SQS. Every call is recorded; handlers answer with an output object or an AwsError.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class AwsError {
  constructor(
    readonly type: string,
    readonly message: string,
    readonly status = 400,
  ) {}
}

export interface AwsCall {
  readonly operation: string;
  readonly input: Record<string, unknown>;
  /** The request headers (e.g. `authorization`, whose credential scope names the region the client signed for). */
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
}

export type AwsHandler = (input: Record<string, unknown>, call: AwsCall) => unknown;

export interface AwsJsonServer {
  readonly endpoint: string;
  readonly calls: AwsCall[];
  /** Replace or add an operation's handler. */
  handle(operation: string, handler: AwsHandler): void;
  close(): Promise<void>;
}

/** Credentials the SDK clients need to sign requests; the server does not check them. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };

export async function startAwsJsonServer(handlers: Record<string, AwsHandler> = {}): Promise<AwsJsonServer> {
  const table = new Map(Object.entries(handlers));
  const calls: AwsCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.lastIndexOf('.') + 1);
      const text = Buffer.concat(chunks).toString('utf8');
      const input = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const call = { operation, input, headers: req.headers };
      calls.push(call);
      const handler = table.get(operation);
      let status = 200;
      let body: unknown;
      try {
        // A handler may answer later (a promise), so that a test can hold a call in flight.
        body = handler
          ? await handler(input, call)
          : new AwsError('UnknownOperationException', `No handler for ${operation}`);
      } catch (error) {
        body = new AwsError('InternalFailure', (error as Error).message, 500);
      }
      if (body instanceof AwsError) {
        status = body.status;
        res.setHeader('x-amzn-ErrorType', body.type);
        body = { __type: body.type, message: body.message };
      }
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    handle: (operation, handler) => void table.set(operation, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
