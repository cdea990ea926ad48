// The only place that builds clients: the HTTP client with its agents (and proxy) and the AWS SDK v3 clients
// (secret stores, tagging API, CloudWatch Logs, S3, SQS, Lambda). Built once per container, on the first
// invocation (never at import time), and reused; handler.ts builds them again after a failure, so a transient
// failure is not cached. Clients a feature needs are built only when that feature is on, or on first use.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient } from '@aws-sdk/client-kms';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AwsSecretReader } from './aws/secret-reader.js';
import { AwsTagSource } from './aws/tag-source.js';
import { S3Store } from './cache/s3-store.js';
import type { SharedStore } from './cache/shared-store.js';
import { CachedTagLookup } from './cache/tag-caches.js';
import type { TagSource } from './cache/tag-source.js';
import { readConfig, type Config, type Env } from './config/index.js';
import { S3ObjectReader } from './aws/s3-object-reader.js';
import { systemClock, type Clock } from './clock.js';
import type { ResourceKind, TagLookup } from './enrich/resource-tags.js';
import type { FailedEventStore } from './failed-events/failed-event-store.js';
import { buildFailedEventStore } from './failed-events/build-store.js';
import { buildHttpAgents } from './sinks/proxy-agent.js';
import { log as defaultLogger, type Logger } from './log.js';
import type { LambdaInvoker } from './sinks/additional-lambdas.js';
import { resolveApiKey } from './secrets/api-key.js';
import { findSecretReferences, resolveSecretEnv } from './secrets/secret-env.js';
import type { SecretReader } from './secrets/secret-reader.js';
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
  readonly lambdaInvoker: LambdaInvoker;
  readonly objects: ObjectReader;
  /** Resource tags, for the forwarder with this ARN; undefined when no DD_FETCH_*_TAGS is on. */
  readonly tags?: (forwarderArn: string) => TagLookup;
  /** Where undeliverable items wait for replay; undefined when DD_STORE_FAILED_EVENTS is off. */
  readonly failedEvents?: FailedEventStore;
  /** Overrides FORWARDER_REQUEST_TIMEOUT_SECONDS (tests cut hung requests after milliseconds). */
  readonly requestTimeoutMs?: number;
}

/** Settings merged into every AWS SDK client (tests: region, credentials, retries, path-style S3). */
export interface AwsClientSettings {
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts?: number;
  readonly s3ForcePathStyle?: boolean;
}

/** Ports a caller (a test, the CLI) may supply instead of the real ones. */
export type DepsOverrides = Partial<Omit<Deps, 'config' | 'apiKey' | 'tags'>> & {
  readonly secrets?: SecretReader;
  readonly tagSource?: TagSource;
  readonly sharedStore?: SharedStore;
  readonly aws?: AwsClientSettings;
  readonly random?: () => number;
};

/** Resolves variables kept in secret stores (`*_SECRET_ARN`, `*_KMS_ENCRYPTED`), reads the configuration, builds. */
export async function loadDeps(env: Env, overrides: DepsOverrides = {}): Promise<Deps> {
  const secrets = overrides.secrets ?? awsSecretReader(overrides.aws);
  const resolved = await resolveSecretEnv(env, secrets);
  // Values kept in a secret store are secrets: the forwarder's own log lines never show them. Short values
  // (`true`, a number) are settings, not secrets, and scrubbing them would garble every line.
  const logger = overrides.logger ?? defaultLogger;
  for (const { target } of findSecretReferences(env)) {
    const value = resolved[target] ?? '';
    if (value.length >= 8) logger.redactSecret(value);
  }
  return buildDeps(readConfig(resolved), { ...overrides, secrets });
}

export async function buildDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? defaultLogger;
  logger.setLevel(config.logLevel);
  const apiKey = await resolveApiKey(config.apiKey, overrides.secrets ?? awsSecretReader(overrides.aws));
  logger.redactSecret(apiKey);
  for (const extra of Object.values(config.additionalEndpoints).flat()) logger.redactSecret(extra.apiKey);
  if (config.intake.skipSslValidation) {
    logger.warn('DD_SKIP_SSL_VALIDATION is true: intake certificates are not verified.');
  }
  for (const warning of config.enrichment.warnings) logger.warn(warning);
  const clock = overrides.clock ?? systemClock;
  return {
    config,
    apiKey,
    logger,
    clock,
    retry: overrides.retry ?? DEFAULT_RETRY_POLICY,
    lambdaInvoker: overrides.lambdaInvoker ?? sdkLambdaInvoker(),
    objects: overrides.objects ?? s3ObjectReader(config),
    requestTimeoutMs: overrides.requestTimeoutMs,
    failedEvents: 'failedEvents' in overrides ? overrides.failedEvents : buildFailedEventStore(config, logger),
    http:
      overrides.http ??
      new NodeHttpClient({
        maxSockets: config.intake.maxWorkers,
        rejectUnauthorized: !config.intake.skipSslValidation,
        ...buildHttpAgents(config, logger),
      }),
    tags: tagLookups(config, overrides, logger, clock),
  };
}

/** One cached lookup per forwarder ARN (in practice one per container), or undefined when nothing is fetched. */
function tagLookups(config: Config, overrides: DepsOverrides, logger: Logger, clock: Clock) {
  const e = config.enrichment;
  const kinds = new Set<ResourceKind>();
  if (e.fetchLambdaTags) kinds.add('lambda');
  if (e.fetchLogGroupTags) kinds.add('logGroup');
  if (e.fetchS3Tags) kinds.add('s3Bucket');
  if (e.fetchStepFunctionsTags) kinds.add('stateMachine');
  if (kinds.size === 0) return undefined;
  const aws = awsConfig(overrides.aws, 3);
  const source =
    overrides.tagSource ?? new AwsTagSource(new ResourceGroupsTaggingAPIClient(aws), new CloudWatchLogsClient(aws));
  const store =
    overrides.sharedStore ??
    (e.cacheBucket === undefined
      ? undefined
      : new S3Store(new S3Client({ ...aws, forcePathStyle: overrides.aws?.s3ForcePathStyle }), e.cacheBucket));
  const lookups = new Map<string, TagLookup>();
  return (forwarderArn: string): TagLookup => {
    let lookup = lookups.get(forwarderArn);
    if (!lookup) {
      lookup = new CachedTagLookup({
        ...{ source, store, kinds, forwarderArn, clock, logger, random: overrides.random },
        ttlMs: e.tagsCacheTtlSeconds * 1000,
        jitterMs: e.cacheJitterSeconds * 1000,
      });
      lookups.set(forwarderArn, lookup);
    }
    return lookup;
  };
}

/** The Datadog Forwarder gives secret lookups 5 s timeouts and 2 attempts, so a bad network fails start-up fast. */
function awsSecretReader(settings: AwsClientSettings | undefined): SecretReader {
  const aws = awsConfig(settings, 2);
  const regional = new Map<string, SecretsManagerClient>();
  return new AwsSecretReader({
    secretsManager: (region) => {
      const key = region ?? '';
      let client = regional.get(key);
      if (!client) regional.set(key, (client = new SecretsManagerClient(region ? { ...aws, region } : aws)));
      return client;
    },
    ssm: () => new SSMClient(aws),
    kms: () => new KMSClient(aws),
  });
}

function awsConfig(settings: AwsClientSettings | undefined, maxAttempts: number) {
  return {
    maxAttempts: settings?.maxAttempts ?? maxAttempts,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 5_000 },
    ...(settings?.region ? { region: settings.region } : {}),
    ...(settings?.credentials ? { credentials: settings.credentials } : {}),
  };
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
