// The tag caches of several containers sharing one S3 cache object: the real SDK clients against the loopback
// AWS JSON endpoint (tagging API) and s3rver (the forwarder bucket). Time is a controlled clock, so "the TTL
// passed" is a step, not a wait.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createHash } from 'node:crypto';
import { logGroupTagReader } from '../../src/aws/log-group-tags.js';
import { AwsTagSource } from '../../src/aws/tag-source.js';
import { sdkResourcePages } from '../../src/aws/tagging-client.js';
import { S3Store } from '../../src/cache/s3-store.js';
import { CachedTagLookup } from '../../src/cache/tag-caches.js';
import type { Clock } from '../../src/clock.js';
import { Logger } from '../../src/log.js';
import { AwsError, startAwsJsonServer, TEST_CREDENTIALS, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { startLocalS3, type LocalS3 } from '../helpers/s3.js';
import { getResourcesHandler, type TaggedResource } from '../helpers/tagging.js';

const FORWARDER = 'arn:aws:lambda:us-east-1:123456789012:function:forwarder';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:checkout';
const OBJECT_KEY = `cache/${createHash('sha1').update(FORWARDER).digest('hex')}_lambda.json`;
const TTL_MS = 300_000;

let aws: AwsJsonServer;
let s3: LocalS3;
let s3Client: S3Client;
let resources: TaggedResource[];
const clock = { offsetMs: 0 };
const testClock: Clock = { now: () => Date.now() + clock.offsetMs, sleep: async () => undefined };

beforeAll(async () => {
  [aws, s3] = await Promise.all([startAwsJsonServer(), startLocalS3()]);
  aws.handle(
    'GetResources',
    getResourcesHandler(() => resources),
  );
  s3Client = s3.client();
});

afterAll(async () => {
  s3Client.destroy();
  await Promise.all([aws.close(), s3.close()]);
});

beforeEach(async () => {
  aws.calls.length = 0;
  clock.offsetMs = 0;
  resources = [
    { arn: FN, tags: { env: 'prod', team: 'Payments' } },
    { arn: 'arn:aws:lambda:us-east-1:123456789012:function:other', tags: { team: 'x' } },
    { arn: 'arn:aws:lambda:us-east-1:123456789012:function:third', tags: {} },
  ];
  aws.handle(
    'GetResources',
    getResourcesHandler(() => resources),
  );
  await s3Client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: OBJECT_KEY }));
});

/** One container: its own clients and in-memory cache, sharing the tagging API and the bucket. */
function container(lines: string[] = []): CachedTagLookup {
  const config = { endpoint: aws.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  return new CachedTagLookup({
    source: new AwsTagSource(
      sdkResourcePages(new ResourceGroupsTaggingAPIClient(config)),
      logGroupTagReader(new CloudWatchLogsClient(config)),
    ),
    store: new S3Store(s3.client(), s3.bucket),
    kinds: new Set(['lambda']),
    forwarderArn: FORWARDER,
    ttlMs: TTL_MS,
    jitterMs: 100_000,
    clock: testClock,
    logger: new Logger('debug', (line) => lines.push(line)),
    random: () => 0,
  });
}

const getResourcesCalls = () => aws.calls.filter((c) => c.operation === 'GetResources').length;

async function readCacheObject(): Promise<unknown> {
  const output = await s3Client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: OBJECT_KEY }));
  return JSON.parse(await output.Body!.transformToString());
}

it('fetches every page once and shares the result: a second container reads the object, not the API', async () => {
  await s3Client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: OBJECT_KEY, Body: 'not json {' }));
  const lines: string[] = [];
  const a = container(lines);
  expect(await a.get('lambda', FN)).toEqual({ state: 'fresh', tags: ['env:prod', 'team:payments'] });
  expect(getResourcesCalls()).toBe(2); // three functions, two a page
  expect(aws.calls[0]!.input).toEqual({ ResourceTypeFilters: ['lambda'], ResourcesPerPage: 100 });
  // The corrupt object was ignored (said once) and rewritten in the Datadog Forwarder's format.
  expect(lines.filter((l) => l.includes('Ignored a corrupt tag cache object'))).toHaveLength(1);
  expect(await readCacheObject()).toEqual({
    [FN]: ['env:prod', 'team:payments'],
    'arn:aws:lambda:us-east-1:123456789012:function:other': ['team:x'],
    'arn:aws:lambda:us-east-1:123456789012:function:third': [],
  });
  const b = container();
  expect(await b.get('lambda', `${FN}:live`)).toEqual({ state: 'fresh', tags: ['env:prod', 'team:payments'] });
  expect(getResourcesCalls()).toBe(2);
  expect(s3.requests.filter((r) => r.endsWith('_lambda.lock'))).not.toHaveLength(0);
});

