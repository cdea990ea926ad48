import { readConfig } from '../../../src/config/index.js';
import { describeOrigin, type OriginSettings } from '../../../src/enrich/origin.js';
import {
  OriginTagger,
  stateMachineArn,
  tagRequests,
  tagWaitMs,
  type ResourceKind,
  type TagAnswer,
  type TagLookup,
} from '../../../src/enrich/resource-tags.js';
import { forwarderIdentity } from '../../../src/parse/forwarder-identity.js';
import { Tally } from '../../../src/tally.js';
import type { LogChunk } from '../../../src/types.js';
import { lambdaContext, TEST_API_KEY } from '../../helpers/lambda.js';

const ALL_ON = {
  DD_API_KEY: TEST_API_KEY,
  DD_FETCH_LAMBDA_TAGS: 'true',
  DD_FETCH_LOG_GROUP_TAGS: 'true',
  DD_FETCH_S3_TAGS: 'true',
  DD_FETCH_STEP_FUNCTIONS_TAGS: 'true',
};
const config = readConfig(ALL_ON);
const identity = forwarderIdentity(lambdaContext());
const settings: OriginSettings = { logs: config.logs, identity };

function awslogsChunk(logGroup: string, logStream: string, message = 'hello', owner = '123456789012'): LogChunk {
  return { origin: { eventType: 'awslogs', awslogs: { logGroup, logStream, owner } }, logs: [{ message }] };
}

/** A lookup that answers from a table, counts calls, and can be told never to answer. */
function fakeLookup(table: Record<string, TagAnswer>, options: { hang?: boolean } = {}) {
  const calls: string[] = [];
  const answer = (kind: ResourceKind, arn: string) => table[`${kind} ${arn}`] ?? { state: 'missing', tags: [] };
  const lookup: TagLookup = {
    get: (kind, arn) => {
      calls.push(`${kind} ${arn}`);
      return options.hang ? new Promise(() => undefined) : Promise.resolve(answer(kind, arn));
    },
    peek: answer,
    idle: () => (options.hang ? new Promise(() => undefined) : Promise.resolve()),
  };
  return { lookup, calls };
}

