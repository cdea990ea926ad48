// The differences docs/compatibility.md explains, as rules the differential run applies (classify.ts). A rule is
// narrow: it names the field and the direction of the difference it explains, so that anything else stays a
// defect until someone decides it.
import type { Rule } from './classify.js';
import { AFTER_INVALID_BODY, INVALID_BODY, type Difference } from './compare.js';

const TELEMETRY = 'aws.dd_forwarder.';
/** M2: counters of the Datadog Forwarder's tag caches. */
const CACHE_COUNTERS =
  /^aws\.dd_forwarder\.(list_tags_log_group_api_call|local_cache_expired|s3_cache_|get_resources_api_calls|local_step_functions_tags_cache_expired)/;
/** M3: counters Forwarder sends on every invocation, or when not zero. */
const OUR_COUNTERS =
  /^aws\.dd_forwarder\.(traces_forwarded|dropped|retried|failed|incoming_events|logs_forwarded|metrics_forwarded)\|/;
const TRACE_CONTEXT = new Set(['dd', 'dd.trace_id', 'dd.span_id', 'lambda.request_id']);

const stamps = (value: unknown) => (Array.isArray(value) ? (value as number[]) : []);
const metricName = (d: Difference) => d.record.split('|')[0] ?? '';
const ourLog = (d: Difference) => (d.ours ?? {}) as Record<string, unknown>;
const pythonLog = (d: Difference) => (d.python ?? {}) as Record<string, unknown>;
const messageLength = (log: Record<string, unknown>) =>
  typeof log.message === 'string' ? Buffer.byteLength(log.message) : JSON.stringify(log.message ?? '').length;

export const RULES: readonly Rule[] = [
  {
    id: 'trace-context',
    class: 'documented',
    doc: 'Traces and logs linked to traces: Logs linked to traces',
    matches: (d) => d.area === 'logs' && d.kind === 'field' && d.python === undefined && TRACE_CONTEXT.has(d.path),
  },
  {
    id: 'M6-layer-tag',
    class: 'documented',
    doc: 'Metrics, M6',
    matches: (d) => d.area === 'metrics' && d.path === 'tags' && String(d.python).startsWith('dd_lambda_layer:'),
  },
  {
    id: 'M2-cache-counters',
    class: 'documented',
    doc: 'Metrics, M2',
    matches: (d) => d.area === 'metrics' && d.kind === 'missing' && CACHE_COUNTERS.test(metricName(d)),
  },
  {
    id: 'M3-telemetry',
    class: 'documented',
    doc: 'Metrics, M3',
    // Our counters on every invocation (zero included), the drop/retry/failure counters, and the Datadog
    // Forwarder's own counters, whose values count logs before the intake answered (ours: after) and whose tags
    // carry that forwarder's event type names.
    matches: (d) =>
      d.area === 'metrics' &&
      metricName(d).startsWith(TELEMETRY) &&
      (d.kind === 'extra' ? OUR_COUNTERS.test(d.record) : d.kind === 'missing' || d.path === 'points.values'),
  },
  {
    id: 'M7-whole-seconds',
    class: 'python-bug-fixed',
    doc: 'Metrics, M7',
    // Enhanced metrics stamped with milliseconds passed as seconds.
    matches: (d) => d.area === 'metrics' && d.path === 'points.timestamps' && stamps(d.python).some((t) => t > 1e11),
  },
  {
    id: 'M13-ten-second-buckets',
    class: 'documented',
    doc: 'Metrics, M13',
    // The layer's aggregator stamps each point with the start of its 10 s interval; ours keep their second.
    matches: (d) => {
      if (d.area !== 'metrics' || d.path !== 'points.timestamps') return false;
      const [python, ours] = [stamps(d.python), stamps(d.ours)];
      return python.every((t) => t % 10 === 0) && ours.every((t) => python.includes(t - (t % 10)));
    },
  },
  {
    id: 'M4-v3-tags',
    class: 'documented',
    doc: 'Metrics, M4; Traces: Tags on spans',
    // 3.99.0's metrics and spans carry v3's log tags; ours carry v5's.
    matches: (d, c) =>
      c.python === 'v3' &&
      ((d.area === 'metrics' && d.path === 'tags') ||
        (d.area === 'traces' && (d.path.startsWith('meta.') || d.path === 'service'))),
  },
  {
    id: 'dropped-over-512KB',
    class: 'python-bug-fixed',
    doc: 'Logs: Batching and limits',
    // The Datadog Forwarder drops a log over 512 KB without a word; Forwarder sends it (truncated over 1 MB).
    matches: (d) => d.area === 'logs' && d.kind === 'extra' && messageLength(ourLog(d)) > 512_000,
  },
  {
    id: 'sqs-not-s3',
    class: 'documented',
    doc: 'Event sources (event-sources.md: SQS messages that are not S3 notifications)',
    matches: (d, c) => d.area === 'logs' && d.kind === 'extra' && c.source === 'sqs' && ourLog(d).ddsource === 'sqs',
  },
  {
    id: 's3-ids',
    class: 'documented',
    doc: 'Event sources (event-sources.md: S3 logs carry ids)',
    matches: (d, c) => d.area === 'logs' && d.path === 'id' && d.python === undefined && c.objects.length > 0,
  },
  {
    id: 'python-invalid-json-body',
    class: 'python-bug-fixed',
    doc: 'Logs: Scrubbing rewrites values, not the serialized batch',
    // The Datadog Forwarder scrubs the serialized batch, and a replacement can break its JSON: the intake
    // rejects the whole request. Forwarder scrubs the text of values.
    matches: (d) =>
      d.area === 'logs' &&
      ((d.kind === 'missing' && pythonLog(d).message === INVALID_BODY) || d.path === AFTER_INVALID_BODY),
  },
  {
    id: 's3-bom',
    class: 'python-bug-fixed',
    doc: 'Logs: S3 lines',
    // Python keeps a leading byte order mark in the first log's message (where it stops JSON being read).
    matches: (d) =>
      d.area === 'logs' &&
      d.path === 'message' &&
      typeof d.python === 'string' &&
      d.python.startsWith('\ufeff') &&
      d.ours === d.python.slice(1),
  },
];
