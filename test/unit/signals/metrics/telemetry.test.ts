import { forwarderIdentity } from '../../../../src/parse/forwarder-identity.js';
import { telemetryPoints } from '../../../../src/signals/metrics/telemetry.js';
import { summarize } from '../../../../src/summary.js';
import { Tally } from '../../../../src/tally.js';
import { lambdaContext } from '../../../helpers/lambda.js';

const report = (intake: string, delivered: number, retries = 0, failed = 0) => ({
  intake,
  items: delivered + failed,
  delivered,
  requests: 1,
  bytesSent: 10,
  retries,
  failed,
  truncated: 0,
  dropped: {},
  failedItemIds: [],
});

// Built as forward() builds it, so the test follows the summary's shape.
const tally = new Tally();
tally.received(10);
tally.drop('filtered_exclude');
tally.drop('invalid_metric_tags', 2);
tally.drop('empty_object', 0);
const summary = summarize(tally, [report('logs', 6, 2), report('metrics', 4, 0, 1)]);

describe('telemetryPoints', () => {
  const identity = forwarderIdentity(lambdaContext({ functionName: 'My-Forwarder', memoryLimitInMB: '1024' }));
  const points = telemetryPoints(summary, { identity, eventType: 'awslogs', timestampSeconds: 1700000000 });
  const base = [
    'forwardername:my-forwarder',
    'forwarder_memorysize:1024',
    'forwarder_version:0.1.0',
    'event_type:awslogs',
  ];

  it('counts what came in and what went out, zero included, tagged as the Datadog Forwarder tags them', () => {
    expect(points.slice(0, 4)).toEqual([
      { metric: 'aws.dd_forwarder.incoming_events', value: 10, timestampSeconds: 1700000000, tags: base },
      { metric: 'aws.dd_forwarder.logs_forwarded', value: 6, timestampSeconds: 1700000000, tags: base },
      { metric: 'aws.dd_forwarder.metrics_forwarded', value: 4, timestampSeconds: 1700000000, tags: base },
      { metric: 'aws.dd_forwarder.traces_forwarded', value: 0, timestampSeconds: 1700000000, tags: base },
    ]);
  });

  it('counts drops by reason, retries and failures by intake, leaving out zeros', () => {
    expect(points.slice(4).map((p) => [p.metric, p.value, p.tags.slice(base.length)])).toEqual([
      ['aws.dd_forwarder.dropped', 1, ['reason:filtered_exclude']],
      ['aws.dd_forwarder.dropped', 2, ['reason:invalid_metric_tags']],
      ['aws.dd_forwarder.retried', 2, ['intake:logs']],
      ['aws.dd_forwarder.failed', 1, ['intake:metrics']],
    ]);
  });

  it('leaves out event_type when the event was not recognised', () => {
    const [first] = telemetryPoints(summary, { identity, timestampSeconds: 1 });
    expect(first?.tags).toEqual(base.slice(0, 3));
  });
});
