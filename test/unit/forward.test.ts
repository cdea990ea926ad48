import { readConfig } from '../../src/config/index.js';
import { buildDeps } from '../../src/deps.js';
import { forward } from '../../src/forward.js';
import { classifyEvent } from '../../src/sources/trigger.js';
import { Logger } from '../../src/log.js';
import { TEST_API_KEY, awslogsEvent, lambdaContext } from '../helpers/lambda.js';
import { noWaitClock, RecordingHttp } from '../helpers/recording-http.js';

const clock = noWaitClock;

async function run(env: Record<string, string>, payload: object) {
  const http = new RecordingHttp();
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, DD_USE_COMPRESSION: 'false', ...env });
  const deps = await buildDeps(config, { http, clock, logger: new Logger('error', () => undefined) });
  const summary = await forward(classifyEvent(awslogsEvent(payload)), lambdaContext(), deps);
  return { logs: http.logs, summary };
}

const payload = (logGroup: string, logStream: string, messages: string[]) => ({
  messageType: 'DATA_MESSAGE',
  owner: '012345678912',
  logGroup,
  logStream,
  logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1600000000000 + i, message })),
});

const ROUTE53 = payload('/aws/route53', 'vpc-34d4ae52_20210419T0940Z_i-0903', [
  '{"query_name":"queue.amazonaws.com.","srcids":{"instance":"i-090384b04e4e5bfd2"}}',
  '{"query_name":"example.com."}',
]);

describe('forward: source detection', () => {
  it('uses the v5 rules by default: Route 53 logs are cloudwatch, hosted on the log group', async () => {
    const { logs } = await run({}, ROUTE53);
    expect(logs.map((l) => [l.ddsource, l.host])).toEqual([
      ['cloudwatch', '/aws/route53'],
      ['cloudwatch', '/aws/route53'],
    ]);
  });

  it('uses the v3 rules with FORWARDER_DETECT_SOURCES=true, per-log hosts included', async () => {
    const { logs, summary } = await run({ FORWARDER_DETECT_SOURCES: 'true' }, ROUTE53);
    expect(logs.map((l) => [l.ddsource, l.service, l.host])).toEqual([
      ['route53', 'route53', 'i-090384b04e4e5bfd2'],
      ['route53', 'route53', '/aws/route53'],
    ]);
    expect(summary).toMatchObject({ received: 2, forwarded: 2, failed: 0 });
  });

  it('gives the v3 host rules the payload’s first message (Verified Access)', async () => {
    const { logs } = await run(
      { FORWARDER_DETECT_SOURCES: 'true' },
      payload('/aws/verified-access/logs', 's', [
        '{"http_request":{"url":{"hostname":"app.example.com"}}}',
        '{"http_request":{"url":{"hostname":"other.example.com"}}}',
      ]),
    );
    expect(logs.map((l) => l.host)).toEqual(['app.example.com', 'app.example.com']);
  });

  it('adds the RDS log name to every log’s tags with the v3 rules', async () => {
    const { logs } = await run(
      { FORWARDER_DETECT_SOURCES: 'true', DD_TAGS: 'env:dev' },
      payload('/aws/rds/instance/datadog/postgresql', 'datadog.0', ['LOG: ready']),
    );
    expect(logs[0]).toMatchObject({ ddsource: 'postgresql', host: 'datadog' });
    expect(String(logs[0]?.ddtags)).toMatch(
      /^env:dev,forwardername:test_function,forwarder_version:[^,]+,logname:postgresql$/,
    );
  });

  it('lets DD_SOURCE win over the v3 rules', async () => {
    const { logs } = await run({ FORWARDER_DETECT_SOURCES: 'true', DD_SOURCE: 'mine' }, ROUTE53);
    expect(logs.map((l) => [l.ddsource, l.host])).toEqual([
      ['mine', '/aws/route53'],
      ['mine', '/aws/route53'],
    ]);
  });
});

describe('forward: what is not sent is counted', () => {
  it('counts filtered logs by reason', async () => {
    const { logs, summary } = await run(
      { INCLUDE_AT_MATCH: 'ERROR', EXCLUDE_AT_MATCH: 'ignore' },
      payload('g', 's', ['[ERROR] a', '[INFO] b', '[ERROR] ignore me']),
    );
    expect(logs.map((l) => l.message)).toEqual(['[ERROR] a']);
    expect(summary).toMatchObject({
      received: 3,
      forwarded: 1,
      filtered: 2,
      dropped: { filtered_include: 1, filtered_exclude: 1 },
    });
  });

  it('sends no logs with DD_FORWARD_LOG=false, and says so', async () => {
    const { logs, summary } = await run({ DD_FORWARD_LOG: 'false' }, payload('g', 's', ['a', 'b']));
    expect(logs).toEqual([]);
    expect(summary).toMatchObject({ received: 2, forwarded: 0, dropped: { forward_log_disabled: 2 } });
  });

  it('scrubs what it sends', async () => {
    const { logs } = await run({ REDACT_IP: 'true' }, payload('g', 's', ['from 10.1.2.3']));
    expect(logs[0]?.message).toBe('from xxx.xxx.xxx.xxx');
  });
});

describe('forward: one log’s failure is that log’s problem', () => {
  const REPORT =
    'REPORT RequestId: r\tDuration: 10.00 ms\tBilled Duration: 1000 ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB';
  const throwing = (error: Error) => ({
    test: () => {
      throw error;
    },
  });

  /** A run whose enhanced-metrics step (FORWARDER_ARM64_FUNCTIONS) throws `error` for each REPORT line. */
  async function runFailing(event: unknown, error: Error) {
    const http = new RecordingHttp();
    const lines: string[] = [];
    const base = readConfig({ DD_API_KEY: TEST_API_KEY, DD_USE_COMPRESSION: 'false', FORWARDER_TELEMETRY: 'false' });
    const arm64Functions = throwing(error) as unknown as RegExp;
    const config = { ...base, metrics: { ...base.metrics, arm64Functions } };
    const deps = await buildDeps(config, { http, clock, logger: new Logger('warn', (line) => lines.push(line)) });
    const summary = await forward(classifyEvent(event), lambdaContext(), deps);
    return { logs: http.logs, summary, lines };
  }

  it('forwards a log whose processing throws as it came, counts it by class, and goes on', async () => {
    const event = awslogsEvent(payload('/aws/lambda/fn', 's', ['before', REPORT, REPORT, 'after']));
    const { logs, summary, lines } = await runFailing(event, new RangeError('Maximum call stack size exceeded'));
    expect(logs.map((l) => l.message)).toEqual(['before', REPORT, REPORT, 'after']);
    expect(logs[1]).toMatchObject({ ddsource: 'lambda', service: 'fn' });
    expect(summary).toMatchObject({ received: 4, forwarded: 4, kept: { processing_error: 2 } });
    expect(summary.logErrors).toEqual({ RangeError: 2 });
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warnings).toEqual([
      expect.objectContaining({
        message: 'A log could not be processed; it is forwarded as it came.',
        errorClass: 'RangeError',
      }),
    ]);
  });

  it('drops and counts a record that cannot be serialized even as it came', async () => {
    const poisoned = {
      toJSON: () => {
        throw new TypeError('not serializable');
      },
    };
    const event = { source: 'custom.app', 'detail-type': 'x', detail: { poisoned } };
    const { logs, summary } = await runFailing(event, new Error('unused'));
    expect(logs).toEqual([]);
    expect(summary).toMatchObject({ received: 1, forwarded: 0, dropped: { processing_error: 1 } });
    expect(summary.logErrors).toEqual({ TypeError: 1 });
  });
});
