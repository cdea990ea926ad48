// Resource tags for an origin (datadog-serverless-functions aws/logs_monitoring/caching/ and steps/enrichment.py,
// 5.4.11): the tags of the Lambda function whose logs these are
// (DD_FETCH_LAMBDA_TAGS), of the log group (DD_FETCH_LOG_GROUP_TAGS), of the state machine that writes a
// /aws/vendedlogs/states log group (DD_FETCH_STEP_FUNCTIONS_TAGS, Datadog Forwarder 3.x) and of an S3 bucket
// (DD_FETCH_S3_TAGS). Looked up through the TagLookup port (cached: src/cache/tag-caches.ts) once per origin
// per invocation, and never waited for longer than a bound: past it, the log goes with stale tags or none, and
// the outcome is counted.
import type { EnrichmentConfig } from '../config/index.js';
import { within } from '../deadline.js';
import type { ForwarderIdentity } from '../parse/forwarder-identity.js';
import type { Tally } from '../tally.js';
import type { LogChunk, Origin, SourceOrigin } from '../types.js';
import { describeOrigin, type OriginSettings, type ResourceTags } from './origin.js';

export type ResourceKind = 'lambda' | 'logGroup' | 's3Bucket' | 'stateMachine';

export interface TagAnswer {
  /** fresh: within its TTL; stale: expired (a refresh is under way or failed); missing: nothing known yet. */
  readonly state: 'fresh' | 'stale' | 'missing';
  readonly tags: readonly string[];
}

/** The port the pipeline looks tags up through. Neither method rejects: failures give stale tags or none. */
export interface TagLookup {
  get(kind: ResourceKind, arn: string): Promise<TagAnswer>;
  /** What is known now, without waiting. */
  peek(kind: ResourceKind, arn: string): TagAnswer;
  /** Resolves once no refresh is running. */
  idle(): Promise<void>;
}

interface TagRequest {
  readonly kind: ResourceKind;
  readonly arn: string;
}

/** Describes each origin with its resource tags, looking each origin's tags up once per invocation. */
export class OriginTagger {
  private readonly memo = new Map<string, Promise<ResourceTags>>();

  constructor(
    private readonly lookup: TagLookup,
    private readonly enrichment: EnrichmentConfig,
    private readonly tally: Tally,
    /** The longest one origin waits for its tags. */
    private readonly waitMs: number,
  ) {}

  /**
   * Waits (at most `waitMs`) for the refreshes this invocation started in the background (stale tags were
   * served meanwhile). Left running, Lambda would freeze them mid-request when the invocation returns, with
   * the shared cache's lock still held, and other containers could not refresh until it expired.
   */
  async settle(): Promise<void> {
    await within(this.lookup.idle(), this.waitMs);
  }

  async describe(chunk: LogChunk, settings: OriginSettings): Promise<Origin> {
    const firstMessage = chunk.logs[0]?.message;
    const bare = describeOrigin(chunk.origin, settings, {}, firstMessage);
    const requests = tagRequests(chunk, bare, settings.identity, this.enrichment);
    if (requests.length === 0) return bare;
    const key = requests.map((r) => `${r.kind}=${r.arn}`).join('|');
    let tags = this.memo.get(key);
    if (!tags) this.memo.set(key, (tags = this.resolve(requests)));
    return describeOrigin(chunk.origin, settings, await tags, firstMessage);
  }

  private async resolve(requests: readonly TagRequest[]): Promise<ResourceTags> {
    const all = Promise.all(requests.map((r) => this.lookup.get(r.kind, r.arn)));
    let answers = await within(all, this.waitMs);
    if (answers === undefined) {
      this.tally.count('tag_lookup_timeout');
      answers = requests.map((r) => this.lookup.peek(r.kind, r.arn));
    }
    const tags: Partial<Record<ResourceKind, readonly string[]>> = {};
    requests.forEach((request, i) => {
      const answer = answers[i] ?? { state: 'missing', tags: [] };
      this.tally.count(`tags_${answer.state}`);
      tags[request.kind] = answer.tags;
    });
    return tags;
  }
}

/** The longest to wait for tags: the configured bound, and never more than a quarter of the time left. */
export function tagWaitMs(enrichment: EnrichmentConfig, remainingMs: number): number {
  return Math.max(0, Math.min(enrichment.tagLookupTimeoutMs, Math.floor(remainingMs / 4)));
}

/** Which resources' tags an origin needs, given what is enabled. */
export function tagRequests(
  chunk: LogChunk,
  origin: Origin,
  identity: ForwarderIdentity,
  enrichment: EnrichmentConfig,
): TagRequest[] {
  const requests: TagRequest[] = [];
  const { awslogs, s3 } = chunk.origin;
  if (enrichment.fetchLambdaTags && origin.lambdaArn) requests.push({ kind: 'lambda', arn: origin.lambdaArn });
  if (awslogs && enrichment.fetchLogGroupTags) {
    requests.push({ kind: 'logGroup', arn: logGroupArn(chunk.origin, identity) });
  }
  if (awslogs && enrichment.fetchStepFunctionsTags) {
    const arn = stateMachineArn(awslogs, chunk.logs[0]?.message);
    if (arn) requests.push({ kind: 'stateMachine', arn });
  }
  if (s3 && enrichment.fetchS3Tags) requests.push({ kind: 's3Bucket', arn: s3BucketArn(s3.bucket) });
  return requests;
}

/**
 * `arn:<partition>:logs:<region>:<account>:log-group:<name>`. Partition and region are the forwarder's (a
 * subscription delivers only within a region); the account is the log group's owner, as for Lambda ARNs.
 */
function logGroupArn(source: SourceOrigin, identity: ForwarderIdentity): string {
  const owner = source.awslogs?.owner ?? '';
  const account = /^\d{12}$/.test(owner) ? owner : identity.account;
  return `arn:${identity.partition}:logs:${identity.region}:${account}:log-group:${source.awslogs?.logGroup ?? ''}`;
}

/** S3 bucket ARNs have no region or account, and the Datadog Forwarder always uses the `aws` partition. */
function s3BucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

/**
 * The state machine of a Step Functions log group (Datadog Forwarder 3.x, datadog-serverless-functions
 * aws/logs_monitoring/parsing.py, 3.99.0): its logs carry the
 * execution ARN, `arn:<p>:states:<region>:<account>:execution:<machine>:<id>`, whose first seven parts with
 * `execution` turned into `stateMachine` are the state machine's ARN.
 */
export function stateMachineArn(
  awslogs: NonNullable<SourceOrigin['awslogs']>,
  firstMessage: string | undefined,
): string | undefined {
  if (!awslogs.logGroup.startsWith('/aws/vendedlogs/states') || !awslogs.logStream.startsWith('states/')) {
    return undefined;
  }
  let executionArn: unknown;
  try {
    executionArn = (JSON.parse(firstMessage ?? '') as { execution_arn?: unknown }).execution_arn;
  } catch {
    return undefined;
  }
  if (typeof executionArn !== 'string') return undefined;
  const parts = executionArn.split(/[:/\\]/);
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'states') return undefined;
  parts[5] = 'stateMachine';
  return parts.slice(0, 7).join(':');
}
