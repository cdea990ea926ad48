// Hostile input against the real handler and a recording intake on 127.0.0.1: JSON nested 100,000 levels in the
// three paths that read JSON (a log with ddtags, a metric line, a direct invocation), gzip bombs of 1 GB in a
// CloudWatch Logs subscription and in a Kinesis record, a 10 MB line, 100,000 events, `__proto__` keys. For each:
// what became of the hostile input, and that every other log of the event arrived. The function is given 128 MB,
// so payloads may decompress to 16 MB (S3 objects stream instead, so a bomb there is a long line, cut); the bombs
// are built from repeated gzip members, never 1 GB in memory.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { PayloadTooLargeError } from '../../src/errors.js';
import type { DepsOverrides } from '../../src/deps.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { kinesisRecord, s3Record } from '../helpers/events.js';
import { FAST_RETRY, awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

interface Summary {
  received: number;
  forwarded: number;
  truncated: number;
  dropped: Record<string, number>;
  converted: Record<string, number>;
  errorClass?: string;
}

interface Forwarded {
  id?: string;
  message?: string;
  ddtags?: string;
  detail?: { finding?: { resources?: Record<string, unknown> } };
}

let intake: CaptureIntake;
beforeAll(async () => {
  intake = await startCaptureIntake();
});
afterAll(() => intake.close());

const outcomes: string[] = [];
afterAll(() => console.log(`Hostile input, outcome per case:\n${outcomes.join('\n')}`));

/** Invokes the handler once; what it answered or threw, its summary line, and the logs the intake received. */
async function invoke(event: unknown, env: Record<string, string> = {}, overrides: DepsOverrides = {}) {
  const before = intake.requests.length;
  const lines: string[] = [];
  const handler = createHandler(
    localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128', ...env }),
    { retry: FAST_RETRY, logger: new Logger('info', (line) => lines.push(line)), ...overrides },
  );
  const result: { answer?: unknown; error?: unknown } = await handler(event, lambdaContext()).then(
    (answer) => ({ answer }),
    (error: unknown) => ({ error }),
  );
  const parsed = lines.map((l) => JSON.parse(l) as Summary & { message: string });
  const summary = parsed.filter((l) => l.message === 'Invocation summary.');
  expect(summary).toHaveLength(1);
  const requests = intake.requests.slice(before).filter((r) => r.path === '/api/v2/logs');
  const logs = requests.flatMap((r) => r.json as Forwarded[]);
  const body = requests.map((r) => r.body.toString('utf8')).join('\n');
  return { ...result, summary: summary[0]!, logs, body, byId: new Map(logs.map((l) => [l.id, l])) };
}

function record(name: string, outcome: string): void {
  outcomes.push(`  ${name.padEnd(34)} ${outcome}`);
}

const nested = (depth: number, open: string, inner: string, close: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

/** A CloudWatch Logs subscription payload: `hostile` between two ordinary logs. */
function payload(hostile: string[]) {
  const messages = ['ordinary log before', ...hostile, 'ordinary log after'];
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/lambda/app',
    logStream: '2026/01/01/[$LATEST]abc',
    subscriptionFilters: ['f'],
    logEvents: messages.map((message, i) => ({ id: `e${i}`, timestamp: 1_700_000_000_000 + i, message })),
  };
}

function expectOrdinaryLogsArrived(byId: Map<string | undefined, Forwarded>, lastId: string): void {
  expect(byId.get('e0')?.message).toBe('ordinary log before');
  expect(byId.get(lastId)?.message).toBe('ordinary log after');
}

/**
 * gzip whose content is `head`, then `megabytes` MB of `a`, then `tail`: one gzip member per piece, the 1 MB
 * member repeated (a gzip file may hold several members, and gunzip reads them all), so 1 GB of content takes
 * about 1 MB and is never in memory.
 */
function gzipBomb(head: string, megabytes: number, tail: string): Buffer {
  const megabyte = gzipSync(Buffer.alloc(1024 * 1024, 'a'), { level: 9 });
  return Buffer.concat([gzipSync(head), ...Array<Buffer>(megabytes).fill(megabyte), gzipSync(tail)]);
}

const DEPTH = 100_000;

describe('JSON nested 100,000 levels', () => {
  it('in a log with ddtags: forwarded as it came, as the Datadog Forwarder leaves a message json.loads fails on', async () => {
    const hostile = `{"ddtags":"team:x","m":${nested(DEPTH, '{"a":', '1', '}')}}`;
    const { answer, summary, byId } = await invoke(awslogsEvent(payload([hostile])));
    expect(answer).toEqual({ status: 'ok', forwarded: 3 });
    expect(byId.get('e1')?.message).toBe(hostile);
    expectOrdinaryLogsArrived(byId, 'e2');
    expect(summary).toMatchObject({ received: 3, forwarded: 3 });
    record('ddtags, nested 100,000', 'forwarded unchanged; 2 other logs arrived');
  });

  it('in a metric line: dropped as an invalid metric (its tags are not a list of strings)', async () => {
    const hostile = `{"m":"app.count","v":1,"e":1700000000,"t":${nested(DEPTH, '[', '"tag"', ']')}}`;
    const { answer, summary, byId } = await invoke(awslogsEvent(payload([hostile])));
    expect(answer).toEqual({ status: 'ok', forwarded: 2 });
    expectOrdinaryLogsArrived(byId, 'e2');
    expect(summary).toMatchObject({ received: 3, forwarded: 2, dropped: { invalid_metric_tags: 1 } });
    record('metric line, nested 100,000', 'dropped: invalid_metric_tags; 2 other logs arrived');
  });

  it('in a trace payload: kept as a log, as a corrupt trace payload is', async () => {
    const span = `{"trace_id":1,"span_id":2,"parent_id":0,"name":"n","resource":"r","service":"s","start":1,"duration":1`;
    const hostile = `{"traces":[[${span},"meta":${nested(DEPTH, '{"a":', '"b"', '}')}}]]}`;
    const { answer, summary, byId } = await invoke(awslogsEvent(payload([hostile])));
    expect(answer).toEqual({ status: 'ok', forwarded: 3 });
    expect(byId.get('e1')?.message).toBe(hostile);
    expectOrdinaryLogsArrived(byId, 'e2');
    expect(summary).toMatchObject({ received: 3, forwarded: 3, kept: { corrupt_trace_payload: 1 } });
    record('trace payload, nested 100,000', 'kept as a log (corrupt_trace_payload); 2 other logs arrived');
  });

  it('in a direct invocation: forwarded as one log, its JSON text whole, and whole to additional targets', async () => {
    const text = `{"kind":"custom","deep":${nested(DEPTH, '[', '{}', ']')}}`;
    const payloads: string[] = [];
    const lambdaInvoker = { invokeAsync: async (_target: string, payload: string) => void payloads.push(payload) };
    const { answer, logs } = await invoke(
      JSON.parse(text),
      { DD_ADDITIONAL_TARGET_LAMBDAS: 'other' },
      { lambdaInvoker },
    );
    expect(answer).toEqual({ status: 'ok', forwarded: 1 });
    expect(logs.map((l) => l.message)).toEqual([text]);
    expect(payloads).toEqual([text]);
    record('direct invocation, nested 100,000', 'forwarded whole, and sent whole to additional targets');
  });

  it('in an EventBridge event (fields, no message): forwarded with its fields whole', async () => {
    const text = `{"source":"custom.app","detail-type":"x","detail":${nested(DEPTH, '{"a":', '1', '}')}}`;
    const { answer, body } = await invoke(JSON.parse(text));
    expect(answer).toEqual({ status: 'ok', forwarded: 1 });
    expect(body).toContain(`"detail":${nested(DEPTH, '{"a":', '1', '}')}`);
    record('EventBridge detail, nested 100,000', 'forwarded whole');
  });
});

describe('gzip bombs of 1 GB', () => {
  it('in a CloudWatch Logs subscription: refused as too large, counted, the invocation fails for Lambda to keep it', async () => {
    const head = JSON.stringify(payload([])).replace(
      /"logEvents":\[.*$/,
      '"logEvents":[{"id":"1","timestamp":1,"message":"',
    );
    const bomb = gzipBomb(head, 1024, '"}]}');
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { error, summary, logs } = await invoke({ awslogs: { data: bomb.toString('base64') } });
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(String(error)).toMatch(/decompresses to more than 16 MB.*give the function more memory/);
    expect(summary).toMatchObject({ errorClass: 'PayloadTooLargeError', dropped: { payload_too_large: 1 } });
    expect(logs).toEqual([]);
    record('CloudWatch Logs gzip bomb, 1 GB', 'PayloadTooLargeError, payload_too_large: 1');
  });

  it('in a Kinesis record: that record refused and counted, the other records of the batch forwarded', async () => {
    const ordinary = gzipSync(JSON.stringify(payload([])));
    const bomb = gzipBomb('{"messageType":"DATA_MESSAGE","logEvents":[{"message":"', 1024, '"}]}');
    const event = {
      Records: [
        kinesisRecord('1', ordinary),
        kinesisRecord('2', bomb),
        kinesisRecord('3', Buffer.from('plain text record')),
      ],
    };
    const { answer, summary, logs } = await invoke(event);
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(logs.map((l) => l.message).sort()).toEqual(
      ['ordinary log after', 'ordinary log before', 'plain text record'].sort(),
    );
    expect(summary).toMatchObject({ forwarded: 3, dropped: { payload_too_large: 1 } });
    record('Kinesis gzip bomb, 1 GB', 'record refused, payload_too_large: 1; 3 other logs arrived');
  });
});

describe('a gzip bomb in S3', () => {
  it('streams: 64 MB in one line, four times the decompression limit, is one truncated log; the others whole', async () => {
    const bomb = gzipBomb('first line\n', 64, '\nlast line\n');
    const objects = { open: async () => ({ body: Readable.from([bomb]), metadata: { etag: 'e' } }) };
    const { answer, logs, summary } = await invoke({ Records: [s3Record('bucket', 'bomb.log.gz')] }, {}, { objects });
    expect(answer).toEqual({ status: 'ok', forwarded: 3 });
    expect(logs.map((l) => l.message?.length)).toEqual([10, expect.any(Number), 9]);
    expect(logs[1]?.message).toMatch(/^a{900000,}\.\.\.TRUNCATED$/);
    expect(summary).toMatchObject({ received: 3, forwarded: 3, truncated: 1 });
    record('S3 gzip bomb, 64 MB line', 'streamed: one truncated log; 2 other logs arrived');
  });
});

describe('sizes', () => {
  it('a 10 MB line: truncated to the intake’s 1 MB limit and marked, the others whole', async () => {
    const { answer, summary, byId } = await invoke(awslogsEvent(payload(['x'.repeat(10 * 1024 * 1024)])));
    expect(answer).toEqual({ status: 'ok', forwarded: 3 });
    const long = byId.get('e1')?.message ?? '';
    expect(long.length).toBeLessThan(1_000_000);
    expect(long).toMatch(/^x+\.\.\.TRUNCATED$/);
    expectOrdinaryLogsArrived(byId, 'e2');
    expect(summary).toMatchObject({ received: 3, forwarded: 3, truncated: 1 });
    record('10 MB line', 'truncated to 1 MB, counted; 2 other logs arrived');
  });

  it('100,000 events in one payload: every one delivered, once', async () => {
    const many = Array.from({ length: 100_000 - 2 }, (_, i) => `event ${i + 1}`);
    const { answer, logs, byId } = await invoke(awslogsEvent(payload(many)));
    expect(answer).toEqual({ status: 'ok', forwarded: 100_000 });
    expect(byId.size).toBe(100_000);
    expect(logs).toHaveLength(100_000);
    expectOrdinaryLogsArrived(byId, 'e99999');
    record('100,000 events', 'all 100,000 delivered once');
    // A generous limit for a slow shared machine, not a timing assertion.
  }, 120_000);
});

describe('__proto__ keys', () => {
  it('stay data: kept in messages and records, never a prototype', async () => {
    const tagged = '{"__proto__":{"polluted":"yes"},"msg":"x","ddtags":"team:a"}';
    const finding = {
      Id: 'f1',
      Resources: [
        { Type: '__proto__', Id: 'r1' },
        { Type: 'AwsEc2Instance', Id: 'r2' },
      ],
    };
    const cloudwatch = await invoke(awslogsEvent(payload([tagged])));
    expect(cloudwatch.byId.get('e1')).toMatchObject({ message: '{"__proto__": {"polluted": "yes"}, "msg": "x"}' });
    expect(cloudwatch.byId.get('e1')?.ddtags).toMatch(/,team:a$/);
    expectOrdinaryLogsArrived(cloudwatch.byId, 'e2');
    const text = JSON.stringify({ source: 'aws.securityhub', 'detail-type': 'x', detail: { findings: [finding] } });
    const securityHub = await invoke(JSON.parse(text));
    expect(securityHub.logs[0]?.detail?.finding?.resources).toEqual(
      JSON.parse('{"__proto__":{"Id":"r1"},"AwsEc2Instance":{"Id":"r2"}}'),
    );
    const direct = await invoke(JSON.parse('{"__proto__":{"polluted":"yes"},"kind":"custom"}'));
    expect(direct.logs.map((l) => l.message)).toEqual(['{"__proto__":{"polluted":"yes"},"kind":"custom"}']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    record('__proto__ keys', 'kept as data in messages, findings, events; 2 other logs arrived');
  });
});
