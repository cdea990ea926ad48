// The only place that builds clients: the HTTP client with its agents and, as features need them, the AWS SDK
// clients. Built once per container, on the first invocation (never at import time), and reused.
import type { Config } from './config/index.js';
import { systemClock, type Clock } from './clock.js';
import type { FailedEventStore } from './failed-events/failed-event-store.js';
import { buildFailedEventStore } from './failed-events/build-store.js';
import { buildHttpAgents } from './sinks/proxy-agent.js';
import { log as defaultLogger, type Logger } from './log.js';
import { NodeHttpClient, type HttpClient } from './sinks/http-client.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './sinks/retry-policy.js';

export interface Deps {
  readonly config: Config;
  readonly apiKey: string;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  /** Where undeliverable items wait for replay; undefined when DD_STORE_FAILED_EVENTS is off. */
  readonly failedEvents?: FailedEventStore;
  /** Overrides FORWARDER_REQUEST_TIMEOUT_SECONDS (tests cut hung requests after milliseconds). */
  readonly requestTimeoutMs?: number;
}

/** Ports a caller (a test, the CLI) may supply instead of the real ones. */
export type DepsOverrides = Partial<Omit<Deps, 'config' | 'apiKey'>>;

export async function buildDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? defaultLogger;
  logger.setLevel(config.logLevel);
  const apiKey = await resolveApiKey(config);
  logger.redactSecret(apiKey);
  for (const extra of Object.values(config.additionalEndpoints).flat()) logger.redactSecret(extra.apiKey);
  if (config.intake.skipSslValidation) {
    logger.warn('DD_SKIP_SSL_VALIDATION is true: intake certificates are not verified.');
  }
  return {
    config,
    apiKey,
    logger,
    clock: overrides.clock ?? systemClock,
    retry: overrides.retry ?? DEFAULT_RETRY_POLICY,
    requestTimeoutMs: overrides.requestTimeoutMs,
    failedEvents: 'failedEvents' in overrides ? overrides.failedEvents : buildFailedEventStore(config, logger),
    http:
      overrides.http ??
      new NodeHttpClient({
        maxSockets: config.intake.maxWorkers,
        rejectUnauthorized: !config.intake.skipSslValidation,
        ...buildHttpAgents(config, logger),
      }),
  };
}

async function resolveApiKey(config: Config): Promise<string> {
  return config.apiKey.value;
}
