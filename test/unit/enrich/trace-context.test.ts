import { findTraceIds as findInView, withTraceContext } from '../../../src/enrich/trace-context.js';
import { ParsedMessage } from '../../../src/parse/parsed-message.js';
import { datadogTraceIdFromXray } from '../../../src/enrich/x-ray-trace-id.js';
import type { LogRecord, Origin } from '../../../src/types.js';

const REQUEST = 'f08bb4c8-d6b2-4f05-ac17-af7e2ba005fb';

const findTraceIds = (message: string, isLambda: boolean) => findInView(new ParsedMessage(message), isLambda);

describe('findTraceIds', () => {
  it.each([
    [
      'a JSON log with a dd object',
      '{"message":"hi","dd":{"trace_id":"4887065908816661012","span_id":"12"}}',
      '4887065908816661012',
      '12',
    ],
    [
      'a JSON log after the Lambda line prefix',
      `2020-03-05T16:30:36.172Z\t${REQUEST}\tINFO\t{"msg":"hi","dd":{"trace_id":"42","span_id":"7"}}`,
      '42',
      '7',
    ],
    [
      'a 128-bit trace id in hex',
      '{"dd":{"trace_id":"6631a8f0000000008448eb211c80319c"}}',
      '6631a8f0000000008448eb211c80319c',
      undefined,
    ],
    [
      'a dd object with numeric ids beyond 2^53',
      '{"dd":{"trace_id":18446744073709551615}}',
      '18446744073709551615',
      undefined,
    ],
    ['plain text', '[INFO] dd.trace_id=4887065908816661012 dd.span_id=77 My log message', '4887065908816661012', '77'],
    [
      'a W3C traceparent (low 64 bits)',
      'traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      '9532127138774266268',
      '13235353014750950193',
    ],
    [
      'an X-Ray Root',
      'Root=1-5e61292c-cc1229a4dfbeae1043928548;Parent=c657b77d9514f70c;Sampled=1',
      '6899143064054564168',
      undefined,
    ],
    [
      'a REPORT line',
      'REPORT RequestId: x\tDuration: 1 ms\t\nXRAY TraceId: 1-5e61292c-cc1229a4dfbeae1043928548\tSegmentId: 07a8\t',
      '6899143064054564168',
      undefined,
    ],
    [
      '_X_AMZN_TRACE_ID',
      '_X_AMZN_TRACE_ID=Root=1-5e61292c-cc1229a4dfbeae1043928548;Parent=c657b77d9514f70c',
      '6899143064054564168',
      undefined,
    ],
  ])('reads %s', (_name, message, traceId, spanId) => {
    expect(findTraceIds(message, false)).toEqual({ traceId, spanId });
  });

  it.each([
    ['no context', 'just a log line'],
    ['an invalid traceparent (version ff)', 'traceparent ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'],
    ['an all-zero traceparent', 'traceparent 00-00000000000000000000000000000000-b7ad6b7169203331-01'],
    ['a malformed X-Ray id', 'Root=1-5e61292c-cc12'],
    ['a dd object without ids', '{"dd":{"env":"prod"}}'],
  ])('finds nothing in %s', (_name, message) => {
    expect(findTraceIds(message, false).traceId).toBeUndefined();
  });

  it('keeps a JSON log’s span id when only its text gives a trace id (X-Ray gives no span id)', () => {
    const message = '{"dd":{"span_id":"12"},"x":"Root=1-5e61292c-cc1229a4dfbeae1043928548"}';
    expect(findTraceIds(message, false)).toEqual({ traceId: '6899143064054564168', spanId: '12' });
  });

  it('prefers Datadog ids over X-Ray ones in the same line', () => {
    const message = `[dd.trace_id=3172564172058669914 dd.span_id=1] Reading trace context from env var Root=1-5e61292c-cc1229a4dfbeae1043928548`;
    expect(findTraceIds(message, false).traceId).toBe('3172564172058669914');
  });

  it.each([
    ['a text-format line', `2020-03-05T16:30:36.113Z\t${REQUEST}\tINFO\thello`],
    ['START', `START RequestId: ${REQUEST} Version: $LATEST`],
    ['REPORT', `REPORT RequestId: ${REQUEST}\tDuration: 1 ms`],
    ['a timeout line', `2020-03-05T16:30:39.113Z ${REQUEST} Task timed out after 3.00 seconds`],
    [
      'a JSON-format line',
      `{"timestamp":"2024-01-01T00:00:00Z","level":"INFO","requestId":"${REQUEST}","message":"hi"}`,
    ],
    ['a JSON platform event', `{"time":"2024","type":"platform.report","record":{"requestId":"${REQUEST}"}}`],
  ])("reads Lambda's request id from %s", (_name, message) => {
    expect(findTraceIds(message, true).requestId).toBe(REQUEST);
    expect(findTraceIds(message, false).requestId).toBeUndefined();
  });
});

describe('datadogTraceIdFromXray (datadog-lambda convertToAPMTraceID)', () => {
  it.each([
    // The function in conformance cloudwatch_log_lambda_invocation logs both ids for one invocation.
    ['1-5e61292c-cc1229a4dfbeae1043928548', '6899143064054564168'],
    // The 64th bit is cleared: 0xffffffffffffffff → 2^63 - 1.
    ['1-5e61292c-00000000ffffffffffffffff', '9223372036854775807'],
    ['1-5e61292c-000000000000000000000000', '0'],
    ['2-5e61292c-cc1229a4dfbeae1043928548', undefined],
    ['1-5e61292c-cc1229a4dfbeae10439285', undefined],
  ])('%s → %s', (xray, expected) => {
    expect(datadogTraceIdFromXray(xray)).toBe(expected);
  });
});

describe('withTraceContext', () => {
  const origin = { lambdaArn: 'arn:aws:lambda:us-east-1:1:function:f', tags: [] } as unknown as Origin;

  it('adds dd.trace_id, dd.span_id and lambda.request_id as nested attributes', () => {
    const message = `2020-03-05T16:30:36.172Z\t${REQUEST}\tINFO\t[dd.trace_id=6899143064054564168 dd.span_id=2927617725217152879] hi`;
    const record: LogRecord = { origin, raw: { message }, message, view: new ParsedMessage(message) };
    expect(withTraceContext(record).extra).toEqual({
      dd: { trace_id: '6899143064054564168', span_id: '2927617725217152879' },
      lambda: { request_id: REQUEST },
    });
  });

  it('returns the same record when there is nothing to add', () => {
    const record: LogRecord = { origin, raw: { message: 'hello' }, message: 'hello', view: new ParsedMessage('hello') };
    expect(withTraceContext(record)).toBe(record);
  });
});
