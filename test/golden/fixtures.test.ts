// Every fixtures/<source>/<case>.event.json runs through the real handler against the capture intake; what the
// intakes received (and the handler's result or error) must equal <case>.golden.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { encodeReadableEvent } from '../../src/cli/readable-event.js';
import { errorMessage } from '../../src/errors.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { matchGolden, redactRequest } from '../helpers/golden.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const SOURCE_FOLDERS = ['s3', 'sns', 'sqs', 'kinesis', 'eventbridge', 'custom'];

function cases(): [string, string][] {
  const found: [string, string][] = [];
  for (const folder of readdirSync(FIXTURES, { withFileTypes: true })) {
    // Trigger sources that read S3 objects run in sources.test.ts, which serves those objects.
    if (!folder.isDirectory() || SOURCE_FOLDERS.includes(folder.name)) continue;
    for (const file of readdirSync(join(FIXTURES, folder.name)).sort()) {
      if (file.endsWith('.event.json')) found.push([folder.name, file.slice(0, -'.event.json'.length)]);
    }
  }
  return found;
}

let intake: CaptureIntake;
beforeAll(async () => {
  intake = await startCaptureIntake();
});
afterAll(() => intake.close());

it.each(cases())('%s/%s', async (folder, name) => {
  const base = join(FIXTURES, folder, name);
  const env = existsSync(`${base}.env.json`) ? (JSON.parse(readFileSync(`${base}.env.json`, 'utf8')) as object) : {};
  const event = encodeReadableEvent(JSON.parse(readFileSync(`${base}.event.json`, 'utf8')));
  intake.requests.length = 0;
  const handler = createHandler(localIntakeEnv(intake.url, { ...env }), {
    retry: FAST_RETRY,
    logger: new Logger('error', () => {}),
  });
  const outcome: Record<string, unknown> = {};
  try {
    outcome.result = await handler(event, lambdaContext());
  } catch (error) {
    outcome.error = errorMessage(error);
  }
  // Intakes are sent to concurrently, so only the order within one intake is compared.
  const byIntake = [...intake.requests].sort((a, b) => a.path.localeCompare(b.path));
  outcome.requests = byIntake.map(redactRequest);
  const { expected, actual } = matchGolden(`${base}.golden.json`, outcome);
  expect(actual).toEqual(expected);
});
