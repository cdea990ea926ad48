// The S3 failed-event store on a real S3 server (s3rver), with the real SDK client: layout under
// failed_events/<scope>/<intake>/, no API key stored, replay that deletes only what the intake accepted,
// a partial replay that stores the rest again (the v5 quirk fixed), the v5 format read back, and an
// unavailable bucket failing the invocation.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { functionScope } from '../../src/failed-events/failed-event-store.js';
import { S3FailedEventStore } from '../../src/aws/s3-failed-event-store.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';
import { idsIn, logsEventWithIds } from '../helpers/logs.js';
import { startLocalS3, type LocalS3 } from '../helpers/s3.js';

const BUCKET = 'forwarder-bucket';
const scope = functionScope(lambdaContext().invokedFunctionArn);

describe('S3 failed-event store', () => {
  let s3: LocalS3;
  let client: S3Client;
  let intake: CaptureIntake;

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
    client = s3.client();
  });
  afterAll(async () => {
    client.destroy();
    await s3.close();
  });
  beforeEach(async () => {
    intake = await startCaptureIntake({ responder: () => ({ status: 500 }) });
  });
  afterEach(() => intake.close());

  const keys = async () =>
    ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key ?? '');
  const handler = (bucket = BUCKET) =>
    createHandler(localIntakeEnv(intake.url), {
      retry: { ...FAST_RETRY, maxAttempts: 2 },
      failedEvents: new S3FailedEventStore(client, bucket, new Logger('error', () => {})),
      logger: new Logger('error', () => {}),
    });

  it('stores under failed_events/<scope>/logs/, without the API key, and deletes only after delivery', async () => {
    const forward = handler();
    const { event, ids } = logsEventWithIds(50);
    await expect(forward(event, lambdaContext())).resolves.toEqual({ status: 'ok', forwarded: 0 });
    const stored = await keys();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(new RegExp(`^failed_events/${scope}/logs/\\d+-`));
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: stored[0] }));
    const body = JSON.parse((await object.Body?.transformToString()) ?? '{}') as { items: string[] };
    expect(body).toMatchObject({ v: 1, intake: 'logs', destination: 'logs' });
    expect(body.items.map((item) => JSON.parse(item).id)).toEqual(ids);
    expect(JSON.stringify(body)).not.toContain(TEST_API_KEY);

    await forward({ retry: true }, lambdaContext());
    expect(await keys()).toEqual(stored);

    intake.setResponder(() => ({ status: 202 }));
    const before = intake.requests.length;
    await forward({ retry: true }, lambdaContext());
    expect(intake.requests.slice(before).flatMap(idsIn).sort()).toEqual([...ids].sort());
    expect(await keys()).toEqual([]);
  });

  it('stores again only what a partial replay could not deliver', async () => {
    const forward = handler();
    const ids = Array.from({ length: 1500 }, (_, i) => `partial-${i}`);
    const items = ids.map((id) => JSON.stringify({ id, message: id }));
    const store = new S3FailedEventStore(client, BUCKET, new Logger('error', () => {}));
    await store.put(scope, { intake: 'logs', destination: 'logs', reason: 'test', storedAtMs: 1, items });
    // The replay sends two batches (1,000 logs at most per request): the first is accepted, the second is not.
    intake.setResponder((request) => (idsIn(request).includes(ids[0]!) ? { status: 202 } : { status: 500 }));
    const before = intake.requests.length;
    await forward({ retry: true }, lambdaContext());
    const first = intake.requests.slice(before).filter((r) => idsIn(r).includes(ids[0]!));
    const deliveredFirst = new Set(first.flatMap(idsIn));
    expect(deliveredFirst.size).toBe(1000);
    expect(await keys()).toHaveLength(1);

    intake.setResponder(() => ({ status: 202 }));
    const next = intake.requests.length;
    await forward({ retry: true }, lambdaContext());
    const second = intake.requests.slice(next).flatMap(idsIn);
    expect(second).toHaveLength(500);
    expect(second.some((id) => deliveredFirst.has(id))).toBe(false);
    expect(await keys()).toEqual([]);
  });

  it('replays what the Datadog Forwarder v5 stored', async () => {
    const log = JSON.stringify({ id: 'v5-1', message: 'stored by v5', ddsource: 'lambda' });
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `failed_events/${scope}/logs/1700000000.123456`,
        Body: JSON.stringify([log]),
      }),
    );
    intake.setResponder(() => ({ status: 202 }));
    await handler()({ retry: true }, lambdaContext());
    expect(intake.requests.flatMap(idsIn)).toEqual(['v5-1']);
    expect(await keys()).toEqual([]);
  });

  it('fails the invocation when the bucket cannot be written', async () => {
    const { event } = logsEventWithIds(5);
    await expect(handler('no-such-bucket')(event, lambdaContext())).rejects.toThrow(
      /Could not store 5 logs item\(s\) in s3:\/\/no-such-bucket/,
    );
  });
});
