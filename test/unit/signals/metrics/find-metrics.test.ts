import { readConfig } from '../../../../src/config/index.js';
import { describeOrigin } from '../../../../src/enrich/origin.js';
import { toRecord } from '../../../../src/enrich/record.js';
import { forwarderIdentity } from '../../../../src/parse/forwarder-identity.js';
import { architectureOf, findMetrics } from '../../../../src/signals/metrics/find-metrics.js';
import type { RawLog } from '../../../../src/types.js';
import { lambdaContext, TEST_API_KEY } from '../../../helpers/lambda.js';

const config = (env: Record<string, string> = {}) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env });

function record(raw: RawLog, options: { logGroup?: string; env?: Record<string, string>; lambdaTags?: string[] } = {}) {
  const cfg = config(options.env);
  const settings = { logs: cfg.logs, identity: forwarderIdentity(lambdaContext()) };
  const awslogs = { logGroup: options.logGroup ?? '/aws/lambda/Orders-API', logStream: 's', owner: '123456789012' };
  const origin = describeOrigin({ eventType: 'awslogs', awslogs }, settings, { lambda: options.lambdaTags });
  return { record: toRecord(origin, raw), metrics: cfg.metrics };
}

const REPORT =
  'REPORT RequestId: r\tDuration: 10.00 ms\tBilled Duration: 1000 ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB';

describe('findMetrics', () => {
  it('finds nothing in an ordinary log', () => {
    const { record: r, metrics } = record({ message: 'hello', timestampMs: 1 });
    expect(findMetrics(r, metrics)).toBeUndefined();
  });

  it('tags a metric line with its tags, the function ARN and the log ddtags, and consumes it', () => {
    const { record: r, metrics } = record({ message: '{"m":"a.b","v":2.5,"e":1700000000.7,"t":["x:y"]}' });
    expect(findMetrics(r, metrics)).toEqual({
      consumed: true,
      points: [
        {
          metric: 'a.b',
          value: 2.5,
          timestampSeconds: 1700000000,
          tags: [
            'x:y',
            'function_arn:arn:aws:lambda:us-east-1:123456789012:function:orders-api',
            'forwardername:test_function',
            'forwarder_version:0.1.0',
            'env:none',
            'aws_account:123456789012',
            'functionname:orders-api',
            'region:us-east-1',
            'service:orders-api',
          ],
        },
      ],
    });
  });

  it('leaves out the empty tags of a DD_TAGS written with a trailing comma, which the logs keep (M12)', () => {
    const { record: r, metrics } = record(
      { message: '{"m":"a","v":1,"e":1700000000,"t":[]}' },
      { logGroup: 'app', env: { DD_TAGS: 'team:x,,' } },
    );
    expect(findMetrics(r, metrics)?.points[0]?.tags).toEqual([
      'team:x',
      'forwardername:test_function',
      'forwarder_version:0.1.0',
    ]);
  });

  it('takes the tags a metric line carries in its own ddtags', () => {
    const { record: r, metrics } = record(
      { message: '{"m":"a","v":1,"e":1700000000,"t":[],"ddtags":"team:x"}' },
      { logGroup: 'app' },
    );
    expect(findMetrics(r, metrics)?.points[0]?.tags).toEqual([
      'forwardername:test_function',
      'forwarder_version:0.1.0',
      'team:x',
    ]);
  });

  it('drops a metric line with a bad field, with the reason', () => {
    const { record: r, metrics } = record({ message: '{"m":"a","v":"NaN","e":1700000000,"t":[]}' });
    expect(findMetrics(r, metrics)).toMatchObject({
      consumed: true,
      points: [],
      dropped: { reason: 'invalid_metric_value' },
    });
  });

  it('drops metric lines, counted, when DD_FORWARD_METRICS is false', () => {
    const { record: r, metrics } = record(
      { message: '{"m":"a","v":1,"e":1700000000,"t":[]}' },
      { env: { DD_FORWARD_METRICS: 'false' } },
    );
    expect(findMetrics(r, metrics)).toMatchObject({
      consumed: true,
      points: [],
      dropped: { reason: 'forward_metrics_disabled' },
    });
  });

  it('makes enhanced metrics of a REPORT line, keeps it a log, and adds the function resource tags', () => {
    const { record: r, metrics } = record({ message: REPORT, timestampMs: 1700000000999 }, { lambdaTags: ['team:a'] });
    const found = findMetrics(r, metrics);
    expect(found?.consumed).toBe(false);
    expect(found?.points.map((p) => [p.metric, p.value])).toEqual([
      ['aws.lambda.enhanced.duration', 0.01],
      ['aws.lambda.enhanced.billed_duration', 1],
      ['aws.lambda.enhanced.max_memory_used', 80],
      ['aws.lambda.enhanced.estimated_cost', 0.0000002 + 0.0000166667],
    ]);
    expect(found?.points[0]?.timestampSeconds).toBe(1700000000);
    expect(found?.points[0]?.tags).toEqual([
      'memorysize:1024',
      'cold_start:false',
      'region:us-east-1',
      'aws_account:123456789012',
      'functionname:orders-api',
      'team:a',
    ]);
  });

  it('prices functions listed in FORWARDER_ARM64_FUNCTIONS at the arm64 price', () => {
    const { record: r, metrics } = record(
      { message: REPORT, timestampMs: 1 },
      { env: { FORWARDER_ARM64_FUNCTIONS: 'orders-*' } },
    );
    const cost = findMetrics(r, metrics)?.points.find((p) => p.metric === 'aws.lambda.enhanced.estimated_cost');
    expect(cost?.value).toBeCloseTo(0.0000002 + 0.0000133334, 15);
  });

  it('makes no enhanced metrics when FORWARDER_ENHANCED_METRICS is false, or for logs that are not a function s', () => {
    const off = record({ message: REPORT, timestampMs: 1 }, { env: { FORWARDER_ENHANCED_METRICS: 'false' } });
    expect(findMetrics(off.record, off.metrics)).toBeUndefined();
    const notLambda = record({ message: REPORT, timestampMs: 1 }, { logGroup: 'app' });
    expect(findMetrics(notLambda.record, notLambda.metrics)).toBeUndefined();
  });
});

describe('architectureOf', () => {
  it.each([
    ['', 'orders', 'x86_64'],
    ['orders', 'orders', 'arm64'],
    ['orders', 'orders-api', 'x86_64'],
    ['orders-*,billing', 'orders-api', 'arm64'],
    ['orders-*,billing', 'billing', 'arm64'],
    ['*', 'anything', 'arm64'],
    ['Orders.V2', 'orders.v2', 'arm64'],
    ['orders.v2', 'ordersxv2', 'x86_64'],
  ])('FORWARDER_ARM64_FUNCTIONS=%j makes %s %s', (setting, name, expected) => {
    const { metrics } = config(setting ? { FORWARDER_ARM64_FUNCTIONS: setting } : {});
    expect(architectureOf(`arn:aws:lambda:us-east-1:123456789012:function:${name}`, metrics)).toBe(expected);
  });
});
