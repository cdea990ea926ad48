// The real handler against a recording intake on 127.0.0.1: metric lines and REPORT lines reach
// /api/v1/distribution_points deflated, with second timestamps, retried like logs; telemetry follows.
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { ObjectReadError, type ObjectReader } from '../../src/sources/object-reader.js';
import { startCaptureIntake, type CaptureIntake, type CapturedRequest } from '../../src/cli/local/capture-intake.js';
import { s3Record, snsRecord } from '../helpers/events.js';
import { awslogsEvent, FAST_RETRY, lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';

interface Series {
  metric: string;
  points: [number, number[]][];
  tags: string[];
  type: string;
  interval: number;
  host: null;
  device: null;
}

const REPORT_TS_MS = 1700000000123;

// The S3 object is gone: the event is still classified, and its telemetry still sent.
const noObjects: ObjectReader = {
  open: () => Promise.reject(new ObjectReadError('object_not_found', false, 'gone')),
};

function lambdaPayload(messages: string[]): unknown {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/lambda/orders-api',
    logStream: '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    subscriptionFilters: ['f'],
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: REPORT_TS_MS + i, message })),
  };
}

const METRIC_LINE = '{"m":"orders.placed","v":3,"e":1700000000.9,"t":["shop:eu"]}';
const REPORT =
  'REPORT RequestId: 7c9e1f2a-0000-4000-8000-000000000001\tDuration: 102.50 ms\tBilled Duration: 103 ms\t' +
  'Memory Size: 512 MB\tMax Memory Used: 80 MB\tInit Duration: 250.00 ms\t\n';

const seriesOf = (requests: CapturedRequest[], path = '/api/v1/distribution_points'): Series[] =>
  requests.filter((r) => r.path === path).flatMap((r) => (r.json as { series: Series[] }).series);

