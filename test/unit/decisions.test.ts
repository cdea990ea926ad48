// The DecisionLog port: forward() and the stages tell it what they decided, log by log, in order; and explain's
// recorder files those decisions (and the tally's drops) under the right log.
import { ExplainRecorder } from '../../src/cli/explain-report.js';
import { readConfig } from '../../src/config/index.js';
import type { DecisionLog, LogDecision, OriginDecision } from '../../src/decisions.js';
import { buildDeps } from '../../src/deps.js';
import { forward } from '../../src/forward.js';
import { Logger } from '../../src/log.js';
import { loadRe2 } from '../../src/regex/re2-loader.js';
import { classifyEvent } from '../../src/sources/trigger.js';
import type { Origin, SourceOrigin } from '../../src/types.js';
import { TEST_API_KEY, awslogsEvent, lambdaContext } from '../helpers/lambda.js';
import { noWaitClock, RecordingHttp } from '../helpers/recording-http.js';

beforeAll(loadRe2);

const payload = (messages: string[]) => ({
  messageType: 'DATA_MESSAGE',
  owner: '012345678912',
  logGroup: '/aws/lambda/shop',
  logStream: '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
  logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1600000000000 + i, message })),
});

async function run(env: Record<string, string>, messages: string[], decisions: DecisionLog) {
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, FORWARDER_TELEMETRY: 'false', ...env });
  const logger = new Logger('error', () => undefined);
  const deps = await buildDeps(config, { http: new RecordingHttp(), clock: noWaitClock, logger, decisions });
  return forward(classifyEvent(awslogsEvent(payload(messages))), lambdaContext(), deps);
}

/** A DecisionLog that writes down every call, in order. */
function transcript(): { log: DecisionLog; calls: string[] } {
  const calls: string[] = [];
  const log: DecisionLog = {
    origin: (_source, d: OriginDecision) => calls.push(`origin ${d.field}=${d.value} (${d.by.kind}: ${d.by.detail})`),
    begin: (raw) => calls.push(`begin ${raw.id}`),
    decide: (d: LogDecision) => calls.push(said(d)),
    end: () => calls.push('end'),
  };
  return { log, calls };
}

function said(d: LogDecision): string {
  switch (d.stage) {
    case 'filter':
      return `filter ${d.verdict} (${d.by})`;
    case 'redaction':
      return `redaction ${d.redactor} ×${d.hits}`;
    case 'metrics':
      return `metrics ${d.points.map((p) => p.metric).join(',')}${d.consumed ? ' (consumed)' : ''}`;
    case 'trace':
      return 'trace';
    case 'serialized':
      return `serialized ${(JSON.parse(d.json) as { message: string }).message}`;
  }
}

describe('forward() with a DecisionLog', () => {
  it('tells it the origin once, then each log’s decisions between begin and end', async () => {
    const { log, calls } = transcript();
    const env = { EXCLUDE_AT_MATCH: 'healthcheck', REDACT_IP: 'true', DD_FORWARD_METRICS: 'true' };
    await run(
      env,
      ['from 10.0.0.1 and 10.0.0.2', 'healthcheck', '{"m":"shop.orders","v":2,"e":1600000000,"t":[]}'],
      log,
    );
    expect(calls).toEqual([
      'origin ddsource=lambda (detection_rule: v5 CloudWatch rule 2 (matches e.g. /aws/lambda/my-function))',
      'begin 0',
      'filter keep (EXCLUDE_AT_MATCH healthcheck did not match)',
      'redaction REDACT_IP ×2',
      'serialized from xxx.xxx.xxx.xxx and xxx.xxx.xxx.xxx',
      'end',
      'begin 1',
      'filter filtered_exclude (EXCLUDE_AT_MATCH healthcheck matched)',
      'end',
      'begin 2',
      'metrics shop.orders (consumed)',
      'end',
    ]);
  });

  it('says DD_SOURCE set the ddsource when it is set', async () => {
    const { log, calls } = transcript();
    await run({ DD_SOURCE: 'shopping' }, ['x'], log);
    expect(calls[0]).toBe('origin ddsource=shopping (setting: DD_SOURCE)');
  });
});

describe('ExplainRecorder', () => {
  const source: SourceOrigin = { eventType: 'awslogs', awslogs: { logGroup: '/g', logStream: 's', owner: '1' } };
  const origin: Origin = { source, ddsource: 'cloudwatch', service: 'cloudwatch', tags: [], attributes: {} };
  const decided: OriginDecision = {
    field: 'ddsource',
    value: 'cloudwatch',
    by: { kind: 'detection_rule', detail: 'the default' },
  };

  it('files decisions and drops under the log being processed, and other drops under the event', () => {
    const recorder = new ExplainRecorder();
    recorder.origin(source, decided);
    recorder.tally.drop('control_message');
    recorder.begin({ id: 'a', message: 'm' }, origin);
    recorder.decide({ stage: 'filter', verdict: 'filtered_include', by: 'INCLUDE_AT_MATCH x did not match' });
    recorder.tally.drop('filtered_include');
    recorder.end();
    recorder.begin({ id: 'b', message: 'm' }, origin);
    recorder.decide({ stage: 'redaction', redactor: 'REDACT_IP', hits: 1 });
    recorder.decide({ stage: 'redaction', redactor: 'REDACT_EMAIL', hits: 1 });
    recorder.decide({ stage: 'redaction', redactor: 'REDACT_IP', hits: 2 });
    recorder.decide({ stage: 'serialized', json: '{"message":"m"}' });
    recorder.end();
    recorder.tally.drop('malformed_log_event', 2);
    const report = recorder.report('event.json', 'awslogs', undefined);
    expect(report.eventDrops).toEqual({ control_message: 1, malformed_log_event: 2 });
    expect(report.records).toEqual([
      {
        trigger: 'awslogs',
        origin: { logGroup: '/g', logStream: 's', owner: '1' },
        id: 'a',
        ddsource: { value: 'cloudwatch', setBy: decided.by },
        filter: { verdict: 'filtered_include', by: 'INCLUDE_AT_MATCH x did not match' },
        redactions: [],
        became: 'dropped',
        dropped: ['filtered_include'],
        kept: [],
      },
      expect.objectContaining({
        id: 'b',
        redactions: [
          { redactor: 'REDACT_IP', hits: 3 },
          { redactor: 'REDACT_EMAIL', hits: 1 },
        ],
        became: 'log',
        sent: { message: 'm' },
      }),
    ]);
    expect(report.summary).toMatchObject({ received: 0, dropped: { filtered_include: 1, control_message: 1 } });
  });

  it('does not credit a detection rule with a ddsource a later stage changed', () => {
    const recorder = new ExplainRecorder();
    recorder.origin(source, decided);
    recorder.begin({ message: 'm' }, { ...origin, ddsource: 'nginx' });
    expect(recorder.report('e', 'awslogs', undefined).records[0]!.ddsource).toEqual({
      value: 'nginx',
      setBy: { kind: 'default', detail: 'no stage said' },
    });
  });

  it('says a metric line that gave no point, and a trace payload with traces off, were dropped', () => {
    const recorder = new ExplainRecorder();
    recorder.begin({ message: 'm' }, origin);
    recorder.decide({ stage: 'metrics', points: [], consumed: true });
    recorder.end();
    recorder.begin({ message: 't' }, origin);
    recorder.decide({ stage: 'trace' });
    recorder.tally.drop('forward_traces_disabled');
    recorder.end();
    expect(recorder.report('e', 'awslogs', undefined).records.map((r) => r.became)).toEqual(['dropped', 'dropped']);
  });
});
