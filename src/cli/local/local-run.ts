// Runs the real handler against the embedded capture intake: the environment that points every intake at it,
// a Lambda-like invocation context, and a readable report of what each intake received.
import type { InvocationContext } from '../../types.js';
import type { CapturedRequest } from './capture-intake.js';

/** A syntactically valid API key for the local intake; it is never sent anywhere else. */
const LOCAL_API_KEY = 'local0intake0key0000000000000000';

export function localEnv(intakeUrl: string, base: Readonly<Record<string, string | undefined>> = {}) {
  const { hostname, port } = new URL(intakeUrl);
  return {
    DD_SITE: 'datadoghq.com',
    DD_LOG_LEVEL: 'warn',
    ...base,
    DD_API_KEY: LOCAL_API_KEY,
    DD_URL: hostname,
    DD_PORT: port,
    DD_NO_SSL: 'true',
    DD_API_URL: intakeUrl,
    DD_TRACE_INTAKE_URL: intakeUrl,
  };
}

export function localContext(timeoutMs = 120_000): InvocationContext {
  const deadline = Date.now() + timeoutMs;
  return {
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:forwarder',
    functionName: 'forwarder',
    functionVersion: '$LATEST',
    memoryLimitInMB: '1024',
    awsRequestId: '11111111-2222-4333-8444-555555555555',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Lines describing what each intake path received: requests, records, bytes, and a few sample records. */
export function describeReceived(requests: readonly CapturedRequest[], samples = 2): string[] {
  const byPath = new Map<string, CapturedRequest[]>();
  for (const request of requests) byPath.set(request.path, [...(byPath.get(request.path) ?? []), request]);
  const lines: string[] = [];
  for (const [path, received] of byPath) {
    const records = received.flatMap(recordsOf);
    const bytes = received.reduce((sum, r) => sum + r.body.length, 0);
    lines.push(`${path}: ${received.length} request(s), ${records.length} record(s), ${bytes} bytes uncompressed`);
    for (const record of records.slice(0, samples)) lines.push(`  ${truncate(JSON.stringify(record), 400)}`);
  }
  if (lines.length === 0) lines.push('No requests reached the intake.');
  return lines;
}

function recordsOf(request: CapturedRequest): unknown[] {
  const json = request.json as { series?: unknown[] } | unknown[] | undefined;
  if (Array.isArray(json)) return json;
  if (json && Array.isArray(json.series)) return json.series;
  return json === undefined
    ? [`<${request.body.length} bytes of ${request.headers['content-type'] ?? 'data'}>`]
    : [json];
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
