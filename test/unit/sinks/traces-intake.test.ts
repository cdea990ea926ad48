import { readConfig } from '../../../src/config/index.js';
import { Logger } from '../../../src/log.js';
import type { HttpClient, HttpRequest } from '../../../src/sinks/http-client.js';
import { IntakeSink, type IntakeEndpoint } from '../../../src/sinks/intake-sink.js';
import { TraceSinks, tracesEndpoint, type EncodedTrace, type TraceSink } from '../../../src/sinks/traces-intake.js';
import type { Span, TracePayload } from '../../../src/signals/traces/span.js';
import { decodeTracePayload } from '../../helpers/trace-protobuf.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const config = readConfig({ DD_API_KEY: TEST_API_KEY, DD_TRACE_INTAKE_URL: 'http://127.0.0.1:1' });

function recordingHttp(status: (body: Buffer) => number) {
  const requests: HttpRequest[] = [];
  const http: HttpClient = {
    request: async (request) => {
      requests.push(request);
      return { status: status(request.body!), headers: {}, body: '' };
    },
  };
  return { http, requests };
}

const runtime = (http: HttpClient) => ({
  http,
  clock: { now: () => 0, sleep: async () => undefined },
  retry: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 2 },
  deadlineMs: 60_000,
  requestTimeoutMs: 1000,
  maxInFlight: 2,
  logger: new Logger('error', () => undefined),
});

const trace = (id: bigint, env: string): TracePayload => {
  const span: Span = {
    service: 's',
    name: 'n',
    resource: 'r'.repeat(200),
    traceId: id,
    spanId: id,
    parentId: 0n,
    start: 1n,
    duration: 1n,
    error: 0,
    meta: {},
    metrics: {},
    type: '',
  };
  return { hostName: '', env, traces: [{ traceId: id, spans: [span], startTime: 1n, endTime: 0n }] };
};

const traceIdsOf = (request: HttpRequest) =>
  ((decodeTracePayload(request.body!).traces as { traceID: string }[]) ?? []).map((t) => t.traceID);

/** One IntakeSink per endpoint, as delivery builds them when there is no additional destination. */
const single =
  (sinkRuntime: ReturnType<typeof runtime>) =>
  (endpoint: IntakeEndpoint<EncodedTrace>): TraceSink => {
    const sink = new IntakeSink(endpoint, sinkRuntime);
    return { add: (item) => sink.add(item), flush: async () => [await sink.flush()] };
  };

describe('the trace intake sink', () => {
  it('sends one payload per env, with the trace intake headers', async () => {
    const { http, requests } = recordingHttp(() => 202);
    const sinks = new TraceSinks((env) => tracesEndpoint(config, TEST_API_KEY, env), single(runtime(http)));
    await sinks.add(trace(1n, 'prod'));
    await sinks.add(trace(2n, 'dev'));
    await sinks.add(trace(3n, 'prod'));
    const [report] = await sinks.flush();
    expect(report).toMatchObject({ intake: 'traces', items: 3, delivered: 3, requests: 2 });
    const byEnv = Object.fromEntries(requests.map((r) => [decodeTracePayload(r.body!).env, traceIdsOf(r)]));
    expect(byEnv).toEqual({ prod: ['1', '3'], dev: ['2'] });
    expect(requests[0]!.url).toBe('http://127.0.0.1:1/api/v0.2/traces');
    expect(requests[0]!.headers).toMatchObject({
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'identity',
      'DD-API-KEY': TEST_API_KEY,
    });
  });

  it('cuts a payload too large for one request between traces', async () => {
    const { http, requests } = recordingHttp(() => 202);
    const sinks = new TraceSinks((env) => tracesEndpoint(config, TEST_API_KEY, env, 600), single(runtime(http)));
    for (let id = 1n; id <= 5n; id++) await sinks.add(trace(id, 'prod'));
    const [report] = await sinks.flush();
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((r) => r.body!.length <= 600)).toBe(true);
    expect(requests.flatMap(traceIdsOf).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(report!.delivered).toBe(5);
  });

  it('halves a batch the intake answers 413 to, until each part is accepted', async () => {
    const { http, requests } = recordingHttp((body) => (body.length > 600 ? 413 : 202));
    const sinks = new TraceSinks((env) => tracesEndpoint(config, TEST_API_KEY, env), single(runtime(http)));
    for (let id = 1n; id <= 4n; id++) await sinks.add(trace(id, 'prod'));
    const [report] = await sinks.flush();
    const accepted = requests.filter((r) => r.body!.length <= 600);
    expect(accepted.flatMap(traceIdsOf).sort()).toEqual(['1', '2', '3', '4']);
    expect(report).toMatchObject({ delivered: 4, failed: 0 });
  });
});
