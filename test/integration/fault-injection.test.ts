// Fault injection: the real handler against a recording intake that follows a seeded random plan (500, 429
// with Retry-After, 413, connection resets, hangs past the request timeout, accepts), over hundreds of
// invocations with thousands of distinct logs, storing on the SQS store (loopback queue), which is itself
// unavailable now and then. An invocation that can neither deliver nor store fails, and is invoked again with
// the same event, as Lambda retries an asynchronous invocation (twice). Every log must be delivered or stored;
// then replays, first against the same faulty intake and then against a healthy one, must deliver every stored
// log. Lost must be 0; duplicates (an accepted answer the client never read, a retried invocation) are counted
// and printed, not forbidden.
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startCaptureIntake, type CaptureIntake, type IntakeAnswer } from '../../src/cli/local/capture-intake.js';
import type { FailedEventStore } from '../../src/failed-events/failed-event-store.js';
import { S3FailedEventStore } from '../../src/aws/s3-failed-event-store.js';
import { SqsFailedEventStore } from '../../src/aws/sqs-failed-event-store.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import type { InvocationSummary } from '../../src/summary.js';
import { lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';
import { TEST_CREDENTIALS } from '../helpers/aws-json-server.js';
import { CompressedClock } from '../helpers/compressed-clock.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { contextOn, seeded, SwitchStore } from '../helpers/fault-plan.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { startSilentServer, type SilentServer } from '../helpers/silent-server.js';
import { idsIn, logsEventWithIds } from '../helpers/logs.js';
import { startSqsQueue, type SqsQueue } from '../helpers/sqs-queue.js';

const SEED = 20_241_125;
const INVOCATIONS = 220;
/** Lambda's retries of a failed asynchronous invocation. */
const LAMBDA_RETRIES = 2;

function faultyAnswer(random: () => number): IntakeAnswer {
  const roll = random();
  if (roll < 0.4) return { status: 202, body: '{}' };
  if (roll < 0.58) return { status: 500 };
  if (roll < 0.68) return { status: 429, headers: { 'Retry-After': '0' } };
  if (roll < 0.72) return { status: 503, headers: { 'Retry-After': new Date(Date.now() - 1000).toUTCString() } };
  if (roll < 0.76) return { status: 413 };
  if (roll < 0.88) return { reset: true };
  return { hang: true };
}

describe('fault injection', () => {
  let intake: CaptureIntake;
  let queue: SqsQueue;
  const accepted = new Map<string, number>();

  beforeAll(async () => {
    queue = await startSqsQueue();
    intake = await startCaptureIntake();
  });
  afterAll(async () => {
    await intake.close();
    await queue.close();
  });

  function respondWith(answer: (request: Parameters<Parameters<CaptureIntake['setResponder']>[0]>[0]) => IntakeAnswer) {
    intake.setResponder((request) => {
      const reply = answer(request);
      if ('status' in reply && reply.status < 300) {
        for (const id of idsIn(request)) accepted.set(id, (accepted.get(id) ?? 0) + 1);
      }
      return reply;
    });
  }

  // 220 invocations with real 50 ms hangs take 16 s on an idle 2-core machine and 25-30 s on a busy one: the
  // default 30 s timeout (a hang detector, not a measurement) is too close.
  it('delivers or stores every log, and replays every stored log', async () => {
    const random = seeded(SEED);
    const sizes = seeded(SEED + 1);
    const outages = seeded(SEED + 2);
    const summaries: InvocationSummary[] = [];
    const lines: string[] = [];
    const logger = new Logger('info', (line) => {
      lines.push(line);
      const parsed = JSON.parse(line) as { message: string } & InvocationSummary;
      if (parsed.message === 'Invocation summary.') summaries.push(parsed);
    });
    const store = new SqsFailedEventStore(queue.client(), queue.queueUrl, logger, { visibilitySeconds: 60 });
    const handler = createHandler(localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info' }), {
      retry: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 4 },
      requestTimeoutMs: 50,
      failedEvents: store,
      logger,
    });
    respondWith(() => faultyAnswer(random));

    const sent: string[] = [];
    let failedInvocations = 0;
    for (let i = 0; i < INVOCATIONS; i++) {
      const { event, ids } = logsEventWithIds(5 + Math.floor(sizes() * 40), `inv${i}`);
      sent.push(...ids);
      for (let attempt = 0; attempt <= LAMBDA_RETRIES; attempt++) {
        queue.available = outages() > 0.1;
        const outcome = await handler(event, lambdaContext()).then(
          () => 'ok',
          (error: Error) => error.message,
        );
        if (outcome === 'ok') break;
        expect(outcome).toMatch(/Could not store .* in SQS queue/);
        failedInvocations++;
        expect(attempt).toBeLessThan(LAMBDA_RETRIES);
      }
    }
    queue.available = true;
    const stored = summaries.reduce((n, s) => n + s.stored, 0);
    const delivered = summaries.reduce((n, s) => n + s.forwarded, 0);
    expect(delivered + stored).toBeGreaterThanOrEqual(sent.length);
    expect(stored).toBeGreaterThan(0);

    // Replays against the same faulty intake keep what fails again...
    for (let i = 0; i < 3; i++) {
      await handler({ retry: true }, lambdaContext());
      queue.nowMs += 61_000;
    }
    // ...and against a healthy intake, deliver the rest.
    respondWith(() => ({ status: 202, body: '{}' }));
    for (let i = 0; i < 10 && queue.messages.length > 0; i++) {
      await handler({ retry: true }, lambdaContext());
      queue.nowMs += 61_000;
    }
    const replayed = summaries.reduce((n, s) => n + s.replayed, 0);
    const lost = sent.filter((id) => !accepted.has(id)).length;
    const duplicates = [...accepted.values()].reduce((n, count) => n + count - 1, 0);
    // Accepted by the intake but not seen as accepted by the forwarder (the answer came after the client's
    // timeout): one source of duplicates; the other is a failed invocation sent again by Lambda.
    const answersLost = [...accepted.values()].reduce((n, c) => n + c, 0) - delivered - replayed;
    const counts = {
      invocations: INVOCATIONS,
      failedInvocations,
      logs: sent.length,
      delivered,
      duplicates,
      answersLost,
      stored,
      replayed,
      lost,
    };
    process.stdout.write(`fault injection (seed ${SEED}): ${JSON.stringify(counts)}\n`);
    expect(sent.length).toBeGreaterThan(2000);
    expect(queue.messages).toHaveLength(0);
    expect(replayed).toBe(stored);
    expect(lost).toBe(0);
    expect(lines.join('\n')).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(queue.server.calls)).not.toContain(TEST_API_KEY);
  }, 90_000);
});

