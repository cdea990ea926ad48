// The real handler reads real objects from s3rver through the real S3 client, for every way S3 notifications
// arrive, and sends what it read to a capture intake on 127.0.0.1.
import { gzipSync } from 'node:zlib';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { S3ObjectReader } from '../../src/aws/s3-object-reader.js';
import { s3Client, startLocalS3, type LocalS3 } from '../helpers/s3.js';
import { s3Record, snsRecord, sqsRecord, eventBridgeS3 } from '../helpers/events.js';

let s3: LocalS3;
let intake: CaptureIntake;
const lines: string[] = [];

beforeAll(async () => {
  s3 = await startLocalS3(['logs-bucket', 'other-bucket']);
  intake = await startCaptureIntake();
});
afterAll(async () => {
  await s3.close();
  await intake.close();
});
beforeEach(() => {
  intake.requests.length = 0;
  lines.length = 0;
});

function handler(extra: Record<string, string> = {}) {
  const logger = new Logger('debug', (line) => lines.push(line));
  return createHandler(localIntakeEnv(intake.url, { DD_USE_COMPRESSION: 'false', DD_LOG_LEVEL: 'debug', ...extra }), {
    objects: s3.reader,
    retry: FAST_RETRY,
    logger,
  });
}

function sentLogs(): Record<string, unknown>[] {
  return intake.requests.flatMap((r) => r.json as Record<string, unknown>[]);
}

describe('S3 notifications', () => {
  it('reads every record of a direct notification, plain and gzip', async () => {
    await s3.put('logs-bucket', 'app/one.log', 'first line\nsecond line\n');
    await s3.put('other-bucket', 'app/two words.log.gz', gzipSync('third line\r\nfourth line'));
    const event = {
      Records: [s3Record('logs-bucket', 'app/one.log'), s3Record('other-bucket', 'app/two+words.log.gz')],
    };
    await expect(handler()(event, lambdaContext())).resolves.toMatchObject({ status: 'ok', forwarded: 4 });
    const logs = sentLogs();
    expect(logs.map((l) => l.message)).toEqual(['first line', 'second line', 'third line', 'fourth line']);
    expect(logs[2]).toMatchObject({
      ddsource: 's3',
      service: 's3',
      aws: { s3: { bucket: 'other-bucket', key: 'app/two words.log.gz' } },
    });
    expect(logs[0]!.host).toBeUndefined();
    expect(logs[0]!.id).toMatch(/^[0-9a-f]{24}-L1$/);
  });

  it('reads S3 notifications carried by SNS, SQS, SQS carrying SNS and EventBridge', async () => {
    await s3.put('logs-bucket', 'via/a.log', 'a');
    const notification = { Records: [s3Record('logs-bucket', 'via/a.log')] };
    const events = [
      { Records: [snsRecord(JSON.stringify(notification))] },
      { Records: [sqsRecord('m1', JSON.stringify(notification))] },
      { Records: [sqsRecord('m2', JSON.stringify({ Type: 'Notification', Message: JSON.stringify(notification) }))] },
      eventBridgeS3('logs-bucket', 'via/a.log'),
    ];
    for (const event of events) await handler()(event, lambdaContext());
    expect(sentLogs().map((l) => [l.message, (l.aws as { s3: unknown }).s3])).toEqual(
      Array(4).fill(['a', { bucket: 'logs-bucket', key: 'via/a.log' }]),
    );
  });

  it('builds the S3 client from configuration (DD_USE_VPC: path style in AWS_REGION)', async () => {
    await s3.put('logs-bucket', 'vpc.log', 'through the vpc endpoint');
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    });
    try {
      const real = createHandler(
        localIntakeEnv(intake.url, { DD_USE_COMPRESSION: 'false', DD_USE_VPC: 'true', AWS_REGION: 'us-east-1' }),
        { retry: FAST_RETRY, logger: new Logger('error', () => undefined) },
      );
      await real({ Records: [s3Record('logs-bucket', 'vpc.log')] }, lambdaContext());
    } finally {
      process.env = saved;
    }
    expect(sentLogs().map((l) => l.message)).toEqual(['through the vpc endpoint']);
  });
});

describe('S3 failures', () => {
  it('drops an object deleted before it was read, and still reads the others', async () => {
    await s3.put('logs-bucket', 'gone.log', 'x');
    await s3.remove('logs-bucket', 'gone.log');
    await s3.put('logs-bucket', 'here.log', 'still here');
    const event = { Records: [s3Record('logs-bucket', 'gone.log'), s3Record('logs-bucket', 'here.log')] };
    await expect(handler()(event, lambdaContext())).resolves.toMatchObject({ forwarded: 1 });
    expect(sentLogs().map((l) => l.message)).toEqual(['still here']);
    expect(lines.join('\n')).toContain('object_not_found');
  });

  it('reports only the SQS message whose object was denied, when ReportBatchItemFailures is on', async () => {
    await s3.put('logs-bucket', 'ok.log', 'fine');
    const wrongKeys = new S3ObjectReader(s3Client(s3.endpoint, { accessKeyId: 'WRONG', secretAccessKey: 'nope' }));
    const objects = {
      open: (bucket: string, key: string) => (key === 'denied.log' ? wrongKeys : s3.reader).open(bucket, key),
    };
    const env = localIntakeEnv(intake.url, {
      DD_USE_COMPRESSION: 'false',
      FORWARDER_REPORT_BATCH_ITEM_FAILURES: 'true',
    });
    const event = {
      Records: [
        sqsRecord('bad-1', JSON.stringify({ Records: [s3Record('logs-bucket', 'denied.log')] })),
        sqsRecord('good-1', JSON.stringify({ Records: [s3Record('logs-bucket', 'ok.log')] })),
      ],
    };
    const logger = new Logger('debug', (line) => lines.push(line));
    const result = await createHandler(env, { objects, retry: FAST_RETRY, logger })(event, lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad-1' }] });
    expect(sentLogs().map((l) => l.message)).toEqual(['fine']);
    expect(lines.join('\n')).toContain('s3:GetObject');
  });

  it('fails the whole SQS batch instead when ReportBatchItemFailures is not declared on', async () => {
    const wrongKeys = new S3ObjectReader(s3Client(s3.endpoint, { accessKeyId: 'WRONG', secretAccessKey: 'nope' }));
    const env = localIntakeEnv(intake.url, { DD_USE_COMPRESSION: 'false' });
    const event = { Records: [sqsRecord('bad-1', JSON.stringify({ Records: [s3Record('logs-bucket', 'x.log')] }))] };
    const run = createHandler(env, { objects: wrongKeys, logger: new Logger('error', () => undefined) });
    await expect(run(event, lambdaContext())).rejects.toThrow(/FORWARDER_REPORT_BATCH_ITEM_FAILURES/);
  });

  it('drops a missing bucket (permanent) without retrying the SQS message', async () => {
    await s3.put('logs-bucket', 'ok.log', 'fine');
    const event = {
      Records: [
        sqsRecord('bad-1', JSON.stringify({ Records: [s3Record('no-such-bucket', 'x.log')] })),
        sqsRecord('good-1', JSON.stringify({ Records: [s3Record('logs-bucket', 'ok.log')] })),
      ],
    };
    const result = await handler({ FORWARDER_REPORT_BATCH_ITEM_FAILURES: 'true' })(event, lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sentLogs().map((l) => l.message)).toEqual(['fine']);
  });
});
