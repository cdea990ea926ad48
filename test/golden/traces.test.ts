// Golden cases for traces and trace context: each fixtures/traces/<case>.input.json (a CloudWatch Logs event
// written readably: `awslogs.data` holds the subscription payload's JSON, encoded here) runs through the real
// handler with a recording HTTP client; the requests the intakes
// would receive (trace payloads decoded from protobuf) and the invocation summary are compared with
// <case>.golden.json. <case>.options.json may set environment variables and make the trace intake answer 413
// to bodies over `maxTraceBodyBytes`. (Named .input.json, not .event.json, because the shared fixtures runner,
// which records protobuf bodies as base64 and always answers 202, reads every .event.json.) Intake requests are
// listed sorted. Regenerate with UPDATE_GOLDEN=1 (then review the diff).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import type { HttpClient } from '../../src/sinks/http-client.js';
import { FORWARDER_VERSION } from '../../src/version.js';
import { decodeTracePayload } from '../helpers/trace-protobuf.js';
import { awslogsEvent, FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

const DIR = path.resolve(__dirname, '../../fixtures/traces');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.slice(0, -'.input.json'.length));

interface Options {
  env?: Record<string, string>;
  maxTraceBodyBytes?: number;
}

function readJson<T>(file: string, fallback?: T): T {
  if (!existsSync(file) && fallback !== undefined) return fallback;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

async function run(name: string): Promise<unknown> {
  const options = readJson<Options>(path.join(DIR, `${name}.options.json`), {});
  const requests: unknown[] = [];
  const http: HttpClient = {
    request: async ({ url, headers, body }) => {
      const { pathname } = new URL(url);
      const tooLarge = pathname.endsWith('/traces') && body!.length > (options.maxTraceBodyBytes ?? Infinity);
      const plain = headers['Content-Encoding'] === 'deflate' ? inflateSync(body!) : body!;
      const decoded = pathname.endsWith('/traces') ? decodeTracePayload(plain) : JSON.parse(plain.toString('utf8'));
      requests.push({
        path: pathname,
        status: tooLarge ? 413 : 202,
        contentType: headers['Content-Type'],
        body: decoded,
      });
      return { status: tooLarge ? 413 : 202, headers: {}, body: '' };
    },
  };
  const env = localIntakeEnv('http://127.0.0.1:9', {
    DD_USE_COMPRESSION: 'false',
    DD_LOG_LEVEL: 'info',
    // Metrics are another suite's: telemetry (with the time in it) and enhanced metrics stay out of these goldens.
    FORWARDER_TELEMETRY: 'false',
    FORWARDER_ENHANCED_METRICS: 'false',
    ...options.env,
  });
  const lines: string[] = [];
  const logger = new Logger('info', (line) => lines.push(line));
  const handler = createHandler(env, { http, retry: FAST_RETRY, logger });
  const input = readJson<{ awslogs: { data: unknown } }>(path.join(DIR, `${name}.input.json`));
  await handler(awslogsEvent(input.awslogs.data), lambdaContext());
  const summary = lines
    .map((l) => JSON.parse(l) as { message: string })
    .find((l) => l.message === 'Invocation summary.');
  // Halves of a split batch are sent concurrently; sorted, the golden does not depend on which went first.
  const sorted = requests.map((r) => JSON.stringify(r)).sort();
  const text = JSON.stringify({ summary, requests: sorted.map((r) => JSON.parse(r) as unknown) });
  return JSON.parse(text.split(FORWARDER_VERSION).join('<version>'));
}

describe('golden trace cases', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases)('%s', async (name) => {
    const actual = await run(name);
    const goldenFile = path.join(DIR, `${name}.golden.json`);
    if (UPDATE) writeFileSync(goldenFile, JSON.stringify(actual, null, 2) + '\n');
    expect(actual).toEqual(readJson(goldenFile));
  });
});
