import { serialize, toObject } from '../../../src/transform/serialize.js';
import type { LogRecord, Origin } from '../../../src/types.js';

const origin: Origin = {
  source: { eventType: 'awslogs' },
  ddsource: 'lambda',
  service: 'fn',
  host: 'arn:aws:lambda:us-east-1:1:function:fn',
  tags: ['env:none'],
  attributes: {
    aws: { awslogs: { logGroup: '/aws/lambda/fn' } },
    lambda: { arn: 'arn:aws:lambda:us-east-1:1:function:fn' },
  },
};

const record = (extra: Record<string, unknown>): LogRecord => ({
  origin,
  raw: { id: '1', timestampMs: 2, message: 'm' },
  message: 'm',
  extra,
});

describe('serialize with per-record attributes', () => {
  it.each([
    ['new attributes', { dd: { trace_id: '1', span_id: '2' } }],
    ['an attribute merged into the origin one', { lambda: { request_id: 'r' } }],
    ['both', { dd: { trace_id: '1' }, lambda: { request_id: 'r' } }],
    ['an empty object merged', { lambda: {} }],
    ['a key the origin attribute already has', { lambda: { arn: 'other' } }],
    ['a replaced origin field', { service: 'svc' }],
    ['a non-object replacing an origin attribute', { lambda: 'x' }],
  ])('gives the same JSON as the general path for %s', (_name, extra) => {
    const r = record(extra);
    expect(JSON.parse(serialize(r).json)).toEqual(JSON.parse(JSON.stringify(toObject(r))));
  });
});