it('refreshes an expired object in one container while another serves the stale tags', async () => {
  const a = container();
  const b = container();
  await a.get('lambda', FN);
  await b.get('lambda', FN);
  expect(getResourcesCalls()).toBe(2);

  // The TTL passes and the function's tags change; the tagging API answers only when the test says so.
  clock.offsetMs = TTL_MS + 100_001;
  resources = [{ arn: FN, tags: { env: 'prod', team: 'Checkout' } }];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetched = new Promise<void>((resolve) => {
    aws.handle('GetResources', (input, call) => {
      resolve();
      return released.then(() => getResourcesHandler(() => resources)(input, call));
    });
  });
  // Both containers answer at once with what they had; A takes the lock and calls the API.
  expect(await a.get('lambda', FN)).toEqual({ state: 'stale', tags: ['env:prod', 'team:payments'] });
  await fetched;
  expect(await b.get('lambda', FN)).toEqual({ state: 'stale', tags: ['env:prod', 'team:payments'] });
  await b.idle(); // B found the lock held: it keeps serving stale tags and looks again soon
  expect(b.peek('lambda', FN)).toEqual({ state: 'fresh', tags: ['env:prod', 'team:payments'] });
  release();
  await a.idle();
  expect(await a.get('lambda', FN)).toEqual({ state: 'fresh', tags: ['env:prod', 'team:checkout'] });
  expect(getResourcesCalls()).toBe(3);

  // B looks again after its short retry and finds A's object: the API is not called again.
  clock.offsetMs += 1_000;
  expect(await b.get('lambda', FN)).toEqual({ state: 'stale', tags: ['env:prod', 'team:payments'] });
  await b.idle();
  expect(b.peek('lambda', FN)).toEqual({ state: 'fresh', tags: ['env:prod', 'team:checkout'] });
  expect(getResourcesCalls()).toBe(3);
});

it('serves the stale object when the API denies access, and says which permission is missing once', async () => {
  const seed = container();
  await seed.get('lambda', FN);
  clock.offsetMs = TTL_MS + 100_001;
  aws.handle(
    'GetResources',
    () => new AwsError('AccessDeniedException', 'not authorized to perform: tag:GetResources'),
  );
  const lines: string[] = [];
  const cold = container(lines);
  expect(await cold.get('lambda', FN)).toEqual({ state: 'fresh', tags: ['env:prod', 'team:payments'] });
  clock.offsetMs += 60_000;
  await cold.get('lambda', FN);
  await cold.idle();
  const denied = lines.filter((l) => l.includes('Access denied'));
  expect(denied).toHaveLength(1);
  expect(JSON.parse(denied[0]!)).toMatchObject({ level: 'error', permission: 'tag:GetResources' });
  expect(cold.failures.counts.denied).toBe(2);
});

it('fetches for itself when the bucket cannot be used, saying which permission or bucket is wrong', async () => {
  const lines: string[] = [];
  const config = { endpoint: aws.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  const lookup = new CachedTagLookup({
    source: new AwsTagSource(
      sdkResourcePages(new ResourceGroupsTaggingAPIClient(config)),
      logGroupTagReader(new CloudWatchLogsClient(config)),
    ),
    store: new S3Store(s3.client(), 'no-such-bucket'),
    kinds: new Set(['lambda']),
    forwarderArn: FORWARDER,
    ttlMs: TTL_MS,
    jitterMs: 0,
    clock: testClock,
    logger: new Logger('debug', (line) => lines.push(line)),
  });
  expect(await lookup.get('lambda', FN)).toEqual({ state: 'fresh', tags: ['env:prod', 'team:payments'] });
  expect(lines.map((l) => JSON.parse(l) as { permission?: string }).map((l) => l.permission)).toEqual([
    's3:PutObject',
    's3:PutObject',
  ]);
  expect(lines.join('\n')).toContain('NoSuchBucket');
});

it('shares log group tags through one object per log group, rewriting a corrupt one', async () => {
  const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/checkout';
  const key = `cache/log-group/${createHash('sha1').update(FORWARDER).digest('hex')}/${arn.replace(/[/:]/g, '_')}.json`;
  await s3Client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: '{"not": "a list"}' }));
  aws.handle('ListTagsForResource', () => ({ tags: { Owner: 'Team Core' } }));
  const logGroupContainer = (lines: string[] = []) => {
    const config = { endpoint: aws.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
    return new CachedTagLookup({
      source: new AwsTagSource(
        sdkResourcePages(new ResourceGroupsTaggingAPIClient(config)),
        logGroupTagReader(new CloudWatchLogsClient(config)),
      ),
      store: new S3Store(s3.client(), s3.bucket),
      kinds: new Set(['logGroup']),
      forwarderArn: FORWARDER,
      ttlMs: TTL_MS,
      jitterMs: 0,
      clock: testClock,
      logger: new Logger('debug', (line) => lines.push(line)),
    });
  };
  const lines: string[] = [];
  expect(await logGroupContainer(lines).get('logGroup', arn)).toEqual({ state: 'fresh', tags: ['owner:team_core'] });
  expect(lines.filter((l) => l.includes('Ignored a corrupt tag cache object'))).toHaveLength(1);
  const written = await s3Client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  expect(JSON.parse(await written.Body!.transformToString())).toEqual(['owner:team_core']);
  expect(await logGroupContainer().get('logGroup', arn)).toEqual({ state: 'fresh', tags: ['owner:team_core'] });
  expect(aws.calls.filter((c) => c.operation === 'ListTagsForResource')).toEqual([
    expect.objectContaining({ input: { resourceArn: arn } }),
  ]);
});