describe('metrics through the real handler', () => {
  let intake: CaptureIntake;
  const lines: string[] = [];
  const logger = new Logger('debug', (line) => lines.push(line));

  beforeEach(async () => {
    intake = await startCaptureIntake();
    lines.length = 0;
  });
  afterEach(() => intake.close());

  const run = (env: Record<string, string> = {}) =>
    createHandler(localIntakeEnv(intake.url, { FORWARDER_TELEMETRY: 'true', ...env }), { logger, retry: FAST_RETRY })(
      awslogsEvent(lambdaPayload(['START RequestId: x Version: $LATEST\n', METRIC_LINE, REPORT])),
      lambdaContext(),
    );

  it('sends metric lines and enhanced metrics deflated to the metrics intake, and the metric line not as a log', async () => {
    await run();
    const metricRequests = intake.requests.filter((r) => r.path === '/api/v1/distribution_points');
    expect(metricRequests[0]?.headers['content-encoding']).toBe('deflate');
    expect(metricRequests[0]?.headers['dd-api-key']).toBe(TEST_API_KEY);
    const series = seriesOf(intake.requests);
    const byName = new Map(series.map((s) => [s.metric, s]));
    expect(byName.get('orders.placed')?.points).toEqual([[1700000000, [3]]]);
    expect(byName.get('aws.lambda.enhanced.init_duration')?.points).toEqual([[1700000000, [0.25]]]);
    expect(byName.get('aws.lambda.enhanced.duration')?.tags).toEqual([
      'memorysize:512',
      'cold_start:true',
      'region:us-east-1',
      'aws_account:123456789012',
      'functionname:orders-api',
    ]);
    const logs = intake.requests
      .filter((r) => r.path === '/api/v2/logs')
      .flatMap((r) => r.json as { message: string }[]);
    expect(logs.map((l) => l.message)).toEqual(['START RequestId: x Version: $LATEST\n', REPORT]);
  });

  it('sends telemetry after the data, counting what was forwarded', async () => {
    await run();
    const telemetry = new Map(
      seriesOf(intake.requests)
        .filter((s) => s.metric.startsWith('aws.dd_forwarder.'))
        .map((s) => [s.metric, s.points[0]?.[1][0]]),
    );
    expect(Object.fromEntries(telemetry)).toEqual({
      'aws.dd_forwarder.incoming_events': 3,
      'aws.dd_forwarder.logs_forwarded': 2,
      'aws.dd_forwarder.metrics_forwarded': 6,
      'aws.dd_forwarder.traces_forwarded': 0,
    });
  });

  // datadog-serverless-functions aws/logs_monitoring/steps/parsing.py, parse_event_type, 5.4.11: an S3 notification
  // through SNS is `s3`, an SNS message `sns`, whatever became of the logs.
  it.each([
    [
      'an S3 notification through SNS',
      { Records: [snsRecord(JSON.stringify({ Records: [s3Record('b', 'k')] }))] },
      's3',
    ],
    ['an SNS message', { Records: [snsRecord('hello')] }, 'sns'],
    ['a subscription', awslogsEvent(lambdaPayload([METRIC_LINE])), 'awslogs'],
  ])('tags telemetry with the event_type of the classified trigger: %s', async (_, event, eventType) => {
    const handler = createHandler(localIntakeEnv(intake.url, { FORWARDER_TELEMETRY: 'true' }), {
      logger,
      retry: FAST_RETRY,
      objects: noObjects,
    });
    await handler(event, lambdaContext()).catch(() => undefined);
    const incoming = seriesOf(intake.requests).find((s) => s.metric === 'aws.dd_forwarder.incoming_events');
    expect(incoming?.tags).toContain(`event_type:${eventType}`);
  });

  it('retries the metrics intake on 500 like the logs intake', async () => {
    let failures = 2;
    intake.setResponder((request) =>
      request.path === '/api/v1/distribution_points' && failures-- > 0 ? { status: 500 } : { status: 202 },
    );
    const result = await run({ FORWARDER_TELEMETRY: 'false' });
    expect(result).toEqual({ status: 'ok', forwarded: 2 });
    const attempts = intake.requests.filter((r) => r.path === '/api/v1/distribution_points');
    expect(attempts).toHaveLength(3);
    expect(seriesOf(attempts.slice(2)).map((s) => s.metric)).toContain('orders.placed');
  });

  it('does not fail the invocation when only the telemetry cannot be delivered', async () => {
    intake.setResponder((request) => {
      const series = (request.json as { series?: Series[] } | undefined)?.series ?? [];
      return series.some((s) => s.metric.startsWith('aws.dd_forwarder.')) ? { status: 403 } : { status: 202 };
    });
    await expect(run({ DD_LOG_LEVEL: 'info' })).resolves.toEqual({ status: 'ok', forwarded: 2 });
    const summary = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.message === 'Invocation summary.');
    expect(summary?.dropped).toEqual({ telemetry_undeliverable: 4 });
  });

  it('sends nothing to the metrics intake when metrics and telemetry are off', async () => {
    await run({
      DD_FORWARD_METRICS: 'false',
      FORWARDER_ENHANCED_METRICS: 'false',
      FORWARDER_TELEMETRY: 'false',
      DD_LOG_LEVEL: 'info',
    });
    expect(intake.requests.map((r) => r.path)).toEqual(['/api/v2/logs']);
    // The metric line is dropped, counted, and not warned about: switching metrics off is a choice.
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.filter((l) => l.level === 'warn')).toEqual([]);
    expect(logged.find((l) => l.message === 'Invocation summary.')?.dropped).toEqual({ forward_metrics_disabled: 1 });
  });

  it('drops bad metric lines with a counted reason and one warning per reason', async () => {
    const bad = [
      '{"m":"a","v":"x","e":1700000000,"t":[]}',
      '{"m":"b","v":"y","e":1700000000,"t":[]}',
      '{"m":"c","v":1,"e":1700000000,"t":"env:prod"}',
    ];
    const handler = createHandler(localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info', FORWARDER_TELEMETRY: 'true' }), {
      logger,
      retry: FAST_RETRY,
    });
    await handler(awslogsEvent(lambdaPayload([...bad, METRIC_LINE])), lambdaContext());
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const warnings = logged.filter((l) => l.message === 'Dropped a metric line.');
    expect(warnings.map((w) => [w.level, w.reason])).toEqual([
      ['warn', 'invalid_metric_value'],
      ['warn', 'invalid_metric_tags'],
    ]);
    expect(warnings[0]?.detail).toBe('v must be a finite number, got "x"');
    const summary = logged.find((l) => l.message === 'Invocation summary.');
    expect(summary?.dropped).toEqual({ invalid_metric_value: 2, invalid_metric_tags: 1 });
    // Every log is accounted for: 4 received, 3 dropped, 1 became a metric.
    expect(summary).toMatchObject({ received: 4, forwarded: 0, converted: { metrics: 1 } });
    expect(seriesOf(intake.requests).map((s) => s.metric)).toContain('orders.placed');
    expect(intake.requests.filter((r) => r.path === '/api/v2/logs')).toEqual([]);
  });
});
