// The route stage with ten-line fakes for its two sinks: the one metric / trace / log decision, and what each
// branch sends and counts. The router is given settings, sinks and a logger, never the dependency container.
import { readConfig } from '../../../src/config/index.js';
import { describeOrigin } from '../../../src/enrich/origin.js';
import { toRecord } from '../../../src/enrich/record.js';
import { Logger } from '../../../src/log.js';
import { forwarderIdentity } from '../../../src/parse/forwarder-identity.js';
import { Router } from '../../../src/route/router.js';
import type { MetricItem } from '../../../src/signals/metrics/metric-point.js';
import type { TracePayload } from '../../../src/signals/traces/span.js';
import { Tally } from '../../../src/tally.js';
import { lambdaContext, TEST_API_KEY } from '../../helpers/lambda.js';

const METRIC_LINE = '{"m":"orders.placed","v":3,"e":1700000000,"t":["shop:eu"]}';
const REPORT =
  'REPORT RequestId: r\tDuration: 10.00 ms\tBilled Duration: 1000 ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB';
const BAD_METRIC = '{"m":"x","v":"not a number","e":1700000000,"t":[]}';
const TRACE = '{"traces":[[{"trace_id":"4EBC5A600180F183","span_id":"1","parent_id":"0","start":1,"duration":2}]]}';

function setup(env: Record<string, string> = {}) {
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, ...env });
  const metrics: MetricItem[] = [];
  const traces: TracePayload[] = [];
  const warnings: string[] = [];
  const logger = new Logger('warn', (line) => warnings.push(line));
  const sinks = {
    metrics: { add: async (item: MetricItem) => void metrics.push(item) },
    traces: { add: async (payload: TracePayload) => void traces.push(payload) },
  };
  const router = new Router(config, sinks, logger);
  const settings = { logs: config.logs, identity: forwarderIdentity(lambdaContext()) };
  const awslogs = { logGroup: '/aws/lambda/orders-api', logStream: 's', owner: '123456789012' };
  const origin = describeOrigin({ eventType: 'awslogs', awslogs }, settings);
  const tally = new Tally();
  const route = (message: string) => router.route(toRecord(origin, { message, timestampMs: 1 }), tally, 'item-1');
  return { route, metrics, traces, warnings, tally };
}

describe('Router', () => {
  it('returns an ordinary log for the transform stage, without a promise, and sends nothing', () => {
    const { route, metrics, traces } = setup();
    const kept = route('hello');
    expect(kept).not.toBeInstanceOf(Promise);
    expect((kept as Awaited<typeof kept>)?.message).toBe('hello');
    expect([metrics, traces]).toEqual([[], []]);
  });

  it('sends a metric line to the metrics sink, with its item id, and does not keep it as a log', async () => {
    const { route, metrics, traces, tally } = setup();
    expect(await route(METRIC_LINE)).toBeUndefined();
    expect(metrics.map((m) => [JSON.parse(m.json).metric, m.itemId])).toEqual([['orders.placed', 'item-1']]);
    expect(traces).toEqual([]);
    expect(tally.converted).toEqual({ metrics: 1 });
  });

  it('sends the enhanced metrics of a REPORT line and keeps the line as a log', async () => {
    const { route, metrics } = setup();
    expect((await route(REPORT))?.message).toBe(REPORT);
    expect(metrics.map((m) => JSON.parse(m.json).metric)).toContain('aws.lambda.enhanced.duration');
  });

  it('sends a trace payload to the traces sink and does not keep it as a log', async () => {
    const { route, metrics, traces } = setup();
    expect(await route(TRACE)).toBeUndefined();
    expect(traces).toHaveLength(1);
    expect(metrics).toEqual([]);
  });

  it('drops what its settings switch off, counted, and warns once per reason of a bad metric line', async () => {
    const { route, metrics, traces, tally, warnings } = setup({ DD_FORWARD_TRACES: 'false' });
    expect(await route(TRACE)).toBeUndefined();
    expect(await route(BAD_METRIC)).toBeUndefined();
    expect(await route(BAD_METRIC)).toBeUndefined();
    expect([metrics, traces]).toEqual([[], []]);
    expect(tally.dropped).toEqual({ forward_traces_disabled: 1, invalid_metric_value: 2 });
    expect(warnings.filter((w) => w.includes('Dropped a metric line.'))).toHaveLength(1);
  });
});