/**
 * Slow and misdirecting dependencies, each invocation with a deadline drawn from 1 s to 30 s on a compressed
 * clock (test/helpers/compressed-clock.ts: a hang that runs into a 30 s deadline costs 30 ms of wall time): an
 * intake that trickles its answer, redirects (3xx), S3 and SQS failed-event stores that accept the connection and
 * never answer, and a proxy that never answers CONNECT. An invocation that fails is invoked again twice, as
 * Lambda retries; one that fails all three times goes to the on-failure destination, from which it is
 * redriven at the end, with the replays of the store, against healthy dependencies. Every log must reach the
 * intake (lost = 0), every invocation must end before its deadline by the clock, and each must write one
 * summary line.
 */
describe('fault injection: slow dependencies and deadlines', () => {
  const EVENTS_PER_FAULT = 24;
  const ACCEPTED: IntakeAnswer = { status: 202, body: '{}' };
  const REDIRECTS = [301, 302, 307, 308];
  let intake: CaptureIntake;
  let silent: SilentServer;
  let proxy: ConnectProxy;
  let proxyHangs = false;
  const proxyRandom = seeded(SEED + 3);

  beforeAll(async () => {
    [intake, silent] = await Promise.all([startCaptureIntake(), startSilentServer()]);
    proxy = await startConnectProxy({ hangConnect: () => proxyHangs && proxyRandom() < 0.5 });
  });
  afterAll(async () => {
    await Promise.all([intake.close(), silent.close(), proxy.close()]);
  });

  const aws = { region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  const quiet = new Logger('error', () => undefined);
  const faults: {
    name: string;
    answer: (random: () => number) => IntakeAnswer;
    hangingStore?: () => FailedEventStore;
    proxied?: boolean;
  }[] = [
    { name: 'trickling intake', answer: (r) => (r() < 0.5 ? { trickleMs: 5 } : ACCEPTED) },
    {
      name: '3xx answers',
      answer: (r) => {
        const roll = r();
        if (roll >= 0.5) return ACCEPTED;
        return { status: REDIRECTS[Math.floor(roll * 8)] ?? 301, headers: { Location: 'http://elsewhere.invalid/' } };
      },
    },
    {
      name: 'S3 store never answers',
      answer: (r) => (r() < 0.5 ? { hang: true } : ACCEPTED),
      hangingStore: () =>
        new S3FailedEventStore(new S3Client({ ...aws, endpoint: silent.url, forcePathStyle: true }), 'b', quiet),
    },
    {
      name: 'SQS store never answers',
      answer: (r) => (r() < 0.5 ? { hang: true } : ACCEPTED),
      hangingStore: () =>
        new SqsFailedEventStore(new SQSClient({ ...aws, endpoint: silent.url }), `${silent.url}/1/q`, quiet, {
          visibilitySeconds: 60,
        }),
    },
    {
      name: 'proxy never answers CONNECT',
      // Each answer closes its connection, so each request opens a tunnel and draws the proxy's fault.
      answer: () => ({ status: 202, body: '{}', headers: { Connection: 'close' } }),
      proxied: true,
    },
  ];

  it.each(faults.map((fault, index) => [fault.name, fault, index] as const))(
    '%s: nothing lost, nothing past its deadline, one summary per invocation',
    async (_name, fault, index) => {
      // The events are fixed by the seed; each attempt's deadline and store, and the intake's answers (in
      // request order), follow generators of their own.
      const sizes = seeded(SEED + 10 * (index + 1));
      const plan = seeded(SEED + 10 * (index + 1) + 1);
      const random = seeded(SEED + 10 * (index + 1) + 2);
      const clock = new CompressedClock();
      const accepted = new Set<string>();
      const summaries: InvocationSummary[] = [];
      const logger = new Logger('info', (line) => {
        const parsed = JSON.parse(line) as { message: string } & InvocationSummary;
        if (parsed.message === 'Invocation summary.') summaries.push(parsed);
      });
      const memory = new MemoryStore();
      const store = new SwitchStore(memory);
      const env: Record<string, string> = fault.proxied ? { DD_HTTP_PROXY_URL: proxy.url } : {};
      const handler = createHandler(localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info', ...env }), {
        retry: { baseDelayMs: 100, maxDelayMs: 2_000, maxAttempts: 5 },
        failedEvents: store,
        logger,
        clock,
      });
      let answer = fault.answer;
      intake.setResponder((request) => {
        const reply = answer(random);
        if ('status' in reply && reply.status < 300) for (const id of idsIn(request)) accepted.add(id);
        return reply;
      });
      const counts = { invocations: 0, pastDeadline: 0, failedInvocations: 0, onFailureDestination: 0 };
      const invoke = async (event: unknown, remainingMs: number) => {
        const context = contextOn(clock, remainingMs);
        counts.invocations++;
        const ok = await handler(event, context).then(
          () => true,
          () => false,
        );
        if (clock.now() > context.endMs) counts.pastDeadline++;
        return ok;
      };

      const sent: string[] = [];
      const redrive: unknown[] = [];
      const deadlines: number[] = [];
      proxyHangs = fault.proxied === true;
      for (let i = 0; i < EVENTS_PER_FAULT; i++) {
        const { event, ids } = logsEventWithIds(5 + Math.floor(sizes() * 25), `${index}-${i}`);
        sent.push(...ids);
        let delivered = false;
        for (let attempt = 0; attempt <= LAMBDA_RETRIES && !delivered; attempt++) {
          store.hanging = fault.hangingStore && plan() < 0.4 ? fault.hangingStore() : undefined;
          const remainingMs = 1_000 + Math.floor(plan() * 29_000);
          deadlines.push(remainingMs);
          delivered = await invoke(event, remainingMs);
          if (!delivered) counts.failedInvocations++;
        }
        if (!delivered) redrive.push(event);
      }
      counts.onFailureDestination = redrive.length;

      // Healthy again: the on-failure destination's events are redriven, and the store replayed until empty.
      store.hanging = undefined;
      proxyHangs = false;
      answer = () => ACCEPTED;
      for (const event of redrive) expect(await invoke(event, 30_000)).toBe(true);
      for (let i = 0; i < 5 && memory.records.size > 0; i++) await invoke({ retry: true }, 30_000);

      const sum = (field: 'forwarded' | 'stored' | 'replayed') => summaries.reduce((n, s) => n + s[field], 0);
      const report = {
        invocations: counts.invocations,
        logs: sent.length,
        delivered: sum('forwarded'),
        stored: sum('stored'),
        replayed: sum('replayed'),
        lost: sent.filter((id) => !accepted.has(id)).length,
        pastDeadline: counts.pastDeadline,
        summaries: summaries.length,
        failedInvocations: counts.failedInvocations,
        onFailureDestination: counts.onFailureDestination,
        deadlinesMs: [Math.min(...deadlines), Math.max(...deadlines)],
      };
      process.stdout.write(`fault injection, ${fault.name} (seed ${SEED}): ${JSON.stringify(report)}\n`);
      expect(report.lost).toBe(0);
      expect(report.pastDeadline).toBe(0);
      expect(report.summaries).toBe(report.invocations);
      expect(memory.records.size).toBe(0);
      // The fault was drawn: something was stored, or an invocation failed because the store did not answer.
      expect(report.stored + report.failedInvocations).toBeGreaterThan(0);
    },
  );
});
