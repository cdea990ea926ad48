import { readConfig } from '../../../../src/config/index.js';
import type { Span, TracePayload } from '../../../../src/signals/traces/span.js';
import { applySpanHygiene } from '../../../../src/signals/traces/span-hygiene.js';
import { TEST_API_KEY } from '../../../helpers/lambda.js';

const config = (env: Record<string, string>) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env }).traces;

const span = (overrides: Partial<Span>): Span => ({
  service: 'fn',
  name: 'aws.lambda',
  resource: 'fn',
  traceId: 1n,
  spanId: 2n,
  parentId: 0n,
  start: 0n,
  duration: 1n,
  error: 0,
  meta: {},
  metrics: {},
  type: '',
  ...overrides,
});

const inferred = (name: string, service: string, meta: Record<string, string> = {}, resource = service) =>
  span({ name, service, resource, meta: { '_inferred_span.tag_source': 'self', ...meta } });

const payload = (...spans: Span[]): TracePayload[] => [
  { hostName: '', env: 'none', traces: [{ traceId: 1n, spans, startTime: 0n, endTime: 0n }] },
];

describe('DD_SERVICE_MAPPING', () => {
  it.each([
    [
      'an integration name',
      'lambda_api_gateway:api',
      inferred('aws.apigateway', '08se3mvh28.execute-api.eu-west-1.amazonaws.com'),
      'api',
    ],
    [
      'an API id',
      '08se3mvh28:api',
      inferred('aws.apigateway', '08se3mvh28.execute-api.eu-west-1.amazonaws.com'),
      'api',
    ],
    ['a queue name', 'MyQueue:queue', inferred('aws.sqs', 'sqs', { queuename: 'MyQueue' }), 'queue'],
    [
      'an EventBridge source',
      'eventbridge.custom.event.sender:bus',
      inferred('aws.eventbridge', 'eventbridge', {}, 'eventbridge.custom.event.sender'),
      'bus',
    ],
    ['an integration name for SNS', 'lambda_sns:topics', inferred('aws.sns', 'sns', { topicname: 'T' }), 'topics'],
    ['a whole service name of any span', 'fn:my-function', span({ meta: { service: 'fn' } }), 'my-function'],
  ])('renames by %s', (_name, mapping, s, expected) => {
    applySpanHygiene(payload(s), config({ DD_SERVICE_MAPPING: mapping }));
    expect(s.service).toBe(expected);
    if (s.meta.service !== undefined) expect(s.meta.service).toBe(expected);
  });

  it('prefers the specific name over the integration name', () => {
    const s = inferred('aws.sqs', 'sqs', { queuename: 'MyQueue' });
    applySpanHygiene(payload(s), config({ DD_SERVICE_MAPPING: 'lambda_sqs:all,MyQueue:mine' }));
    expect(s.service).toBe('mine');
  });

  it('does not rename a non-inferred span by integration name', () => {
    const s = span({ name: 'aws.sqs', service: 'aws.sqs' });
    applySpanHygiene(payload(s), config({ DD_SERVICE_MAPPING: 'lambda_sqs:queues' }));
    expect(s.service).toBe('aws.sqs');
  });
});

describe('DD_APM_REPLACE_TAGS', () => {
  const rules = JSON.stringify([
    { name: '*', pattern: 'foobar', repl: 'REDACTED' },
    { name: 'function.request.headers.auth', pattern: '(?s).*', repl: '' },
    { name: 'resource.name', pattern: '(\\d+)', repl: '<${1}>' },
  ]);

  it('rewrites every meta value but _dd ones, the resource, and named tags', () => {
    const s = span({
      resource: 'GET /foobar/42',
      meta: { a: 'x foobar y', '_dd.origin': 'foobar', 'function.request.headers.auth': 'Bearer\nsecret' },
    });
    applySpanHygiene(payload(s), config({ DD_APM_REPLACE_TAGS: rules }));
    expect(s.meta).toEqual({ a: 'x REDACTED y', '_dd.origin': 'foobar', 'function.request.headers.auth': '' });
    expect(s.resource).toBe('GET /REDACTED/<42>');
  });
});

describe('DD_APM_IGNORE_RESOURCES', () => {
  it("drops traces whose root span's resource matches, and counts them", () => {
    const health = span({ resource: 'GET /health' });
    const child = span({ spanId: 3n, parentId: 2n, resource: 'db.query' });
    const kept = span({ traceId: 9n, resource: 'GET /orders' });
    const payloads: TracePayload[] = [
      {
        hostName: '',
        env: 'none',
        traces: [
          { traceId: 1n, spans: [health, child], startTime: 0n, endTime: 0n },
          { traceId: 9n, spans: [kept], startTime: 0n, endTime: 0n },
        ],
      },
    ];
    expect(applySpanHygiene(payloads, config({ DD_APM_IGNORE_RESOURCES: 'GET /health$' }))).toBe(1);
    expect(payloads[0]!.traces.map((t) => t.traceId)).toEqual([9n]);
  });
});
