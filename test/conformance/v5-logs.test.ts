// Drop-in promise: for every case the Datadog Forwarder v5 recorded, our /api/v2/logs requests equal its
// requests (paths, intake headers, bodies) after the same redactions, except for the differences we keep on
// purpose, each listed in docs/compatibility.md and applied below by `documentedDifferences`.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { conformanceCases, recordedEnv, redactLikeHarness, type RecordedRequest } from '../helpers/conformance.js';
import { awslogsEvent, lambdaContext } from '../helpers/lambda.js';

const INTAKE_HEADERS = ['dd-api-key', 'dd-evp-origin', 'content-type', 'content-encoding', 'dd-storage-tag'];

function intakeHeaders(headers: Record<string, string>): Record<string, string | undefined> {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.fromEntries(INTAKE_HEADERS.map((name) => [name, lower[name]]));
}

/**
 * docs/compatibility.md, "Lambda logs from another account": the function ARN, host and aws_account use the
 * account that owns the log group (the payload's `owner`), where the Datadog Forwarder used its own account.
 */
function documentedDifferences(recorded: unknown, payload: Record<string, unknown>): unknown {
  const owner = String(payload.owner);
  const text = JSON.stringify(recorded)
    .replace(
      /arn:aws:lambda:us-east-1:012345678912:function:(?!test_function)/g,
      `arn:aws:lambda:us-east-1:${owner}:function:`,
    )
    .replace(/aws_account:012345678912/g, `aws_account:${owner}`);
  return JSON.parse(text) as unknown;
}

let intake: CaptureIntake;
beforeAll(async () => {
  intake = await startCaptureIntake();
});
afterAll(() => intake.close());

describe.each(conformanceCases('datadog-forwarder-v5/integration').map((c) => [c.name, c] as const))(
  '%s',
  (_name, c) => {
    it('sends the logs the Datadog Forwarder v5 sent', async () => {
      intake.requests.length = 0;
      const handler = createHandler(
        { ...recordedEnv(intake.url), FORWARDER_TRACE_CONTEXT: 'false' },
        { logger: new Logger('error', () => {}) },
      );
      await handler(awslogsEvent(c.payload), lambdaContext());

      const expected = c.recorded.filter((r: RecordedRequest) => r.path === '/api/v2/logs');
      const actual = intake.requests.filter((r) => r.path === '/api/v2/logs');
      expect(actual.map((r) => r.method)).toEqual(expected.map((r) => r.verb));
      expect(actual.map((r) => intakeHeaders(r.headers))).toEqual(expected.map((r) => intakeHeaders(r.headers)));
      expect(actual.map((r) => redactLikeHarness(r.json))).toEqual(
        expected.map((r) => documentedDifferences(r.data, c.payload)),
      );
    });
  },
);
