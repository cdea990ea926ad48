// Golden tests: each fixtures/<source>/<case>.event.json runs through the real handler and pipeline, with the
// S3 objects it names served by a fake ObjectReader from <case>.objects.json, and what the logs intake would
// receive is compared with <case>.golden.json (forwarder_version redacted). Optional <case>.env.json adds
// environment variables. Regenerate with UPDATE_GOLDEN=1 npx jest test/golden (then review the diff).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureObjectReader, type ObjectSpecs } from '../../src/cli/local/fixture-objects.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import type { HttpClient, HttpRequest } from '../../src/sinks/http-client.js';
import { FORWARDER_VERSION } from '../../src/version.js';
import { lambdaContext, TEST_API_KEY } from '../helpers/lambda.js';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const SOURCES = ['s3', 'sns', 'sqs', 'kinesis', 'eventbridge', 'custom'];
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function recordingHttp(bodies: unknown[]): HttpClient {
  return {
    request: async (request: HttpRequest) => {
      // These goldens are about logs; metrics and traces have their own (fixtures/metrics, fixtures/traces).
      if (new URL(request.url).pathname === '/api/v2/logs') bodies.push(JSON.parse(request.body!.toString('utf8')));
      return { status: 202, headers: {}, body: '{}' };
    },
  };
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function cases(): [string, string][] {
  return SOURCES.flatMap((source) => {
    const folder = path.join(FIXTURES, source);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => f.endsWith('.event.json'))
      .map((f) => [source, f.slice(0, -'.event.json'.length)] as [string, string]);
  });
}

async function run(source: string, name: string) {
  const folder = path.join(FIXTURES, source);
  const base = path.join(folder, name);
  const bodies: unknown[] = [];
  const env = {
    DD_API_KEY: TEST_API_KEY,
    DD_USE_COMPRESSION: 'false',
    DD_LOG_LEVEL: 'info',
    ...(readJson(`${base}.env.json`) as Record<string, string> | undefined),
  };
  const objects = fixtureObjectReader(folder, (readJson(`${base}.objects.json`) ?? {}) as ObjectSpecs, 64);
  let summary: Record<string, unknown> = {};
  const logger = new Logger('info', (line) => {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (parsed.message === 'Invocation summary.') summary = parsed;
  });
  const handler = createHandler(env, { objects, http: recordingHttp(bodies), logger });
  let response: unknown;
  try {
    response = await handler(readJson(`${base}.event.json`), lambdaContext());
  } catch (error) {
    response = { error: (error as Error).message };
  }
  const { received, forwarded, truncated, dropped } = summary;
  const text = JSON.stringify({ response, summary: { received, forwarded, truncated, dropped }, logs: bodies.flat() });
  return JSON.parse(text.split(FORWARDER_VERSION).join('<version>')) as unknown;
}

describe.each(cases())('fixtures/%s', (source, name) => {
  it(`${name}`, async () => {
    const actual = await run(source, name);
    const goldenFile = path.join(FIXTURES, source, `${name}.golden.json`);
    if (UPDATE) writeFileSync(goldenFile, JSON.stringify(actual, null, 2) + '\n');
    expect(existsSync(goldenFile)).toBe(true);
    expect(actual).toEqual(readJson(goldenFile));
  });
});

it('finds fixtures for every source', () => {
  expect(new Set(cases().map(([source]) => source))).toEqual(new Set(SOURCES));
});
