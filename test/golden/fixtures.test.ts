// The golden runner (fixtures/README.md): every fixtures/<folder>/<case>.event.json runs through the real handler
// against the capture intake on 127.0.0.1, with the S3 objects it names served by a fake ObjectReader; the
// handler's result (or error), the invocation summary's counts and every request the intakes received must equal
// <case>.golden.json. Regenerate with UPDATE_GOLDEN=1 npx jest test/golden (then review the diff).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureObjectReader, type ObjectSpecs } from '../../src/cli/local/fixture-objects.js';
import { startCaptureIntake, type CapturedRequest, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { encodeReadableEvent } from '../../src/cli/readable-event.js';
import { errorMessage } from '../../src/errors.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { matchGolden, redactRequest } from '../helpers/golden.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
/** Folders of other data: the Datadog Forwarder's recordings (test/conformance), Python's regex answers, the
 * redaction detectors' corpus (test/unit/transform/detectors). */
const NOT_CASES = ['conformance', 'python-re', 'redaction'];

function cases(): [string, string][] {
  const found: [string, string][] = [];
  for (const folder of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!folder.isDirectory() || NOT_CASES.includes(folder.name)) continue;
    for (const file of readdirSync(join(FIXTURES, folder.name)).sort()) {
      if (file.endsWith('.event.json')) found.push([folder.name, file.slice(0, -'.event.json'.length)]);
    }
  }
  return found;
}

function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

/** `<case>.intake.json`: the intakes answer 413 to a body (decoded) over `maxBodyBytes[path]`, else 202. */
interface IntakeOptions {
  readonly maxBodyBytes?: Readonly<Record<string, number>>;
}

let intake: CaptureIntake;
beforeAll(async () => {
  intake = await startCaptureIntake();
});
afterAll(() => intake.close());

it('finds cases in every folder', () => {
  const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((f) => f.isDirectory());
  const withCases = new Set(cases().map(([folder]) => folder));
  expect(folders.map((f) => f.name).filter((name) => !NOT_CASES.includes(name) && !withCases.has(name))).toEqual([]);
});

it.each(cases())('%s/%s', async (folder, name) => {
  const base = join(FIXTURES, folder, name);
  const env = readJson<Record<string, string>>(`${base}.env.json`, {});
  const { maxBodyBytes = {} } = readJson<IntakeOptions>(`${base}.intake.json`, {});
  const statusOf = (request: CapturedRequest) => {
    const limit = maxBodyBytes[request.path];
    return limit !== undefined && request.body.length > limit ? 413 : 202;
  };
  intake.requests.length = 0;
  intake.setResponder((request) => ({ status: statusOf(request), body: '{}' }));
  let summary: Record<string, unknown> = {};
  const logger = new Logger('info', (line) => {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (parsed.message === 'Invocation summary.') summary = parsed;
  });
  // S3 objects served in 64-byte pieces, so that lines cross chunks as on the network.
  const objects = fixtureObjectReader(join(FIXTURES, folder), readJson<ObjectSpecs>(`${base}.objects.json`, {}), 64);
  const handler = createHandler(localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info', ...env }), {
    retry: FAST_RETRY,
    logger,
    objects,
  });
  const outcome: Record<string, unknown> = {};
  try {
    outcome.result = await handler(encodeReadableEvent(readJson(`${base}.event.json`, {})), lambdaContext());
  } catch (error) {
    outcome.error = errorMessage(error);
  }
  const { received, forwarded, filtered, truncated, dropped, converted, kept, failed, counters, redacted } = summary;
  outcome.summary = { received, forwarded, filtered, truncated, dropped, converted, kept, failed, counters, redacted };
  // Intakes are sent to concurrently, and the halves of a split batch too: requests are compared sorted.
  outcome.requests = intake.requests
    .map((request) => ({ ...redactRequest(request), status: statusOf(request) }))
    .map((request) => [request.path, JSON.stringify(request), request] as const)
    .sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y))
    .map(([, , request]) => request);
  const { expected, actual } = matchGolden(`${base}.golden.json`, outcome);
  expect(actual).toEqual(expected);
});
