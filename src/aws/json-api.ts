// One AWS JSON 1.1 protocol call (`POST /` with `X-Amz-Target: <prefix>.<Operation>`), signed with SigV4, over
// node:http(s), without the AWS SDK: the calls a default deployment makes on its first invocation (the API key
// from Secrets Manager, the Lambda tags from the tagging API) would otherwise compile the SDK's core, about half
// of a cold start's CPU (docs/performance.md). It keeps what the SDK's clients do for these calls:
// - timeouts as src/aws/client-config.ts gives the SDK (5 s to connect, 5 s of silence), and the caller's abort
//   signal (the invocation's deadline), which ends the call with an AbortError;
// - the SDK's standard retry: up to `maxAttempts` attempts on throttling (HTTP 429 or a throttling error code),
//   on HTTP 500/502/503/504, on timeouts and on connection errors, waiting a random time below
//   min(20 s, base × 2^retry), base 1 s after throttling and 50 ms otherwise (@smithy/core retry, 3.x);
// - errors named by the service's error code (`ResourceNotFoundException`, `AccessDeniedException`), with its
//   message and `$metadata.httpStatusCode`, as the SDK's are (src/cache/failure-reporter.ts reads both).
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
import type { Agent, IncomingMessage } from 'node:http';
import type { AwsEnvironment, AwsService } from './aws-environment.js';
import { signRequest } from './sigv4.js';

const CONNECT_TIMEOUT_MS = 5_000;
const IDLE_TIMEOUT_MS = 5_000;
/** An answer of these APIs is a few KB (a page of 100 tagged resources, a secret of at most 64 KB). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_RETRY_DELAY_MS = 20_000;

const THROTTLING_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** An error answered by the service, shaped as the SDK's: `name` is the error code. */
export class AwsServiceError extends Error {
  readonly $metadata: { httpStatusCode: number; attempts?: number };
  constructor(code: string, message: string, httpStatusCode: number) {
    super(message);
    this.name = code;
    this.$metadata = { httpStatusCode };
  }
}

interface JsonApiOptions {
  readonly environment: AwsEnvironment;
  readonly service: AwsService;
  readonly maxAttempts: number;
  /** The abort signal of the invocation under way (its deadline), taken at each call. */
  readonly signal: () => AbortSignal | undefined;
  readonly random?: () => number;
}

export class AwsJsonApi {
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly options: JsonApiOptions) {}

  /** Whether calls in `region` can be made here; when not, the caller uses the SDK's client. */
  reaches(region: string | undefined): region is string {
    return region !== undefined && this.options.environment.endpoint(this.options.service, region) !== undefined;
  }

  async call<T>(operation: string, input: object, region: string): Promise<T> {
    const { maxAttempts, random = Math.random } = this.options;
    const signal = this.options.signal();
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.attempt(operation, input, region, signal)) as T;
      } catch (error) {
        const kind = retryKind(error);
        if (kind === undefined || attempt >= maxAttempts || signal?.aborted) throw withAttempts(error, attempt);
        const baseMs = kind === 'throttling' ? 1_000 : 50;
        await wait(Math.floor(random() * Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** (attempt - 1))), signal);
      }
    }
  }

  private async attempt(operation: string, input: object, region: string, signal?: AbortSignal): Promise<unknown> {
    const { environment, service } = this.options;
    const url = new URL(environment.endpoint(service, region)!);
    const body = JSON.stringify(input);
    const headers = signRequest(
      {
        method: 'POST',
        path: url.pathname,
        headers: {
          host: url.host,
          'content-type': 'application/x-amz-json-1.1',
          'content-length': String(Buffer.byteLength(body)),
          'x-amz-target': `${service.targetPrefix}.${operation}`,
        },
        body,
      },
      { region, service: service.signingName, credentials: environment.credentials },
      new Date(),
    );
    const response = await this.post(url, headers, body, signal);
    const parsed = parseJson(response.text);
    if (response.status >= 200 && response.status < 300) {
      if (parsed === undefined) throw new Error(`${url.host} answered ${operation} with a body that is not JSON`);
      return parsed;
    }
    throw serviceError(response.status, response.errorType, parsed);
  }

  private post(url: URL, headers: Record<string, string>, body: string, signal?: AbortSignal) {
    const transport = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http');
    let agent = this.agents.get(url.protocol);
    if (agent === undefined) {
      agent = new transport.Agent({ keepAlive: true, maxSockets: 50 });
      this.agents.set(url.protocol, agent);
    }
    return new Promise<{ status: number; errorType?: string; text: string }>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const req = transport.request(url, { method: 'POST', headers, agent, signal }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error(`${url.host} answered more than 16 MiB`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const errorType = res.headers['x-amzn-errortype'];
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            errorType: typeof errorType === 'string' ? errorType : undefined,
            text,
          });
        });
        res.on('error', reject);
      });
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => req.destroy(timeoutError(`Connection to ${url.host} timed out after ${CONNECT_TIMEOUT_MS} ms`)),
          CONNECT_TIMEOUT_MS,
        );
        socket.once('connect', () => clearTimeout(timer));
        req.once('close', () => clearTimeout(timer));
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () =>
        req.destroy(timeoutError(`${url.host} sent nothing for ${IDLE_TIMEOUT_MS} ms`)),
      );
      req.on('error', (error) => reject(signal?.aborted ? abortError() : error));
      req.end(body);
    });
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text === '' ? '{}' : text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK's reading of an AWS JSON error: the code from X-Amzn-ErrorType, `code` or `__type`, sanitised. */
function serviceError(status: number, header: string | undefined, body: Record<string, unknown> | undefined) {
  const raw = header ?? body?.code ?? body?.__type;
  const code = typeof raw === 'string' ? raw.split(',')[0]!.split(':')[0]!.split('#').pop()! : '';
  const message = body?.message ?? body?.Message;
  if (code === '') return new AwsServiceError('Unknown', `UnknownError (HTTP ${status})`, status);
  return new AwsServiceError(code, typeof message === 'string' ? message : 'UnknownError', status);
}

function retryKind(error: unknown): 'throttling' | 'transient' | undefined {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'AbortError') return undefined;
  const status = e.$metadata?.httpStatusCode;
  if (status === 429 || (e.name !== undefined && THROTTLING_CODES.has(e.name))) return 'throttling';
  if (e.name !== undefined && TRANSIENT_CODES.has(e.name)) return 'transient';
  if ((status !== undefined && TRANSIENT_STATUS.has(status)) || (e.code !== undefined && NETWORK_CODES.has(e.code))) {
    return 'transient';
  }
  return undefined;
}

function withAttempts(error: unknown, attempts: number): unknown {
  if (error instanceof AwsServiceError) error.$metadata.attempts = attempts;
  return error;
}

function timeoutError(message: string): Error {
  const error = new Error(message);
  error.name = 'TimeoutError';
  return error;
}

/** What the SDK throws when a call's abort signal fires. */
function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