describe('tagRequests', () => {
  it('asks for the function, log group and state machine tags that are enabled', () => {
    const chunk = awslogsChunk(
      '/aws/vendedlogs/states/orders-Logs',
      'states/orders/2024',
      JSON.stringify({ execution_arn: 'arn:aws:states:us-east-1:123456789012:express:orders:run:1' }),
      '999999999999',
    );
    expect(tagRequests(chunk, describeOrigin(chunk.origin, settings), identity, config.enrichment)).toEqual([
      { kind: 'logGroup', arn: 'arn:aws:logs:us-east-1:999999999999:log-group:/aws/vendedlogs/states/orders-Logs' },
      { kind: 'stateMachine', arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders' },
    ]);
    const s3: LogChunk = { origin: { eventType: 's3', s3: { bucket: 'logs-bucket', key: 'a.gz' } }, logs: [] };
    expect(tagRequests(s3, describeOrigin(s3.origin, settings), identity, config.enrichment)).toEqual([
      { kind: 's3Bucket', arn: 'arn:aws:s3:::logs-bucket' },
    ]);
  });

  it.each([
    [
      '/aws/vendedlogs/states/x',
      'states/x',
      '{"execution_arn": "arn:aws:states:eu-west-1:1:execution:m:e"}',
      'arn:aws:states:eu-west-1:1:stateMachine:m',
    ],
    ['/aws/vendedlogs/states/x', 'other', '{"execution_arn": "arn:aws:states:eu-west-1:1:execution:m:e"}', undefined],
    ['/aws/lambda/x', 'states/x', '{"execution_arn": "arn:aws:states:eu-west-1:1:execution:m:e"}', undefined],
    ['/aws/vendedlogs/states/x', 'states/x', '{"execution_arn": 42}', undefined],
    ['/aws/vendedlogs/states/x', 'states/x', 'not json', undefined],
  ])('state machine of %s / %s / %s is %s', (logGroup, logStream, message, expected) => {
    expect(stateMachineArn({ logGroup, logStream, owner: '1' }, message)).toBe(expected);
  });

  it('bounds the wait by the setting and by a quarter of the time left', () => {
    expect(tagWaitMs(config.enrichment, 60_000)).toBe(2_000);
    expect(tagWaitMs(config.enrichment, 4_000)).toBe(1_000);
    expect(tagWaitMs(config.enrichment, -5)).toBe(0);
  });
});

describe('OriginTagger', () => {
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:checkout';
  const logGroup = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/checkout';

  it('looks each origin up once per invocation and describes it with its tags', async () => {
    const { lookup, calls } = fakeLookup({
      [`lambda ${fn}`]: { state: 'fresh', tags: ['service:api', 'env:prod'] },
      [`logGroup ${logGroup}`]: { state: 'stale', tags: ['team:core'] },
    });
    const tally = new Tally();
    const tagger = new OriginTagger(lookup, config.enrichment, tally, 1_000);
    const chunk = awslogsChunk('/aws/lambda/checkout', '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef');
    const [first, second] = [await tagger.describe(chunk, settings), await tagger.describe(chunk, settings)];
    expect(calls).toEqual([`lambda ${fn}`, `logGroup ${logGroup}`]);
    expect(first).toEqual(second);
    expect(first.service).toBe('api');
    expect(first.tags).toEqual(expect.arrayContaining(['team:core', 'env:prod', 'service:api']));
    expect(first.tags).not.toContain('env:none');
    expect(tally.counters).toEqual({ tags_fresh: 1, tags_stale: 1 });
  });

  it('does not wait past the bound: what is known (stale) is used, and the timeout counted', async () => {
    const { lookup } = fakeLookup({ [`lambda ${fn}`]: { state: 'stale', tags: ['team:old'] } }, { hang: true });
    const tally = new Tally();
    const enrichment = { ...config.enrichment, fetchLogGroupTags: false };
    const origin = await new OriginTagger(lookup, enrichment, tally, 5).describe(
      awslogsChunk('/aws/lambda/checkout', 'stream'),
      settings,
    );
    expect(origin.tags).toContain('team:old');
    expect(tally.counters).toEqual({ tag_lookup_timeout: 1, tags_stale: 1 });
  });
});

describe('describeOrigin with resource tags', () => {
  it('settles background refreshes before the invocation ends, waiting no longer than the bound', async () => {
    let refreshed!: () => void;
    const refreshing = new Promise<void>((resolve) => (refreshed = resolve));
    const { lookup } = fakeLookup({});
    let settled = false;
    const tagger = new OriginTagger({ ...lookup, idle: () => refreshing }, config.enrichment, new Tally(), 60_000);
    const settling = tagger.settle().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    refreshed();
    await settling;
    expect(settled).toBe(true);
    // A refresh that never ends holds the invocation for the bound only.
    await new OriginTagger(fakeLookup({}, { hang: true }).lookup, config.enrichment, new Tally(), 5).settle();
  });

  it('puts S3 bucket tags first, so that a bucket service wins over DD_TAGS (v5)', () => {
    const withTags = { ...settings, logs: readConfig({ ...ALL_ON, DD_TAGS: 'service:from-dd-tags' }).logs };
    const origin = describeOrigin({ eventType: 's3', s3: { bucket: 'b', key: 'k' } }, withTags, {
      s3Bucket: ['service:bucket-svc', 'team:data'],
    });
    expect(origin.service).toBe('bucket-svc');
    expect(origin.tags.slice(0, 2)).toEqual(['service:bucket-svc', 'team:data']);
  });

  it('adds state machine tags after the log group tags', () => {
    const chunk = awslogsChunk('/aws/vendedlogs/states/m', 'states/m/1');
    const origin = describeOrigin(chunk.origin, settings, { logGroup: ['team:lg'], stateMachine: ['service:flow'] });
    expect(origin.service).toBe('flow');
    expect(origin.tags.slice(-2)).toEqual(['team:lg', 'service:flow']);
  });
});