it("uses the Datadog Forwarder's cache object and respects its lock, so both can share a bucket", async () => {
  // Written as that forwarder writes them: no metadata, aged by Last-Modified; the lock body is "lock".
  const lockKey = OBJECT_KEY.replace(/\.json$/, '.lock');
  const body = JSON.stringify({ [FN]: ['team:written-by-datadog'] });
  await s3Client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: OBJECT_KEY, Body: body }));
  await s3Client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: lockKey, Body: 'lock' }));
  const lookup = container();
  expect(await lookup.get('lambda', FN)).toEqual({ state: 'fresh', tags: ['team:written-by-datadog'] });
  expect(getResourcesCalls()).toBe(0);
  const store = new S3Store(s3Client, s3.bucket);
  expect(await store.acquireLock(lockKey, 60_000, Date.now())).toBe(false);
  expect(await store.acquireLock(lockKey, 60_000, Date.now() + 61_000)).toBe(true);
  await store.releaseLock(lockKey);
  expect(await store.get(lockKey)).toBeUndefined();
});

/**
 * A client whose writes (PutObject, DeleteObject) wait at a gate until the test opens it: a container that was
 * paused (or slow) between reading the lock and writing it.
 */
function gatedClient(client: S3Client) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let arrived!: () => void;
  const atGate = new Promise<void>((resolve) => (arrived = resolve));
  const gated: Pick<S3Client, 'send'> = {
    send: (async (command: { constructor: { name: string } }) => {
      if (/^(Put|Delete)Object/.test(command.constructor.name)) {
        arrived();
        await opened;
      }
      return client.send(command as never);
    }) as S3Client['send'],
  };
  return { gated, atGate, open };
}

describe('the shared cache lock', () => {
  const lockKey = OBJECT_KEY.replace(/\.json$/, '.lock');

  it('is taken over by one container only when two find it stale at once', async () => {
    await s3Client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: lockKey, Body: 'lock' }));
    const later = Date.now() + 61_000;
    const slow = gatedClient(s3Client);
    const a = new S3Store(s3Client, s3.bucket);
    const b = new S3Store(slow.gated, s3.bucket);
    // B reads the stale lock, then pauses before writing; A reads it too and takes it over.
    const bTakes = b.acquireLock(lockKey, 60_000, later);
    await slow.atGate;
    expect(await a.acquireLock(lockKey, 60_000, later)).toBe(true);
    const aToken = (await a.get(lockKey))?.body;
    // B's write comes late: it must not remove or replace A's fresh lock.
    slow.open();
    expect(await bTakes).toBe(false);
    expect((await a.get(lockKey))?.body).toBe(aToken);
    await a.releaseLock(lockKey);
    expect(await a.get(lockKey)).toBeUndefined();
  });

  it('is not deleted by a holder whose lock outlived its TTL and was taken over', async () => {
    const a = new S3Store(s3Client, s3.bucket);
    const b = new S3Store(s3Client, s3.bucket);
    const now = Date.now();
    expect(await a.acquireLock(lockKey, 60_000, now)).toBe(true);
    expect(await b.acquireLock(lockKey, 60_000, now + 1_000)).toBe(false);
    expect(await b.acquireLock(lockKey, 60_000, now + 61_000)).toBe(true);
    const bToken = (await b.get(lockKey))?.body;
    await a.releaseLock(lockKey);
    expect((await b.get(lockKey))?.body).toBe(bToken);
    await b.releaseLock(lockKey);
    expect(await b.get(lockKey)).toBeUndefined();
  });
});
