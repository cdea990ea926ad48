// Conformance: for every recorded case of the Datadog Forwarder, the /api/v1/distribution_points requests the real
// handler makes match the recorded ones after the recording's own redactions (the conformance README), with
// exactly the differences docs/compatibility.md lists under "Metrics" (M1–M7) applied to the recorded side.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHandler } from '../../src/handler.js';
import { startCaptureIntake, type CaptureIntake, type CapturedRequest } from '../../src/cli/local/capture-intake.js';
import type { InvocationContext } from '../../src/types.js';
import { CONFORMANCE_DIR } from '../helpers/conformance.js';
import { awslogsEvent, FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

const REDACTED = '<redacted from snapshot>';
const PATH = '/api/v1/distribution_points';

interface Series {
  metric: string;
  tags: string[];
  points: unknown;
  [key: string]: unknown;
}
interface RecordedEvent {
  path: string;
  headers: Record<string, string>;
  data: { series: Series[] };
}

/** How each recorded version ran: its invocation context (conformance README) and what its layer added. */
const VERSIONS = {
  'datadog-forwarder-v3': {
    context: {
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:0000000000:function:test',
      functionName: 'test',
      memoryLimitInMB: '1536',
    },
    forwarderAccount: '0000000000',
    layerTag: false,
  },
  'datadog-forwarder-v5': {
    context: {},
    forwarderAccount: '012345678912',
    layerTag: true,
  },
} as const;

/** The recording's redactions (conformance README; `dd_lambda_layer` only in v5's), applied to what we sent. */
function redact(text: string, version: keyof typeof VERSIONS): string {
  const layer = VERSIONS[version].layerTag ? /dd_lambda_layer:[^,\s"]+/g : /$^/g;
  return text
    .replace(/forwarder_version:\d+\.\d+\.\d+/g, `forwarder_version:${REDACTED}`)
    .replace(layer, `dd_lambda_layer:${REDACTED}`)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, REDACTED);
}

const TELEMETRY = 'aws.dd_forwarder.';
/** M2: counters of the Datadog Forwarder's tag caches, which are not part of the metrics path. */
const TAG_CACHE_COUNTERS = new Set(
  [
    'list_tags_log_group_api_call',
    'local_cache_expired',
    's3_cache_fetch_failure',
    's3_cache_expired',
    's3_cache_write_failure',
    's3_cache_lock_acquired',
    's3_cache_lock_released',
    's3_cache_lock_release_failure',
    'get_resources_api_calls',
    'local_step_functions_tags_cache_expired',
  ].map((name) => TELEMETRY + name),
);
/** M3: sent on every invocation. */
const ALWAYS_SENT = ['incoming_events', 'logs_forwarded', 'metrics_forwarded', 'traces_forwarded'].map(
  (n) => TELEMETRY + n,
);

/** The recorded series with the documented differences applied. */
function expectedSeries(recorded: Series[], version: keyof typeof VERSIONS, owner: string, context: InvocationContext) {
  const { forwarderAccount, layerTag } = VERSIONS[version];
  const kept = recorded.filter((s) => !TAG_CACHE_COUNTERS.has(s.metric)).map((s) => withoutLayerTag(s, layerTag)); // M2
  const telemetryTags = [
    `forwardername:${context.functionName}`,
    `forwarder_memorysize:${context.memoryLimitInMB}`,
    `forwarder_version:${REDACTED}`,
    'event_type:awslogs',
  ];
  for (const metric of ALWAYS_SENT) {
    if (!kept.some((s) => s.metric === metric)) kept.push({ ...seriesShape(metric), tags: telemetryTags }); // M3
  }
  return kept.map((s) => {
    if (s.metric.startsWith(TELEMETRY)) return s;
    const tags = s.tags
      .filter((t) => t !== `account_id:${forwarderAccount}` && !t.startsWith('forwarder_memorysize:')) // M4
      .map((t) =>
        t.startsWith('aws_account:') || t.startsWith('function_arn:') ? t.replace(forwarderAccount, owner) : t,
      ); // M5
    return { ...s, tags };
  });
}

/** M6: the Datadog Lambda layer of v5 appends its own version tag to every metric; Forwarder has no layer. */
function withoutLayerTag(series: Series, layerTag: boolean): Series {
  if (!layerTag) return series;
  // The tag removed is checked, so that no other recorded tag leaves the comparison unseen.
  expect(series.tags.at(-1)).toBe(`dd_lambda_layer:${REDACTED}`);
  return { ...series, tags: series.tags.slice(0, -1) };
}

function seriesShape(metric: string): Series {
  return { metric, points: REDACTED, type: 'distribution', host: null, device: null, interval: 10, tags: [] };
}

/** Order of series is not compared (M1): each series as JSON with sorted keys, sorted. */
const sorted = (series: Series[]) =>
  series
    .map((s) => JSON.stringify(Object.fromEntries(Object.entries(s).sort(([a], [b]) => a.localeCompare(b)))))
    .sort();

function casesOf(version: keyof typeof VERSIONS): string[] {
  const dir = path.join(CONFORMANCE_DIR, version, 'integration');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
}

describe.each(Object.keys(VERSIONS) as (keyof typeof VERSIONS)[])('%s distribution points', (version) => {
  let intake: CaptureIntake;
  beforeAll(async () => {
    intake = await startCaptureIntake();
  });
  afterAll(() => intake.close());
  beforeEach(() => void intake.requests.splice(0));

  it('has cases to compare', () => {
    expect(casesOf(version).length).toBeGreaterThan(5);
  });

  it.each(casesOf(version))('%s', async (name) => {
    const dir = path.join(CONFORMANCE_DIR, version, 'integration');
    const input = readFileSync(path.join(dir, `${name}.json`), 'utf8');
    const recorded = (
      JSON.parse(readFileSync(path.join(dir, `${name}.json~snapshot`), 'utf8')) as { events: RecordedEvent[] }
    ).events.filter((e) => e.path === PATH);
    const context = lambdaContext(VERSIONS[version].context);
    const env = localIntakeEnv(intake.url, {
      DD_SITE: 'datadog.com',
      DD_USE_COMPRESSION: 'false',
      DD_SKIP_SSL_VALIDATION: 'true',
      FORWARDER_TELEMETRY: 'true',
    });
    await createHandler(env, { retry: FAST_RETRY })(awslogsEvent(input), context);

    const ours = intake.requests.filter((r) => r.path === PATH);
    expect(recorded).toHaveLength(1);
    expect(ours.length).toBeGreaterThan(0);
    for (const request of ours) expect(intakeHeaders(request)).toEqual(intakeHeaders(recorded[0] as RecordedEvent));
    const sent = ours.flatMap((r) => (r.json as { series: Series[] }).series);
    // M7: timestamps are whole epoch seconds (the Datadog Forwarder sent CloudWatch's milliseconds).
    const timestamps = sent.map((s) => (s.points as [number, number[]][])[0]?.[0]);
    expect(timestamps.filter((t) => !Number.isInteger(t) || (t as number) > 1e10)).toEqual([]);
    const redacted = JSON.parse(
      redact(JSON.stringify(sent.map((s) => ({ ...s, points: REDACTED }))), version),
    ) as Series[];
    const owner = (JSON.parse(input) as { owner: string }).owner;
    const expected = expectedSeries(
      recorded.flatMap((e) => e.data.series),
      version,
      owner,
      context,
    );
    expect(sorted(redacted)).toEqual(sorted(expected));
  });
});

/** The headers that describe the forwarded data (conformance README): the rest are HTTP-library defaults. */
function intakeHeaders(request: { headers: Record<string, string> }): Record<string, string | undefined> {
  const lower = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    'content-type': lower['content-type'],
    'content-encoding': lower['content-encoding'],
    'dd-api-key': lower['dd-api-key'],
  };
}

export type { CapturedRequest };
