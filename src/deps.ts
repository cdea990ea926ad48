// The only place that builds clients: the HTTP client with its agents and, as features need them, the AWS SDK
// clients. Built once per container, on the first invocation (never at import time), and reused.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Config } from './config/index.js';
import { systemClock, type Clock } from './clock.js';
import { log as defaultLogger, type Logger } from './log.js';
import type { LambdaInvoker } from './sinks/additional-lambdas.js';
import { NodeHttpClient, type HttpClient } from './sinks/http-client.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './sinks/retry-policy.js';

export interface Deps {
  readonly config: Config;
  readonly apiKey: string;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly lambdaInvoker: LambdaInvoker;
}

/** Ports a caller (a test, the CLI) may supply instead of the real ones. */
export type DepsOverrides = Partial<Omit<Deps, 'config' | 'apiKey'>>;

export async function buildDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? defaultLogger;
  logger.setLevel(config.logLevel);
  const apiKey = await resolveApiKey(config);
  logger.redactSecret(apiKey);
  if (config.intake.skipSslValidation) {
    logger.warn('DD_SKIP_SSL_VALIDATION is true: intake certificates are not verified.');
  }
  return {
    config,
    apiKey,
    logger,
    clock: overrides.clock ?? systemClock,
    retry: overrides.retry ?? DEFAULT_RETRY_POLICY,
    lambdaInvoker: overrides.lambdaInvoker ?? sdkLambdaInvoker(),
    http:
      overrides.http ??
      new NodeHttpClient({
        maxSockets: config.intake.maxWorkers,
        rejectUnauthorized: !config.intake.skipSslValidation,
      }),
  };
}

async function resolveApiKey(config: Config): Promise<string> {
  return config.apiKey.value;
}

/** Asynchronous invocations through the AWS SDK; the client is built on first use only. */
function sdkLambdaInvoker(): LambdaInvoker {
  let client: LambdaClient | undefined;
  return {
    async invokeAsync(functionName, payload) {
      client ??= new LambdaClient({});
      await client.send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(payload) }),
      );
    },
  };
}
