// Decodes what each forwarder sent and compares it record by record: logs (matched by message, then by
// position), metric series (by name and tags) and trace spans (by trace and span id). Only what is volatile is
// normalised away, each normalisation named in docs/compatibility.md ("The differential run"):
// - the `forwarder_version:` tag (each forwarder names its own version);
// - the order of logs and of series across and within requests (batching differs, and order is not meaningful
//   to the intakes), and the order of spans within a trace payload;
// - the points of the forwarder's own telemetry (`aws.dd_forwarder.*`): counted at the time of the run.
import type { CapturedRequest } from '../../src/cli/local/capture-intake.js';
import { decodeTracePayload } from '../../test/helpers/trace-protobuf.js';

type Json = Record<string, unknown>;

export interface Difference {
  /** logs | metrics | traces | invocation */
  readonly area: string;
  /** missing (Python sent it, we did not), extra (we sent it, Python did not), field, error */
  readonly kind: 'missing' | 'extra' | 'field' | 'error';
  /** The field's path in the record (`ddtags` differences name one tag each). */
  readonly path: string;
  readonly python?: unknown;
  readonly ours?: unknown;
  /** The record's message or metric name, to recognise it. */
  readonly record: string;
}

export interface Series {
  metric: string;
  tags: string[];
  points: [number, number[]][];
  [key: string]: unknown;
}

export interface Output {
  readonly logs: Json[];
  readonly series: Series[];
  /** Spans as sent, each with the trace payload's env. */
  readonly spans: Json[];
  readonly error: string | null;
}

export const LOGS_PATH = '/api/v2/logs';
export const INVALID_BODY = '<request body that is not a JSON array>';
/** The path of our logs that stand where the Datadog Forwarder sent a body the intake would reject. */
export const AFTER_INVALID_BODY = 'in place of an invalid Python body';
export const METRICS_PATH = '/api/v1/distribution_points';
export const TRACES_PATH = '/api/v0.2/traces';

export function decodeRequests(requests: readonly CapturedRequest[], error: string | null): Output {
  const logs: Json[] = [];
  const series: Series[] = [];
  const spans: Json[] = [];
  for (const request of requests) {
    if (request.method !== 'POST') continue;
    const path = request.path.split('?')[0];
    if (path === LOGS_PATH) {
      // A body that is not JSON is one record of its own: the intake would reject the whole request.
      if (Array.isArray(request.json)) logs.push(...(request.json as Json[]));
      else logs.push({ message: INVALID_BODY, body: request.body.toString('utf8').slice(0, 300) });
    } else if (path === METRICS_PATH) series.push(...(request.json as { series: Series[] }).series);
    else if (path === TRACES_PATH) {
      const payload = decodeTracePayload(request.body) as { env?: string; traces?: { spans?: Json[] }[] };
      for (const trace of payload.traces ?? [])
        for (const span of trace.spans ?? []) spans.push({ ...span, env: payload.env });
    }
  }
  return { logs, series, spans, error };
}

const VERSION_TAG = /^forwarder_version:/;
const withoutVersion = (tags: readonly string[]) => tags.filter((t) => !VERSION_TAG.test(t));

const messageKey = (log: Json): string =>
  typeof log.message === 'string' ? log.message : JSON.stringify(log.message ?? null);
const short = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

export function compareOutputs(python: Output, ours: Output): Difference[] {
  const differences: Difference[] = [];
  if (python.error !== ours.error && (python.error === null || ours.error === null)) {
    differences.push({
      area: 'invocation',
      kind: 'error',
      path: 'error',
      python: python.error,
      ours: ours.error,
      record: '',
    });
  }
  differences.push(...compareLogs(python.logs, ours.logs));
  differences.push(...compareSeries(python.series, ours.series));
  differences.push(...compareSpans(python.spans, ours.spans));
  return differences;
}

