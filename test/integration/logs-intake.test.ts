// The real handler against a recording intake on 127.0.0.1 that answers what each test needs: 202, 413, 429,
// 500 until the deadline, a connection reset, a slow intake. Nothing may be lost silently: every log is either
// received or reported by a failed invocation.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { DeliveryError } from '../../src/errors.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FAST_RETRY, TEST_API_KEY, awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

let intake: CaptureIntake;
beforeEach(async () => {
  intake = await startCaptureIntake();
});
afterEach(() => intake.close());

function payload(count: number, messageBytes = 20) {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/ecs/web',
    logStream: 'web/1',
    subscriptionFilters: ['f'],
    logEvents: Array.from({ length: count }, (_, i) => ({
      id: `event-${i}`,
      timestamp: 1_700_000_000_000 + i,
      message: `log ${i} `.padEnd(messageBytes, 'x'),
    })),
  };
}

function run(env: Record<string, string> = {}, options: { retry?: typeof FAST_RETRY; remainingMs?: number } = {}) {
  const lines: string[] = [];
  const handler = createHandler(
    localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info', FORWARDER_TELEMETRY: 'false', ...env }),
    {
      retry: options.retry ?? FAST_RETRY,
      logger: new Logger('info', (line) => lines.push(line)),
    },
  );
  return { handler, lines, context: lambdaContext({ remainingMs: options.remainingMs }) };
}

/** Ids of every log the intake accepted (answered 2xx). */
function acceptedIds(accepted: Set<number>): string[] {
  return intake.requests
    .filter((_, index) => accepted.has(index))
    .flatMap((r) => (r.json as { id: string }[]).map((log) => log.id));
}

it('sends zstd batches of at most 1,000 logs with the intake headers, answered 202', async () => {
  const { handler, context } = run();
  await expect(handler(awslogsEvent(payload(2500)), context)).resolves.toEqual({ status: 'ok', forwarded: 2500 });
  expect(intake.requests.map((r) => (r.json as unknown[]).length).sort()).toEqual([1000, 1000, 500]);
  const headers = intake.requests[0]?.headers ?? {};
  expect(headers['content-encoding']).toBe('zstd');
  expect(headers['dd-api-key']).toBe(TEST_API_KEY);
  expect(headers['dd-evp-origin']).toBe('aws_forwarder');
  expect(headers['dd-evp-origin-version']).toMatch(/^\d+\.\d+\.\d+/);
});

it('resends in gzip to an intake that refuses zstd, and sends it gzip from then on', async () => {
  intake.setResponder((request) =>
    request.headers['content-encoding'] === 'zstd' ? { status: 415, body: '{"errors":["zstd"]}' } : { status: 202 },
  );
  const { handler, context, lines } = run();
  await expect(handler(awslogsEvent(payload(1500)), context)).resolves.toEqual({ status: 'ok', forwarded: 1500 });
  await expect(handler(awslogsEvent(payload(10)), context)).resolves.toEqual({ status: 'ok', forwarded: 10 });
  const accepted = intake.requests.filter((r) => r.headers['content-encoding'] === 'gzip');
  expect(accepted.flatMap((r) => r.json as unknown[])).toHaveLength(1510);
  // Only the first batch (or the first ones in flight with it) went out in zstd; the next invocation sent gzip.
  expect(intake.requests.at(-1)?.headers['content-encoding']).toBe('gzip');
  expect(intake.requests.length - accepted.length).toBeLessThanOrEqual(2);
  expect(lines.join('\n')).toContain('does not accept zstd');
});

it('sends gzip when FORWARDER_LOGS_COMPRESSION=gzip', async () => {
  const { handler, context } = run({ FORWARDER_LOGS_COMPRESSION: 'gzip' });
  await handler(awslogsEvent(payload(3)), context);
  expect(intake.requests.map((r) => [r.headers['content-encoding'], (r.json as unknown[]).length])).toEqual([
    ['gzip', 3],
  ]);
});

it('splits a batch the intake finds too large (413) and resends both halves', async () => {
  const accepted = new Set<number>();
  intake.setResponder((request, index) => {
    if ((request.json as unknown[]).length > 100) return { status: 413 };
    accepted.add(index);
    return { status: 202 };
  });
  const { handler, context } = run();
  await handler(awslogsEvent(payload(300)), context);
  const ids = acceptedIds(accepted);
  expect(ids).toHaveLength(300);
  expect(new Set(ids).size).toBe(300);
});

it('retries after 429 with Retry-After, then delivers', async () => {
  const accepted = new Set<number>();
  intake.setResponder((_request, index) => {
    if (index === 0) return { status: 429, headers: { 'Retry-After': '0' } };
    accepted.add(index);
    return { status: 202 };
  });
  const { handler, context, lines } = run();
  await expect(handler(awslogsEvent(payload(10)), context)).resolves.toEqual({ status: 'ok', forwarded: 10 });
  expect(acceptedIds(accepted)).toHaveLength(10);
  const summary = JSON.parse(lines.find((l) => l.includes('Invocation summary')) ?? '{}') as { retried: number };
  expect(summary.retried).toBe(1);
});

it('keeps retrying 500 until the deadline, then fails the invocation with a clear error', async () => {
  intake.setResponder(() => ({ status: 500 }));
  const { handler, context, lines } = run({}, { retry: { ...FAST_RETRY, maxAttempts: 1_000_000 }, remainingMs: 1500 });
  const failure = handler(awslogsEvent(payload(5)), context);
  await expect(failure).rejects.toBeInstanceOf(DeliveryError);
  await expect(failure).rejects.toThrow(/5 item\(s\) could be neither delivered nor stored \(logs intake answered 500/);
  expect(intake.requests.length).toBeGreaterThan(1);
  const summary = JSON.parse(lines.find((l) => l.includes('Invocation summary')) ?? '{}') as { failed: number };
  expect(summary.failed).toBe(5);
  expect(lines.join('\n')).not.toContain(TEST_API_KEY);
});

it('retries after the intake resets the connection', async () => {
  const accepted = new Set<number>();
  intake.setResponder((_request, index) => {
    if (index === 0) return { reset: true };
    accepted.add(index);
    return { status: 202 };
  });
  const { handler, context } = run();
  await expect(handler(awslogsEvent(payload(10)), context)).resolves.toEqual({ status: 'ok', forwarded: 10 });
  expect(acceptedIds(accepted)).toHaveLength(10);
});

it('cuts a request to a slow intake at the timeout and retries it', async () => {
  const accepted = new Set<number>();
  intake.setResponder((_request, index) => {
    if (index === 0) return { hang: true };
    accepted.add(index);
    return { status: 202 };
  });
  const { handler, context } = run({ FORWARDER_REQUEST_TIMEOUT_SECONDS: '1' });
  await expect(handler(awslogsEvent(payload(10)), context)).resolves.toEqual({ status: 'ok', forwarded: 10 });
  expect(acceptedIds(accepted)).toHaveLength(10);
  expect(intake.requests).toHaveLength(2);
});

it('does not retry a 400 and counts the logs as rejected', async () => {
  intake.setResponder(() => ({ status: 400 }));
  const { handler, context, lines } = run();
  await handler(awslogsEvent(payload(3)), context);
  expect(intake.requests).toHaveLength(1);
  const summary = JSON.parse(lines.find((l) => l.includes('Invocation summary')) ?? '{}') as {
    dropped: Record<string, number>;
  };
  expect(summary.dropped).toEqual({ rejected_400: 3 });
});
