// The real handler against a recording intake on 127.0.0.1: trace payloads in CloudWatch logs reach
// /api/v0.2/traces as protobuf, and decode to what the Datadog Forwarder sent for the same input
// (conformance v5 and v3 `cloudwatch_log_lambda_invocation`), with 64-bit ids exact.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { CONFORMANCE_DIR } from '../helpers/conformance.js';
import { decodeTracePayload } from '../helpers/trace-protobuf.js';
import { awslogsEvent, FAST_RETRY, lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';

const CASE = 'integration/cloudwatch_log_lambda_invocation.json';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const REDACTED = '<redacted from snapshot>';

interface Recorded {
  events: { path: string; headers: Record<string, string>; data: unknown }[];
}

let intake: CaptureIntake;
beforeEach(async () => {
  intake = await startCaptureIntake();
});
afterEach(() => intake.close());

async function invoke(payload: unknown, extraEnv: Record<string, string> = {}) {
  const env = localIntakeEnv(intake.url, { DD_USE_COMPRESSION: 'false', ...extraEnv });
  const handler = createHandler(env, { retry: FAST_RETRY, logger: new Logger('error', () => undefined) });
  return handler(awslogsEvent(payload), lambdaContext());
}

function tracesRequests() {
  return intake.requests.filter((r) => r.path === '/api/v0.2/traces');
}

/** Decoded as the recording harness did, then redacted as it did (UUIDs, forwarder_version). */
function decodedAndRedacted(body: Buffer): unknown {
  const text = JSON.stringify(decodeTracePayload(body)).replace(UUID, REDACTED);
  return JSON.parse(text.replace(/"forwarder_version":"[^"]*"/g, `"forwarder_version":"${REDACTED}"`));
}

function recordedTraces(version: 'v3' | 'v5'): Recorded['events'][number] {
  const file = path.join(CONFORMANCE_DIR, `datadog-forwarder-${version}`, `${CASE}~snapshot`);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Recorded;
  const event = recorded.events.find((e) => e.path === '/api/v0.2/traces');
  if (!event) throw new Error(`No trace request recorded in ${version}`);
  return event;
}

const casePayload = () => JSON.parse(readFileSync(path.join(CONFORMANCE_DIR, 'datadog-forwarder-v5', CASE), 'utf8'));

describe('trace payloads in CloudWatch logs', () => {
  it('sends the trace request the Datadog Forwarder v5 sent, byte for byte once decoded', async () => {
    await invoke(casePayload());
    const [request, ...more] = tracesRequests();
    expect(more).toHaveLength(0);
    const recorded = recordedTraces('v5');
    // One deliberate difference, inherited from the logs' tags (docs/compatibility.md): `aws_account` is the
    // account that owns the log group (the payload's `owner`), not the forwarder's.
    const expected = JSON.parse(
      JSON.stringify(recorded.data).replace(/"aws_account":"012345678912"/g, '"aws_account":"601427279990"'),
    );
    expect(decodedAndRedacted(request!.body)).toEqual(expected);
    expect(request!.headers['content-type']).toBe(recorded.headers['Content-Type']);
    expect(request!.headers['content-encoding']).toBe(recorded.headers['Content-Encoding']);
    expect(request!.headers['dd-api-key']).toBe(TEST_API_KEY);
  });

  it('matches the v3 recording apart from the v3-only tags its logs carried (docs/compatibility.md)', async () => {
    await invoke(casePayload());
    const ours = decodedAndRedacted(tracesRequests()[0]!.body) as { traces: { spans: { meta: object }[] }[] };
    const v3 = recordedTraces('v3').data as typeof ours;
    const withoutTagMeta = (p: typeof ours) =>
      p.traces.map((t) =>
        t.spans.map((s) => {
          // v3 tagged logs with forwarder_memorysize and account_id, and took the account and forwarder name
          // from its own ARN; v5, and we, do not.
          const meta = { ...s.meta } as Record<string, string>;
          for (const key of ['forwarder_memorysize', 'account_id', 'aws_account', 'forwardername']) delete meta[key];
          return { ...s, meta };
        }),
      );
    expect(withoutTagMeta(ours)).toEqual(withoutTagMeta(v3));
  });

  it('keeps 64-bit ids and int64 timestamps exact, beyond 2^53 and 2^63', async () => {
    const span = (id: string, parent: string, start: string) =>
      `{"trace_id":"ffffffffffffffffd4823ce178fe9cf9","span_id":"${id}","parent_id":"${parent}","name":"n","resource":"r","service":"s","start":${start},"duration":1,"error":0}`;
    const message = `{"traces":[[${span('fffffffffffffffe', '0000000000000000', '1636820292450000128')},${span('8000000000000001', 'fffffffffffffffe', '1636820292466458059')}]]}`;
    await invoke({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/lambda/fn',
      logStream: '2020/03/05/[$LATEST]20bddfd5a2dc4c6b97ac02800eae90d0',
      logEvents: [{ id: '1', timestamp: 1, message }],
    });
    const payload = decodeTracePayload(tracesRequests()[0]!.body) as {
      traces: { traceID: string; spans: Record<string, string>[] }[];
    };
    const [trace] = payload.traces;
    // 128-bit trace ids keep their low 64 bits, as the Datadog Forwarder does.
    expect(trace!.traceID).toBe('15312868622108368121');
    expect(trace!.spans.map((s) => [s.spanID, s.parentID, s.start])).toEqual([
      ['18446744073709551614', undefined, '1636820292450000128'],
      ['9223372036854775809', '18446744073709551614', '1636820292466458059'],
    ]);
  });

  it('takes trace payloads off the log stream and links the other logs to their traces', async () => {
    await invoke(casePayload());
    const logs = intake.requests.filter((r) => r.path === '/api/v2/logs').flatMap((r) => r.json as object[]);
    const messages = logs.map((l) => (l as { message: string }).message);
    expect(messages.some((m) => m.includes('"traces"'))).toBe(false);
    const finishing = logs.find((l) => (l as { message: string }).message.includes('Finishing Span')) as Record<
      string,
      unknown
    >;
    expect(finishing.dd).toEqual({ trace_id: '6899143064054564168', span_id: '2927617725217152879' });
    expect(finishing.lambda).toMatchObject({ request_id: 'f08bb4c8-d6b2-4f05-ac17-af7e2ba005fb' });
  });

  it('with FORWARDER_TRACE_CONTEXT=false forwards the records unchanged, and DD_FORWARD_TRACES=false sends no traces', async () => {
    const summary = (await invoke(casePayload(), { FORWARDER_TRACE_CONTEXT: 'false', DD_FORWARD_TRACES: 'false' })) as {
      forwarded: number;
    };
    expect(tracesRequests()).toHaveLength(0);
    const logs = intake.requests.filter((r) => r.path === '/api/v2/logs').flatMap((r) => r.json as object[]);
    expect(logs.length).toBe(summary.forwarded);
    expect(logs.some((l) => 'dd' in l)).toBe(false);
    expect(logs.some((l) => JSON.stringify(l).includes('request_id'))).toBe(false);
  });

  it('retries a trace intake answering 503, and fails loudly (without the API key) when it answers 403', async () => {
    let traceAnswers = 0;
    intake.setResponder((request) =>
      request.path === '/api/v0.2/traces' && traceAnswers++ === 0 ? { status: 503 } : { status: 202 },
    );
    await invoke(casePayload());
    expect(tracesRequests().map((r) => r.path)).toEqual(['/api/v0.2/traces', '/api/v0.2/traces']);
    expect(tracesRequests()[1]!.body).toEqual(tracesRequests()[0]!.body);

    intake.requests.length = 0;
    intake.setResponder((request) => (request.path === '/api/v0.2/traces' ? { status: 403 } : { status: 202 }));
    const failure = invoke(casePayload());
    await expect(failure).rejects.toThrow(/traces intake answered 403: check the API key/);
    await expect(failure).rejects.not.toThrow(TEST_API_KEY);
  });
});