function compareLogs(pythonSent: Json[], ours: Json[]): Difference[] {
  const differences: Difference[] = [];
  const left = [...ours];
  const unmatched: Json[] = [];
  // A body the intake would reject is not paired: what we sent in its place is reported as replacing it.
  const invalid = pythonSent.filter((log) => log.message === INVALID_BODY);
  for (const log of invalid)
    differences.push({ area: 'logs', kind: 'missing', path: '', python: log, record: INVALID_BODY });
  const python = pythonSent.filter((log) => log.message !== INVALID_BODY);
  for (const log of python) {
    const at = left.findIndex((o) => messageKey(o) === messageKey(log));
    if (at < 0) unmatched.push(log);
    else differences.push(...compareRecord(log, left.splice(at, 1)[0] as Json, messageKey(log)));
  }
  // What remains is paired by position when both sides have as many left (a message changed by scrubbing or
  // truncation); otherwise it is missing or extra.
  if (invalid.length > 0) {
    for (const log of unmatched)
      differences.push({ area: 'logs', kind: 'missing', path: '', python: log, record: short(messageKey(log)) });
    for (const log of left)
      differences.push({
        area: 'logs',
        kind: 'extra',
        path: AFTER_INVALID_BODY,
        ours: log,
        record: short(messageKey(log)),
      });
  } else if (unmatched.length === left.length) {
    unmatched.forEach((log, i) => differences.push(...compareRecord(log, left[i] as Json, messageKey(log))));
  } else {
    for (const log of unmatched)
      differences.push({ area: 'logs', kind: 'missing', path: '', python: log, record: short(messageKey(log)) });
    for (const log of left)
      differences.push({ area: 'logs', kind: 'extra', path: '', ours: log, record: short(messageKey(log)) });
  }
  return differences;
}

function compareRecord(python: Json, ours: Json, record: string): Difference[] {
  const differences: Difference[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (path === 'ddtags' && typeof a === 'string' && typeof b === 'string') {
      const pythonTags = withoutVersion(a.split(','));
      const ourTags = withoutVersion(b.split(','));
      for (const tag of pythonTags.filter((t) => !ourTags.includes(t)))
        differences.push({ area: 'logs', kind: 'field', path, python: tag, record: short(record) });
      for (const tag of ourTags.filter((t) => !pythonTags.includes(t)))
        differences.push({ area: 'logs', kind: 'field', path, ours: tag, record: short(record) });
      if (differences.length === 0 && pythonTags.join(',') !== ourTags.join(','))
        differences.push({
          area: 'logs',
          kind: 'field',
          path: 'ddtags(order)',
          python: a,
          ours: b,
          record: short(record),
        });
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
        walk(a[key], b[key], path ? `${path}.${key}` : key);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b))
      differences.push({ area: 'logs', kind: 'field', path, python: a, ours: b, record: short(record) });
  };
  walk(python, ours, '');
  return differences;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------- metrics ----------

const TELEMETRY = 'aws.dd_forwarder.';
const LAYER_TAG = /^dd_lambda_layer:/;
const seriesKey = (s: Series) => `${s.metric}|${withoutVersion(s.tags).slice().sort().join(',')}`;

