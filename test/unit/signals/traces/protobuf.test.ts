import { encodeApiTrace, encodeSpan, encodeTracePayload } from '../../../../src/signals/traces/protobuf.js';
import type { Span } from '../../../../src/signals/traces/span.js';
import { decodeTracePayload } from '../../../helpers/trace-protobuf.js';

const span = (overrides: Partial<Span> = {}): Span => ({
  service: 'svc',
  name: 'op',
  resource: 'GET /é',
  traceId: 18446744073709551615n,
  spanId: 9223372036854775808n,
  parentId: 0n,
  start: 1636820292450000128n,
  duration: -5n,
  error: 1,
  meta: { b: '2', a: '' },
  metrics: { _top_level: 1, ratio: 0.1 },
  type: '',
  ...overrides,
});

describe('TracePayload protobuf encoding', () => {
  it('round-trips extreme 64-bit values, negatives, UTF-8, maps and doubles exactly', () => {
    const body = encodeTracePayload({
      hostName: '',
      env: 'prod',
      traces: [{ traceId: 18446744073709551615n, spans: [span()], startTime: 1n, endTime: 0n }],
    });
    expect(decodeTracePayload(body)).toEqual({
      env: 'prod',
      traces: [
        {
          traceID: '18446744073709551615',
          startTime: '1',
          spans: [
            {
              service: 'svc',
              name: 'op',
              resource: 'GET /é',
              traceID: '18446744073709551615',
              spanID: '9223372036854775808',
              start: '1636820292450000128',
              duration: '-5',
              error: 1,
              meta: { a: '', b: '2' },
              metrics: { _top_level: 1, ratio: 0.1 },
            },
          ],
        },
      ],
    });
  });

  it('leaves out fields at their default value, as proto3 does', () => {
    const empty = span({ service: '', name: '', resource: '', traceId: 0n, spanId: 0n, start: 0n, duration: 0n });
    const bytes = encodeSpan({ ...empty, error: 0, meta: {}, metrics: {} });
    expect(bytes.length).toBe(0);
  });

  it('writes the known bytes of a small span (field 1 "a", field 5 = 300)', () => {
    const bytes = encodeSpan({
      ...span(),
      service: 'a',
      name: '',
      resource: '',
      traceId: 0n,
      spanId: 300n,
      start: 0n,
      duration: 0n,
      error: 0,
      meta: {},
      metrics: {},
    });
    expect([...bytes]).toEqual([0x0a, 0x01, 0x61, 0x28, 0xac, 0x02]);
  });

  it('encodes an APITrace as the payload embeds it', () => {
    const trace = { traceId: 1n, spans: [span()], startTime: 2n, endTime: 0n };
    const payload = encodeTracePayload({ hostName: '', env: '', traces: [trace] });
    const embedded = encodeApiTrace(trace);
    expect(payload.subarray(payload.length - embedded.length)).toEqual(embedded);
  });
});
