// Helpers to run the real handler the way Lambda does: an invocation context, trigger events, and the
// environment that points the forwarder at a local capture intake.
import { gzipSync } from 'node:zlib';
import type { InvocationContext } from '../../src/types.js';

/** The context the Datadog Forwarder's conformance snapshots were recorded with. */
export function lambdaContext(
  overrides: Partial<InvocationContext> & { remainingMs?: number } = {},
): InvocationContext {
  const deadline = Date.now() + (overrides.remainingMs ?? 60_000);
  return {
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:012345678912:function:test_function',
    functionName: 'test_function',
    functionVersion: '$LATEST',
    memoryLimitInMB: '3008',
    awsRequestId: '00000000-0000-4000-8000-000000000000',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    ...overrides,
  };
}

/** A CloudWatch Logs subscription event carrying `payload` (base64 of gzip of JSON). */
export function awslogsEvent(payload: unknown): { awslogs: { data: string } } {
  const json = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return { awslogs: { data: gzipSync(json).toString('base64') } };
}

export const TEST_API_KEY = 'abcdefghijklmnopqrstuvwxyz012345';

/**
 * Environment that sends every intake to a local capture intake at `url` (http://127.0.0.1:port). The
 * forwarder's own telemetry (one more metrics request per invocation) is off unless a test asks for it.
 */
export function localIntakeEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  const { hostname, port } = new URL(url);
  return {
    DD_API_KEY: TEST_API_KEY,
    DD_SITE: 'datadoghq.com',
    DD_URL: hostname,
    DD_PORT: port,
    DD_NO_SSL: 'true',
    DD_API_URL: url,
    DD_TRACE_INTAKE_URL: url,
    DD_LOG_LEVEL: 'error',
    FORWARDER_TELEMETRY: 'false',
    ...extra,
  };
}

/** A quick retry policy so tests of retries take milliseconds. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 10 };
