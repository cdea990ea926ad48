// A forwarder subscribed to its own log group would forward its own START/END/REPORT lines and summary, which
// land in that log group again and invoke it again, forever. The real handler against a recording intake on
// 127.0.0.1: such events are dropped and counted, with a warning that says how to stop the loop.
import { gzipSync } from 'node:zlib';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { kinesisRecord } from '../helpers/events.js';
import { awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

const OWN = '/custom/forwarder-logs';

let intake: CaptureIntake;
beforeAll(async () => {
  intake = await startCaptureIntake();
});
afterAll(() => intake.close());

function payload(logGroup: string, messages: string[]) {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup,
    logStream: '2026/01/01/[$LATEST]abc',
    logEvents: messages.map((message, i) => ({ id: `${logGroup}-${i}`, timestamp: 1_700_000_000_000, message })),
  };
}

async function invoke(event: unknown) {
  const before = intake.requests.length;
  const lines: string[] = [];
  const env = localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info', AWS_LAMBDA_LOG_GROUP_NAME: OWN });
  const handler = createHandler(env, { logger: new Logger('info', (line) => lines.push(line)) });
  const answer = await handler(event, lambdaContext());
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const messages = intake.requests
    .slice(before)
    .flatMap((r) => r.json as { message: string }[])
    .map((l) => l.message);
  return { answer, messages, lines: parsed, summary: parsed.find((l) => l.message === 'Invocation summary.') };
}

it('drops a subscription event from its own log group, counts it and says how to fix the subscription', async () => {
  const { answer, messages, lines, summary } = await invoke(awslogsEvent(payload(OWN, ['START', 'END', 'REPORT'])));
  expect(answer).toEqual({ status: 'ok', forwarded: 0 });
  expect(messages).toEqual([]);
  expect(summary).toMatchObject({ received: 3, forwarded: 0, dropped: { own_log_group: 3 } });
  const warnings = lines.filter((l) => l.level === 'warn');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]?.message).toMatch(
    /subscribed to its own log group \/custom\/forwarder-logs.*Remove the subscription filter/,
  );
});

it('drops only its own events from a Kinesis batch carrying several log groups', async () => {
  const event = {
    Records: [
      kinesisRecord('1', gzipSync(JSON.stringify(payload(OWN, ['REPORT'])))),
      kinesisRecord('2', gzipSync(JSON.stringify(payload('/aws/lambda/app', ['app log'])))),
    ],
  };
  const { answer, messages, summary } = await invoke(event);
  expect(answer).toEqual({ batchItemFailures: [] });
  expect(messages).toEqual(['app log']);
  expect(summary).toMatchObject({ received: 2, forwarded: 1, dropped: { own_log_group: 1 } });
});
