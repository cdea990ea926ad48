// The AWS SDK clients of the command line (CloudWatch Logs, Lambda), built so that no call can hang and no
// failure is a riddle:
// - every request has a connection and a request timeout that throws (the SDK's requestTimeout only logs a
//   warning unless throwOnRequestTimeout is set), and every call, its retries included, an overall budget
//   enforced with an abort signal;
// - each retry is reported on stderr with its reason and the time left;
// - errors are explained with what to do: credentials, region, endpoint, permissions.
// Credentials and region come from the usual AWS sources (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_REGION, ...);
// AWS_ENDPOINT_URL_<SERVICE> points a client elsewhere (tests point them at loopback servers).
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { errorMessage } from '../errors.js';

type Env = Readonly<Record<string, string | undefined>>;

interface AwsCliSettings {
  readonly region: string;
  /** Overrides AWS_ENDPOINT_URL_CLOUDWATCH_LOGS (only CloudWatch Logs: --endpoint-url). */
  readonly logsEndpoint?: string;
  /** One request's limit (connecting included); a call with its retries gets three times as long. */
  readonly requestTimeoutMs: number;
  /** Progress lines (retries), on stderr. */
  readonly progress: (line: string) => void;
}

/** A call, retries included, ends after this many request timeouts. */
const CALL_BUDGET_REQUESTS = 3;

export interface AwsCliClients {
  readonly logs: CloudWatchLogsClient;
  readonly lambda: LambdaClient;
  /** Where each service is reached, for error messages. */
  readonly endpoints: { readonly logs: string; readonly lambda: string };
  destroy(): void;
}

export function buildAwsClients(env: Env, settings: AwsCliSettings): AwsCliClients {
  const logsEndpoint = settings.logsEndpoint ?? env['AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'] ?? env['AWS_ENDPOINT_URL'];
  const lambdaEndpoint = env['AWS_ENDPOINT_URL_LAMBDA'] ?? env['AWS_ENDPOINT_URL'];
  const common = clientConfig(env, settings);
  // DescribeSubscriptionFilters is throttled at a few calls a second: adaptive retries slow down instead of failing.
  const logs = new CloudWatchLogsClient({ ...common, ...(logsEndpoint ? { endpoint: logsEndpoint } : {}) });
  const lambda = new LambdaClient({ ...common, ...(lambdaEndpoint ? { endpoint: lambdaEndpoint } : {}) });
  for (const client of [logs, lambda]) bound(client, settings);
  return {
    logs,
    lambda,
    endpoints: {
      logs: logsEndpoint ?? `https://logs.${settings.region}.amazonaws.com`,
      lambda: lambdaEndpoint ?? `https://lambda.${settings.region}.amazonaws.com`,
    },
    destroy: () => {
      logs.destroy();
      lambda.destroy();
    },
  };
}

function clientConfig(env: Env, settings: AwsCliSettings) {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  return {
    region: settings.region,
    retryMode: 'adaptive',
    maxAttempts: 8,
    requestHandler: {
      connectionTimeout: Math.min(5_000, settings.requestTimeoutMs),
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, sessionToken: env['AWS_SESSION_TOKEN'] } }
      : {}),
  };
}

