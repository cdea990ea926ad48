// The only place that builds clients: the HTTP client with its agents (and proxy) and, through the builders in
// aws/ it loads, the AWS SDK v3 clients (secret stores, tagging API, CloudWatch Logs, S3, SQS, Lambda; a test,
// test/unit/architecture/import-graph.test.ts, finds none built elsewhere). Built once per container, on the first
// invocation (never at import time), and reused; handler.ts builds them again after a failure, so a transient
// failure is not cached. Clients a feature needs are built only when that feature is on, or on first use.
import type { SharedStore } from './cache/shared-store.js';
import { CachedTagLookup } from './cache/tag-caches.js';
import type { TagSource } from './cache/tag-source.js';
import { readConfig, type Config, type Env } from './config/index.js';
import { systemClock, type Clock } from './clock.js';
import { InvocationDeadline } from './deadline.js';
import type { ResourceKind, TagLookup } from './enrich/resource-tags.js';
import { lazily, type AwsClientSettings } from './aws/client-config.js';
import { awsSecretReader } from './aws/secret-stores.js';
import type { FailedEventStore } from './failed-events/failed-event-store.js';
import { buildHttpAgents } from './sinks/proxy-agent.js';
import { loadRe2 } from './regex/re2-loader.js';
import { log as defaultLogger, type Logger } from './log.js';
import type { LambdaInvoker } from './sinks/additional-lambdas.js';
import { resolveApiKey } from './secrets/api-key.js';
import { findSecretReferences, resolveSecretEnv } from './secrets/secret-env.js';
import type { SecretReader } from './secrets/secret-reader.js';
import { RefusedCodings } from './sinks/compression.js';
import { NodeHttpClient, type HttpClient } from './sinks/http-client.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './sinks/retry-policy.js';
import type { ObjectReader } from './sources/object-reader.js';
import type { RoutingRules } from './cache/routing-rules.js';

export interface Deps {
  readonly config: Config;
  readonly apiKey: string;
  readonly http: HttpClient;
  readonly clock: Clock;
  /** The invocation's deadlines; every outbound call is held to them. */
  readonly deadline: InvocationDeadline;
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
  /** The intakes that refused zstd: they get gzip for the rest of the container's life. */
  readonly refusedCodings: RefusedCodings;
  /** The routing rules (FORWARDER_ROUTING_RULES), read again on their TTL; undefined without a rule file. */
  readonly routing?: RoutingRules;
}

/** Whether a pattern setting runs on re2js, which is then loaded (only then: see src/regex/re2-loader.ts). */
function usesRe2(config: Config): boolean {
  const { includeAtMatch, excludeAtMatch, multilinePattern, scrubbingRules } = config.logs;
  const patterns = [includeAtMatch, excludeAtMatch, multilinePattern, ...scrubbingRules.map((r) => r.pattern)];
  return patterns.some((p) => p?.engineName === 're2js');
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
  const deadline = overrides.deadline ?? new InvocationDeadline(overrides.clock ?? systemClock);
  const secrets = overrides.secrets ?? awsSecretReader(overrides.aws, deadline);
  const resolved = await resolveSecretEnv(env, secrets);
  // Values kept in a secret store are secrets: the forwarder's own log lines never show them. Short values
  // (`true`, a number) are settings, not secrets, and scrubbing them would garble every line.
  const logger = overrides.logger ?? defaultLogger;
  for (const { target } of findSecretReferences(env)) {
    const value = resolved[target] ?? '';
    if (value.length >= 8) logger.redactSecret(value);
  }
  return buildDeps(readConfig(resolved), { ...overrides, secrets, deadline });
}

