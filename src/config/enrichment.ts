// Resource tags fetched from AWS and attached to logs (datadog-serverless-functions aws/logs_monitoring/caching/ and
// steps/enrichment.py, 5.4.11): Lambda function tags, log group tags,
// S3 bucket tags and Step Functions state machine tags, with their caches. Same variables and defaults as the
// Datadog Forwarder v5 code (the template turns DD_FETCH_LAMBDA_TAGS on by default).
import type { EnvReader } from './env-reader.js';

export interface EnrichmentConfig {
  readonly fetchLambdaTags: boolean;
  readonly fetchLogGroupTags: boolean;
  readonly fetchS3Tags: boolean;
  readonly fetchStepFunctionsTags: boolean;
  /** How long fetched tags are fresh; each container adds up to `cacheJitterSeconds` so they do not expire together. */
  readonly tagsCacheTtlSeconds: number;
  readonly cacheJitterSeconds: number;
  /** The bucket that holds the cache shared by every container (`DD_S3_BUCKET_NAME`); none means memory only. */
  readonly cacheBucket?: string;
  /** The longest a log waits for its tags before it is sent with stale tags or none. */
  readonly tagLookupTimeoutMs: number;
  /** Start-up warnings about the combination of settings (logged once per container). */
  readonly warnings: readonly string[];
}

export function readEnrichment(env: EnvReader, storageTags: readonly string[]): EnrichmentConfig {
  const config = {
    fetchLambdaTags: env.bool('DD_FETCH_LAMBDA_TAGS', false),
    fetchLogGroupTags: env.bool('DD_FETCH_LOG_GROUP_TAGS', false),
    fetchS3Tags: env.bool('DD_FETCH_S3_TAGS', false),
    fetchStepFunctionsTags: env.bool('DD_FETCH_STEP_FUNCTIONS_TAGS', false),
    tagsCacheTtlSeconds: env.int('DD_TAGS_CACHE_TTL_SECONDS', 300, { min: 1, max: 7 * 24 * 3600 }),
    cacheJitterSeconds: 100,
    cacheBucket: env.optionalString('DD_S3_BUCKET_NAME'),
    tagLookupTimeoutMs: env.int('FORWARDER_TAG_LOOKUP_TIMEOUT_MS', 2000, { min: 0, max: 60_000 }),
  };
  const warnings: string[] = [];
  // The Datadog Forwarder v5 warns about this too: the backend already adds these tags, so fetching them here
  // costs API calls and adds each tag twice.
  if (config.fetchS3Tags && storageTags.includes('s3')) {
    warnings.push(
      'DD_FETCH_S3_TAGS and DD_ENRICH_S3_TAGS are both true: Datadog adds S3 bucket tags itself; set DD_FETCH_S3_TAGS to false.',
    );
  }
  if (config.fetchLogGroupTags && storageTags.includes('cloudwatch')) {
    warnings.push(
      'DD_FETCH_LOG_GROUP_TAGS and DD_ENRICH_CLOUDWATCH_TAGS are both true: Datadog adds log group tags itself; set DD_FETCH_LOG_GROUP_TAGS to false.',
    );
  }
  return { ...config, warnings };
}