interface RetryErrorInfo {
  readonly error?: unknown;
  readonly errorType?: string;
}
interface RetryStrategy {
  acquireInitialRetryToken(scope: string): Promise<unknown>;
  refreshRetryTokenForRetry(token: unknown, info: RetryErrorInfo): Promise<unknown>;
  recordSuccess(token: unknown): void;
}
interface BoundableClient {
  send(...args: unknown[]): Promise<unknown>;
  config: { retryStrategy: () => Promise<unknown> };
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => unknown,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/**
 * Gives every call of the client an abort signal that fires after its budget (the SDK then stops the request in
 * flight and any retry wait), and reports each retry the SDK is about to make with the call's time left.
 */
function bound(sdkClient: CloudWatchLogsClient | LambdaClient, settings: AwsCliSettings): void {
  const client = sdkClient as unknown as BoundableClient;
  const budgetMs = settings.requestTimeoutMs * CALL_BUDGET_REQUESTS;
  const send = client.send.bind(client);
  client.send = (command: unknown, options?: unknown) =>
    send(command, { abortSignal: AbortSignal.timeout(budgetMs), ...(options as object | undefined) });
  let current = { operation: 'AWS call', startMs: 0 };
  client.middlewareStack.add(
    (next, context) => (args: unknown) => {
      current = { operation: context.commandName?.replace(/Command$/, '') ?? 'AWS call', startMs: Date.now() };
      return next(args);
    },
    { step: 'initialize', name: 'forwarderCliCallStart' },
  );
  const resolve = client.config.retryStrategy;
  client.config.retryStrategy = async () => {
    const inner = (await resolve()) as RetryStrategy;
    if (typeof inner.refreshRetryTokenForRetry !== 'function') return inner;
    return {
      acquireInitialRetryToken: (scope: string) => inner.acquireInitialRetryToken(scope),
      recordSuccess: (token: unknown) => inner.recordSuccess(token),
      refreshRetryTokenForRetry: (token: unknown, info: RetryErrorInfo) => {
        if (info.errorType !== 'CLIENT_ERROR') {
          const leftSeconds = Math.max(0, Math.round((current.startMs + budgetMs - Date.now()) / 1000));
          settings.progress(
            `${current.operation} failed (${shortReason(info.error)}); retrying, ${leftSeconds} s left before giving up.`,
          );
        }
        return inner.refreshRetryTokenForRetry(token, info);
      },
    };
  };
}

function shortReason(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string } | undefined;
  return [e?.name ?? e?.code, e?.message].filter(Boolean).join(': ') || 'unknown error';
}

/** Why an AWS call failed and what to do about it, in one sentence or two. */
export function explainAwsError(error: unknown, what: string, endpoint: string, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  const text = errorMessage(error);
  const code = e?.code ?? /\b(E[A-Z_]{4,})\b/.exec(text)?.[1] ?? '';
  if (name === 'CredentialsProviderError' || (/Could not load credentials/i.test(text) && !e?.$metadata)) {
    return (
      `${what}: no AWS credentials found. Set AWS_PROFILE (after 'aws configure' or 'aws sso login'), or ` +
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'
    );
  }
  if (/Region is missing/i.test(text)) return `${what}: no AWS region. Pass --region or set AWS_REGION.`;
  if (/^(ExpiredToken|UnrecognizedClient|InvalidSignature|InvalidClientTokenId)/.test(name)) {
    return `${what}: the AWS credentials were refused (${name}: ${text}). Refresh them ('aws sso login') or check AWS_PROFILE.`;
  }
  if (/AccessDenied/.test(name)) return `${what}: access denied (${text}).`;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT') {
    return (
      `${what}: ${endpoint} did not answer within ${timeoutMs / 1000} s. Check the network, a proxy ` +
      '(HTTPS_PROXY), or the endpoint (--endpoint-url, AWS_ENDPOINT_URL_<SERVICE>); --request-timeout-seconds allows longer.'
    );
  }
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE)$/.test(code)) {
    return `${what}: cannot reach ${endpoint} (${code}). Check the network, a proxy (HTTPS_PROXY), the region and the endpoint.`;
  }
  if (name === 'Unknown' || name === 'UnknownError' || text === 'UnknownError') {
    const status = e?.$metadata?.httpStatusCode;
    return (
      `${what}: ${endpoint} gave no usable AWS answer${status ? ` (HTTP ${status})` : ''}. ` +
      'Check the endpoint (--endpoint-url, AWS_ENDPOINT_URL_<SERVICE>) and any proxy in the way.'
    );
  }
  return `${what}: ${name && name !== 'Error' ? `${name}: ` : ''}${text}`;
}
