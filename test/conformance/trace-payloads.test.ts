// Every case of the Datadog Forwarder's trace snapshots (fixtures/conformance/datadog-forwarder-v3/traces/): a
// trace payload found in a log, with the log's ddtags, must give exactly the TracePayloads recorded there.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../src/config/index.js';
import { ParsedMessage } from '../../src/parse/parsed-message.js';
import { traceFromLog } from '../../src/signals/traces/trace-from-log.js';
import type { Span, TracePayload } from '../../src/signals/traces/span.js';
import type { LogRecord, Origin } from '../../src/types.js';
import { CONFORMANCE_DIR } from '../helpers/conformance.js';
import { parseSpew } from '../helpers/go-spew.js';
import { TEST_API_KEY } from '../helpers/lambda.js';

const DIR = path.join(CONFORMANCE_DIR, 'datadog-forwarder-v3', 'traces');
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

const nullIfEmpty = (map: Record<string, unknown>) => (Object.keys(map).length === 0 ? null : map);

/** Our payloads in the shape of the Go structs the snapshots dump. */
function asGoStructs(payloads: readonly TracePayload[]): unknown {
  const span = (s: Span) => ({
    Service: s.service,
    Name: s.name,
    Resource: s.resource,
    TraceID: s.traceId.toString(),
    SpanID: s.spanId.toString(),
    ParentID: s.parentId.toString(),
    Start: s.start.toString(),
    Duration: s.duration.toString(),
    Error: s.error,
    Meta: nullIfEmpty(s.meta),
    Metrics: nullIfEmpty(s.metrics),
    Type: s.type,
  });
  return payloads.map((p) => ({
    HostName: p.hostName,
    Env: p.env,
    Traces: p.traces.map((t) => ({
      TraceID: t.traceId.toString(),
      Spans: t.spans.map(span),
      StartTime: t.startTime.toString(),
      EndTime: t.endTime.toString(),
    })),
    Transactions: null,
  }));
}

function normaliseRecorded(recorded: unknown): unknown {
  return JSON.parse(JSON.stringify(recorded), (key, value: unknown) =>
    (key === 'Meta' || key === 'Metrics') && value !== null && Object.keys(value as object).length === 0 ? null : value,
  );
}

const config = readConfig({ DD_API_KEY: TEST_API_KEY }).traces;

describe('the Datadog Forwarder v3 trace snapshots', () => {
  it('covers every recorded case', () => {
    expect(cases).toHaveLength(7);
  });

  it.each(cases)('%s produces the recorded TracePayloads', (name) => {
    const input = JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as { tags: string; trace: unknown };
    // The Go test that recorded these decoded each case into interface{} and marshalled `trace` back to text, so
    // int64 timestamps went through float64 (1636820292450000128 became 1636820292450000100). Serialising the
    // parsed case does the same; the integration tests check that real payloads keep every digit.
    const traceText = JSON.stringify(input.trace);
    const recorded = parseSpew(readFileSync(path.join(DIR, `${name}.json~snapshot`), 'utf8'));
    const origin = { tags: input.tags === '' ? [] : input.tags.split(',') } as unknown as Origin;
    const record: LogRecord = { origin, raw: {}, message: traceText, view: new ParsedMessage(traceText) };
    const outcome = traceFromLog(record, config);
    expect(outcome?.kind).toBe('trace');
    const payloads = outcome?.kind === 'trace' ? outcome.payloads : [];
    expect(asGoStructs(payloads)).toEqual(normaliseRecorded(recorded));
  });
});
