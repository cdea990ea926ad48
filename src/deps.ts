// The only place that builds clients: the HTTP client with its agents and, as features need them, the AWS SDK
// clients. Built once per container, on the first invocation (never at import time), and reused.
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectReader } from './aws/s3-object-reader.js';
import type { Config } from './config/index.js';
import { systemClock, type Clock } from './clock.js';
import { log as defaultLogger, type Logger } from './log.js';
import { NodeHttpClient, type HttpClient } from './sinks/http-client.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './sinks/retry-policy.js';
import type { ObjectReader } from './sources/object-reader.js';

export interface Deps {
  readonly config: Config;
  readonly apiKey: string;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly objects: ObjectReader;
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
    objects: overrides.objects ?? s3ObjectReader(config),
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

/**
 * The S3 client reading log objects. With DD_USE_VPC, path-style addressing in the function's region, as the
 * Datadog Forwarder does for S3 VPC endpoints (reference §1.4); otherwise the SDK's defaults (region and
 * credentials from the Lambda environment, AWS_ENDPOINT_URL_S3 honoured). Built lazily: an S3 client is only
 * made when S3 objects are read.
 */
function s3ObjectReader(config: Config): ObjectReader {
  let reader: S3ObjectReader | undefined;
  // A stalled read fails (and is retried) instead of hanging until Lambda's timeout. The idle limit is generous
  // because reading pauses, by design, while the intake is slow to take what was read.
  const requestHandler = { connectionTimeout: 5_000, requestTimeout: 120_000 };
  const addressing = config.sources.useVpc ? { region: config.sources.region, forcePathStyle: true } : {};
  const build = () => new S3ObjectReader(new S3Client({ ...addressing, requestHandler }));
  return { open: (bucket, key) => (reader ??= build()).open(bucket, key) };
}
