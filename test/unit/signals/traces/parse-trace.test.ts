import { parsedMessage } from '../../../../src/parse/parsed-message.js';
import { apmId, detectTracePayload as detectInView } from '../../../../src/signals/traces/parse-trace.js';

const detectTracePayload = (message: string | undefined) => detectInView(parsedMessage(message));

const SPAN = '{"trace_id":"4EBC5A600180F183","span_id":"1","parent_id":"0","start":1,"duration":2}';

// Detection as in datadog-serverless-functions aws/logs_monitoring/steps/splitting.py, 5.4.11.
describe('detectTracePayload', () => {
  it.each([
    ['no message', undefined],
    ['plain text', 'START RequestId: x'],
    ['text mentioning "traces"', 'the "traces" key'],
    ['invalid JSON', '{"traces": [[{'],
    ['traces not a list', '{"traces": {}}'],
    ['empty first trace', '{"traces": [[]]}'],
    ['first span without trace_id', '{"traces": [[{"span_id": "1"}]]}'],
    ['null trace_id', '{"traces": [[{"trace_id": null}]]}'],
    ['a JSON array', '[{"traces": [[{"trace_id": "1"}]]}]'],
  ])('%s is not a trace payload', (_name, message) => {
    expect(detectTracePayload(message)).toEqual({ kind: 'none' });
  });

  it('reads a trace payload', () => {
    const detection = detectTracePayload(`{"traces":[[${SPAN}]]}`);
    expect(detection.kind).toBe('trace');
    if (detection.kind !== 'trace') return;
    expect(detection.traces[0]![0]).toMatchObject({
      traceId: 0x4ebc5a600180f183n,
      spanId: 1n,
      start: 1n,
      duration: 2n,
    });
  });

  it.each([
    ['a string start', '{"traces":[[{"trace_id":"1","start":"now"}]]}', 'traces[0][0].start must be a 64-bit integer'],
    [
      'a fractional duration',
      '{"traces":[[{"trace_id":"1","duration":1.5}]]}',
      'traces[0][0].duration must be a 64-bit integer',
    ],
    [
      'a number as meta value',
      '{"traces":[[{"trace_id":"1","meta":{"a":1}}]]}',
      'traces[0][0].meta.a has the wrong type',
    ],
    ['a later span not an object', `{"traces":[[${SPAN},7]]}`, 'traces[0][1] is not an object'],
    ['an id that is a number', '{"traces":[[{"trace_id":12}]]}', 'traces[0][0].trace_id must be a string'],
    [
      'start beyond int64',
      '{"traces":[[{"trace_id":"1","start":9223372036854775808}]]}',
      'traces[0][0].start must be a 64-bit integer',
    ],
  ])('reports %s as corrupt, saying what is wrong', (_name, message, reason) => {
    expect(detectTracePayload(message)).toEqual({ kind: 'corrupt', reason });
  });
});

describe('apmId (decodeAPMId)', () => {
  it.each([
    ['4316578C3AE7BE79', 4834147509824110201n],
    ['ffffffffffffffff', 18446744073709551615n],
    ['0af7651916cd43dd8448eb211c80319c', 0x8448eb211c80319cn],
    ['', 0n],
    ['not-hex', 0n],
  ])('%s → %s', (id, expected) => {
    expect(apmId(id)).toBe(expected);
  });
});

describe('128-bit trace ids', () => {
  const first = (message: string) => {
    const detection = detectTracePayload(message);
    if (detection.kind !== 'trace') throw new Error(detection.kind);
    return detection.traces[0]![0]!;
  };

  it('keep the low 64 bits as the id and the upper 64 bits in _dd.p.tid', () => {
    const span = first('{"traces":[[{"trace_id":"6631A8F0000000008448EB211C80319C"}]]}');
    expect(span.traceId).toBe(0x8448eb211c80319cn);
    expect(span.meta['_dd.p.tid']).toBe('6631a8f000000000');
  });

  it("leave a tracer's own _dd.p.tid, and add none for 64-bit ids or zero upper bits", () => {
    expect(
      first('{"traces":[[{"trace_id":"6631a8f0000000008448eb211c80319c","meta":{"_dd.p.tid":"x"}}]]}').meta,
    ).toEqual({
      '_dd.p.tid': 'x',
    });
    expect(first('{"traces":[[{"trace_id":"00000000000000008448eb211c80319c"}]]}').meta).toEqual({});
    expect(first('{"traces":[[{"trace_id":"8448eb211c80319c"}]]}').meta).toEqual({});
  });
});
