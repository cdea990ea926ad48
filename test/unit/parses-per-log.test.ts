// Each log's message is read once (src/parse/parsed-message.ts): whichever stages look into its JSON (ddtags,
// trace ids, metric lines, Lambda's JSON REPORT, trace payloads, the Route 53 host), the message is parsed at most
// once, and a message that cannot be a JSON object is not parsed at all. Counted by watching JSON.parse.
import { readConfig } from '../../src/config/index.js';
import { buildDeps } from '../../src/deps.js';
import { forward } from '../../src/forward.js';
import { Logger } from '../../src/log.js';
import { classifyEvent } from '../../src/sources/trigger.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/sinks/http-client.js';
import { TEST_API_KEY, awslogsEvent, lambdaContext } from '../helpers/lambda.js';
import { noWaitClock } from '../helpers/recording-http.js';

const REQUEST = 'f08bb4c8-d6b2-4f05-ac17-af7e2ba005fb';
const SPAN = '{"trace_id":"1","span_id":"2","parent_id":"0","start":1636820292450000128,"duration":5}';

const MESSAGES = {
  ddtagsAndIds: '{"message":"hi","ddtags":"team:a","dd":{"trace_id":18446744073709551615,"span_id":"12"}}',
  jsonReport:
    `{"time":"2024-01-01T00:00:00Z","type":"platform.report","record":{"requestId":"${REQUEST}",` +
    '"metrics":{"durationMs":1.5,"billedDurationMs":2,"memorySizeMB":128,"maxMemoryUsedMB":64}}}',
  metricLine: '{"m":"a.b","v":1,"e":1700000000,"t":["x:y"]}',
  tracePayload: `{"traces":[[${SPAN}]]}`,
  afterPrefix: `2020-03-05T16:30:36.172Z\t${REQUEST}\tINFO\t{"msg":"hi","dd":{"trace_id":"42","span_id":"7"}}`,
  textReport: `REPORT RequestId: ${REQUEST}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB`,
  plainText: `2020-03-05T16:30:36.172Z\t${REQUEST}\tINFO\tthe "traces" and "dd" and ddtags, as words: "m" "v" "t"`,
  jsonArray: '[{"dd":{"trace_id":"1"}}]',
} as const;

class Accepting implements HttpClient {
  readonly paths: string[] = [];
  async request(request: HttpRequest): Promise<HttpResponse> {
    this.paths.push(new URL(request.url).pathname);
    return { status: 202, headers: {}, body: '{}' };
  }
}

/** How many times JSON.parse read each message (or the JSON after its prefix) while `forward` ran. */
async function parsesPerMessage(env: Record<string, string>): Promise<Record<string, number>> {
  const http = new Accepting();
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, DD_USE_COMPRESSION: 'false', ...env });
  const deps = await buildDeps(config, { http, clock: noWaitClock, logger: new Logger('error', () => undefined) });
  const texts = Object.values(MESSAGES);
  const event = awslogsEvent({
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/lambda/fn',
    logStream: '2024/01/01/[$LATEST]abc',
    logEvents: texts.map((message, i) => ({ id: String(i), timestamp: 1700000000000 + i, message })),
  });
  const counts = Object.fromEntries(Object.keys(MESSAGES).map((name) => [name, 0]));
  const parse = jest.spyOn(JSON, 'parse');
  let summary;
  try {
    summary = await forward(classifyEvent(event), lambdaContext(), deps);
    for (const [text] of parse.mock.calls) {
      const i = texts.findIndex((message) => message === text || message.endsWith(text));
      if (i >= 0) counts[Object.keys(MESSAGES)[i]!]!++;
    }
  } finally {
    parse.mockRestore();
  }
  expect(summary).toMatchObject({ received: texts.length, failed: 0 });
  const traces = env.DD_FORWARD_TRACES === 'false' ? [] : ['/api/v0.2/traces'];
  expect(http.paths).toEqual(expect.arrayContaining(['/api/v2/logs', ...traces]));
  return counts;
}

describe('each message is parsed at most once', () => {
  it.each<[string, Record<string, string>]>([
    ['the default settings', {}],
    ['traces not forwarded', { DD_FORWARD_TRACES: 'false' }],
  ])('with %s', async (_name, env) => {
    const counts = await parsesPerMessage(env);
    expect(counts).toEqual({
      ddtagsAndIds: 1,
      jsonReport: 1,
      metricLine: 1,
      tracePayload: 1,
      afterPrefix: 1,
      textReport: 0,
      plainText: 0,
      // Not an object, but it holds `"dd"` and a `{`: the JSON after a prefix is tried, once.
      jsonArray: 1,
    });
    expect(Math.max(...Object.values(counts))).toBe(1);
  });
});