export async function buildDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? defaultLogger;
  logger.setLevel(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const deadline = overrides.deadline ?? new InvocationDeadline(clock);
  const apiKey = await resolveApiKey(config.apiKey, overrides.secrets ?? awsSecretReader(overrides.aws, deadline));
  logger.redactSecret(apiKey);
  for (const extra of Object.values(config.additionalEndpoints).flat()) logger.redactSecret(extra.apiKey);
  if (config.intake.skipSslValidation) {
    logger.warn('DD_SKIP_SSL_VALIDATION is true: intake certificates are not verified.');
  }
  for (const warning of [...config.intake.warnings, ...config.enrichment.warnings]) logger.warn(warning);
  if (usesRe2(config)) await loadRe2();
  const objects = overrides.objects ?? lazyObjectReader(config, deadline);
  return {
    config,
    apiKey,
    logger,
    clock,
    deadline,
    retry: overrides.retry ?? DEFAULT_RETRY_POLICY,
    lambdaInvoker: overrides.lambdaInvoker ?? lazyLambdaInvoker(deadline),
    objects,
    requestTimeoutMs: overrides.requestTimeoutMs,
    refusedCodings: overrides.refusedCodings ?? new RefusedCodings(),
    failedEvents: 'failedEvents' in overrides ? overrides.failedEvents : await failedEventStore(config, logger),
    http:
      overrides.http ??
      new NodeHttpClient({
        maxSockets: config.intake.maxWorkers,
        rejectUnauthorized: !config.intake.skipSslValidation,
        clock,
        ...buildHttpAgents(config, logger),
      }),
    tags: await tagLookups(config, overrides, logger, clock, deadline),
    routing: overrides.routing ?? (await routingRules(config, objects, clock, logger)),
  };
}

/** The rule file, read (and validated: a ConfigError) now; its code is loaded only when there is one. */
async function routingRules(config: Config, objects: ObjectReader, clock: Clock, logger: Logger) {
  if (config.routing.rulesLocation === undefined) return undefined;
  const { loadRoutingRules } = await import('./cache/routing-rules.js');
  return loadRoutingRules(config.routing, { objects, clock, logger });
}

/** One cached lookup per forwarder ARN (in practice one per container), or undefined when nothing is fetched. */
async function tagLookups(
  config: Config,
  overrides: DepsOverrides,
  logger: Logger,
  clock: Clock,
  deadline: InvocationDeadline,
) {
  const e = config.enrichment;
  const kinds = new Set<ResourceKind>();
  if (e.fetchLambdaTags) kinds.add('lambda');
  if (e.fetchLogGroupTags) kinds.add('logGroup');
  if (e.fetchS3Tags) kinds.add('s3Bucket');
  if (e.fetchStepFunctionsTags) kinds.add('stateMachine');
  if (kinds.size === 0) return undefined;
  // The SDK is loaded only for what a caller did not supply (tests pass a tag source, a store, or both).
  const needsAws =
    overrides.tagSource === undefined || (overrides.sharedStore === undefined && e.cacheBucket !== undefined);
  const built = needsAws
    ? await (await import('./aws/tag-backends.js')).awsTagBackends(overrides.aws, e.cacheBucket, deadline)
    : undefined;
  const source = overrides.tagSource ?? built!.source;
  const store = overrides.sharedStore ?? built?.store;
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

function lazyLambdaInvoker(deadline: InvocationDeadline): LambdaInvoker {
  const invoker = lazily(async () => (await import('./aws/builders.js')).awsLambdaInvoker(deadline));
  return { invokeAsync: async (name, payload) => (await invoker()).invokeAsync(name, payload) };
}

/** S3 is loaded when the first object is read. */
function lazyObjectReader(config: Config, deadline: InvocationDeadline): ObjectReader {
  const reader = lazily(async () => (await import('./aws/builders.js')).awsObjectReader(config, deadline));
  return { open: async (bucket, key) => (await reader()).open(bucket, key) };
}

async function failedEventStore(config: Config, logger: Logger): Promise<FailedEventStore | undefined> {
  if (config.failedEvents.backend === undefined) return undefined;
  return (await import('./aws/failed-event-stores.js')).buildFailedEventStore(config, logger);
}