function compareSeries(pythonSent: Series[], ours: Series[]): Difference[] {
  const differences: Difference[] = [];
  // M6: the Datadog Lambda layer appends its version tag to every metric of 5.x; it is set aside (and reported)
  // so that the series still pair.
  const python = pythonSent.map((s) => {
    const layer = s.tags.filter((t) => LAYER_TAG.test(t));
    if (layer.length === 0) return s;
    differences.push({ area: 'metrics', kind: 'field', path: 'tags', python: layer[0], record: s.metric });
    return { ...s, tags: s.tags.filter((t) => !LAYER_TAG.test(t)) };
  });
  const merged = (all: Series[]) => {
    const byKey = new Map<string, Series>();
    for (const s of all) {
      const key = seriesKey(s);
      const known = byKey.get(key);
      if (known) known.points = [...known.points, ...s.points];
      else byKey.set(key, { ...s, points: [...s.points] });
    }
    return byKey;
  };
  const left = merged(python);
  const right = merged(ours);
  const values = (x: Series) => x.points.flatMap(([, v]) => v).sort((a, b) => a - b);
  for (const [key, s] of left) {
    let other = right.get(key);
    let otherKey = key;
    if (!other) {
      // The same metric with the same values under other tags: one difference per tag, not a missing series.
      const sameValues = [...right].find(
        ([, o]) => o.metric === s.metric && JSON.stringify(values(o)) === JSON.stringify(values(s)),
      );
      if (!sameValues) {
        differences.push({ area: 'metrics', kind: 'missing', path: '', python: s, record: key });
        continue;
      }
      [otherKey, other] = sameValues;
      const ours = withoutVersion(other.tags);
      const theirs = withoutVersion(s.tags);
      for (const tag of theirs.filter((t) => !ours.includes(t)))
        differences.push({ area: 'metrics', kind: 'field', path: 'tags', python: tag, record: s.metric });
      for (const tag of ours.filter((t) => !theirs.includes(t)))
        differences.push({ area: 'metrics', kind: 'field', path: 'tags', ours: tag, record: s.metric });
    }
    right.delete(otherKey);
    const stamps = (x: Series) => [...new Set(x.points.map(([t]) => t))].sort((a, b) => a - b);
    if (JSON.stringify(values(s)) !== JSON.stringify(values(other)))
      differences.push({
        area: 'metrics',
        kind: 'field',
        path: 'points.values',
        python: values(s),
        ours: values(other),
        record: key,
      });
    if (!s.metric.startsWith(TELEMETRY) && JSON.stringify(stamps(s)) !== JSON.stringify(stamps(other)))
      differences.push({
        area: 'metrics',
        kind: 'field',
        path: 'points.timestamps',
        python: stamps(s),
        ours: stamps(other),
        record: key,
      });
  }
  for (const [key, s] of right) differences.push({ area: 'metrics', kind: 'extra', path: '', ours: s, record: key });
  return differences;
}

// ---------- traces ----------

/**
 * The spans the Datadog Forwarder's Go trace library would send for the payloads the Python code handed it, as
 * far as they do not depend on the Datadog Agent's obfuscator and stats (datadog-serverless-functions
 * aws/logs_monitoring/trace_forwarder/internal/apm/model.go, 3.99.0): `_dd.origin` and `_dd.compute_stats` added,
 * spans parented to X-Ray dropped (their children re-parented), the log's tags copied into `meta` (except on
 * inferred spans of another service), `service:` renaming `aws.lambda` spans, `env:` the payload's env.
 */
export function expectedSpans(payloads: readonly { message: string; tags: string }[]): Json[] {
  const spans: Json[] = [];
  for (const { message, tags } of payloads) {
    const tagMap = new Map<string, string>();
    let service = '';
    let env = '';
    for (const tag of tags.split(',')) {
      const at = tag.indexOf(':');
      if (at < 0) continue;
      const [name, value] = [tag.slice(0, at), tag.slice(at + 1)];
      if (name.toLowerCase() === 'service') service = value;
      else if (name.toLowerCase() === 'env') env = value;
      else tagMap.set(name, value);
    }
    for (const trace of (JSON.parse(message) as { traces: Json[][] }).traces) {
      const removed = new Map<string, string>();
      let payloadEnv = 'none';
      const kept: Json[] = [];
      for (const raw of trace) {
        const meta: Record<string, string> = {
          ...((raw.meta as Record<string, string>) ?? {}),
          '_dd.origin': 'lambda',
          '_dd.compute_stats': '1',
        };
        if (meta.env !== undefined) payloadEnv = meta.env;
        const span: Json = { ...raw, meta };
        if (meta['_dd.parent_source'] === 'xray') {
          removed.set(decodeApmId(String(raw.span_id)), String(raw.parent_id));
          continue;
        }
        const parent = removed.get(decodeApmId(String(raw.parent_id)));
        if (parent !== undefined) span.parent_id = parent;
        kept.push(span);
      }
      const lambdaServices = new Set(
        kept.filter((s) => s.name === 'aws.lambda' || s.service === 'aws.lambda').map((s) => s.service),
      );
      for (const span of kept) {
        const meta = span.meta as Record<string, string>;
        if (meta['_inferred_span.tag_source'] !== 'self') {
          if (service && lambdaServices.has(span.service)) span.service = service;
          for (const [name, value] of tagMap) meta[name] = value;
        }
        spans.push({ ...span, env: env && env !== 'none' ? env : payloadEnv });
      }
    }
  }
  return spans;
}

