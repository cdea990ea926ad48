// Golden files: what the intakes received for a fixture, redacted of what varies between runs, compared with
// `<case>.golden.json`. UPDATE_GOLDEN=1 rewrites them instead (review the diff).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CapturedRequest } from '../../src/cli/local/capture-intake.js';
import { decodeTracePayload } from './trace-protobuf.js';

/** Headers that describe the forwarded data; the rest (host, length, connection) vary or do not matter. */
const KEPT_HEADERS = [
  'content-type',
  'content-encoding',
  'dd-api-key',
  'dd-evp-origin',
  'dd-storage-tag',
  'dd-step-functions-trace-enabled',
];

export interface RedactedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export function redactRequest(request: CapturedRequest): RedactedRequest {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = name === 'dd-api-key' ? '<api key>' : value;
  }
  const text = JSON.stringify(readableBody(request))
    .replace(/forwarder_version:\d+\.\d+\.\d+[^,"]*/g, 'forwarder_version:<version>')
    .replace(/"forwarder_version":"[^"]*"/g, '"forwarder_version":"<version>"');
  return { method: request.method, path: request.path, headers, body: JSON.parse(text) as unknown };
}

/** JSON as JSON, a trace payload (protobuf) as protobuf's JSON mapping, anything else as base64. */
function readableBody(request: CapturedRequest): unknown {
  if (request.json !== undefined) return redactTelemetryTime(request.json);
  if (request.headers['content-type'] === 'application/x-protobuf') return decodeTracePayload(request.body);
  return { base64: request.body.toString('base64') };
}

/** The forwarder's telemetry is stamped with the time of sending; other metrics carry their logs' times. */
function redactTelemetryTime(json: unknown): unknown {
  const series = (json as { series?: unknown } | null)?.series;
  if (!Array.isArray(series)) return json;
  return {
    ...(json as object),
    series: series.map((s: { metric?: unknown; points?: [unknown, unknown][] }) =>
      typeof s.metric === 'string' && s.metric.startsWith('aws.dd_forwarder.') && Array.isArray(s.points)
        ? { ...s, points: s.points.map(([, values]) => ['<now>', values]) }
        : s,
    ),
  };
}

export function matchGolden(path: string, actual: unknown): { expected: unknown; actual: unknown } {
  const normalized = JSON.parse(JSON.stringify(actual)) as unknown;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, JSON.stringify(normalized, null, 2) + '\n');
  // A missing golden fails: writing it here would make a new fixture pass without anyone reviewing its output.
  if (!existsSync(path)) throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx jest test/golden and review it.`);
  return { expected: JSON.parse(readFileSync(path, 'utf8')) as unknown, actual: normalized };
}