/** The Go code's decodeAPMId: the last 16 characters, read as hexadecimal; 0 when they are not. */
function decodeApmId(id: string): string {
  const tail = id.length > 16 ? id.slice(-16) : id;
  return /^[0-9a-fA-F]+$/.test(tail) ? BigInt(`0x${tail}`).toString() : '0';
}

/** Meta keys the Agent's obfuscator rewrites: not compared here (test/conformance/trace-payloads.test.ts does). */
const OBFUSCATED = new Set(['sql.query', 'http.url', 'error.stack', 'redis.raw_command', 'memcached.command']);
const FIELDS: [string, string][] = [
  ['name', 'name'],
  ['service', 'service'],
  ['resource', 'resource'],
  ['parent_id', 'parentID'],
  ['start', 'start'],
  ['duration', 'duration'],
  ['error', 'error'],
  ['type', 'type'],
  ['env', 'env'],
];

function compareSpans(python: Json[], ours: Json[]): Difference[] {
  const differences: Difference[] = [];
  const id = (value: unknown) => (value === undefined || value === '' ? '0' : BigInt(String(value)).toString());
  const apmId = (value: unknown) => decodeApmId(String(value ?? ''));
  const left = new Map(ours.map((s) => [`${id(s.traceID)}/${id(s.spanID)}`, s]));
  for (const span of python) {
    const key = `${apmId(span.trace_id)}/${apmId(span.span_id)}`;
    const record = `${String(span.name)} ${key}`;
    const other = left.get(key);
    if (!other) {
      differences.push({ area: 'traces', kind: 'missing', path: '', python: span, record });
      continue;
    }
    left.delete(key);
    for (const [theirs, mine] of FIELDS) {
      const a = theirs === 'parent_id' ? apmId(span[theirs]) : (span[theirs] ?? (theirs === 'error' ? 0 : ''));
      const b = mine === 'parentID' ? id(other[mine]) : (other[mine] ?? (mine === 'error' ? 0 : ''));
      if (String(a) !== String(b))
        differences.push({ area: 'traces', kind: 'field', path: theirs, python: a, ours: b, record });
    }
    const meta = (span.meta ?? {}) as Record<string, string>;
    const ourMeta = (other.meta ?? {}) as Record<string, string>;
    for (const [name, value] of Object.entries(meta)) {
      if (OBFUSCATED.has(name) || VERSION_TAG.test(`${name}:`)) continue;
      if (ourMeta[name] !== value)
        differences.push({
          area: 'traces',
          kind: 'field',
          path: `meta.${name}`,
          python: value,
          ours: ourMeta[name],
          record,
        });
    }
    for (const name of Object.keys(ourMeta)) {
      if (!(name in meta) && !OBFUSCATED.has(name) && name !== 'forwarder_version')
        differences.push({ area: 'traces', kind: 'field', path: `meta.${name}`, ours: ourMeta[name], record });
    }
    const metrics = (span.metrics ?? {}) as Record<string, number>;
    const ourMetrics = (other.metrics ?? {}) as Record<string, number>;
    for (const [name, value] of Object.entries(metrics)) {
      if (ourMetrics[name] !== value)
        differences.push({
          area: 'traces',
          kind: 'field',
          path: `metrics.${name}`,
          python: value,
          ours: ourMetrics[name],
          record,
        });
    }
  }
  for (const [key, span] of left)
    differences.push({ area: 'traces', kind: 'extra', path: '', ours: span, record: `${String(span.name)} ${key}` });
  return differences;
}
