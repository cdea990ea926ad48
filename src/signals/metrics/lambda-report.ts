// What Lambda's platform lines say about one invocation (datadog-serverless-functions
// aws/logs_monitoring/enhanced_lambda_metrics.py, 5.4.11), in the Datadog Forwarder's order of
// detectors, the first that matches winning:
// 1. JSON log format: `{"type": "platform.report", "record": {"metrics": {...}, "status": ...}}`
//    https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html#platform-report
// 2. text format: `REPORT RequestId: ... Duration: 1.76 ms Billed Duration: 100 ms Memory Size: 128 MB
//    Max Memory Used: 48 MB [Init Duration: 120.96 ms]`, matched anywhere in the message
// 3. `Task timed out after 3.00 seconds`
// 4. a runtime's out-of-memory message.
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
import type { MessageView } from '../../types.js';

export interface LambdaReport {
  readonly kind: 'report';
  readonly durationMs?: number;
  readonly billedDurationMs?: number;
  readonly memorySizeMb?: number;
  readonly maxMemoryUsedMb?: number;
  /** Present on a cold start. */
  readonly initDurationMs?: number;
  readonly timedOut: boolean;
  readonly outOfMemory: boolean;
}

export type PlatformEvent = LambdaReport | { readonly kind: 'timeout' } | { readonly kind: 'out_of_memory' };

// The Datadog Forwarder's REPORT_LOG_REGEX: `\s` does not match the two characters `\t` (a backslash and a t),
// so a REPORT whose tabs arrive escaped yields nothing, in both forwarders (the coldstart conformance case).
const REPORT =
  /REPORT\s+RequestId:\s+[\w-]+\s+Duration:\s+([\d.]+)\s+ms\s+Billed\s+Duration:\s+([\d.]+)\s+ms\s+Memory\s+Size:\s+(\d+)\s+MB\s+Max\s+Memory\s+Used:\s+(\d+)\s+MB(?:\s+Init\s+Duration:\s+([\d.]+)\s+ms)?/;
const TIMEOUT = /Task\stimed\sout\safter\s+[\d.]+\s+seconds/;
const OUT_OF_MEMORY = [
  'fatal error: runtime: out of memory', // Go
  'java.lang.OutOfMemoryError', // Java
  'JavaScript heap out of memory', // Node.js
  'MemoryError', // Python
  'failed to allocate memory (NoMemoryError)', // Ruby
];
/**
 * Whether any detector needs to run (most Lambda logs are none of these): a text every detector's match
 * contains. Substring searches, not one regular expression with alternatives, which V8 tries at every position
 * of the message (several times slower on the bench's logs, 5 KB lines most of all).
 */
function mayBePlatformEvent(text: string): boolean {
  return (
    text.includes('REPORT') ||
    text.includes('platform.report') ||
    text.includes('Task') ||
    text.includes('MemoryError') ||
    text.includes('out of memory') ||
    text.includes('failed to allocate memory')
  );
}

export function parsePlatformEvent(message: MessageView): PlatformEvent | undefined {
  const { text } = message;
  if (!mayBePlatformEvent(text)) return undefined;
  return jsonReport(message) ?? textReport(text) ?? otherEvent(text);
}

function textReport(message: string): LambdaReport | undefined {
  const match = REPORT.exec(message);
  if (!match) return undefined;
  const [, duration, billed, memorySize, maxUsed, init] = match;
  return {
    kind: 'report',
    durationMs: Number(duration),
    billedDurationMs: Number(billed),
    memorySizeMb: Number(memorySize),
    maxMemoryUsedMb: Number(maxUsed),
    initDurationMs: init === undefined ? undefined : Number(init),
    timedOut: false,
    outOfMemory: false,
  };
}

function jsonReport(message: MessageView): LambdaReport | undefined {
  if (!message.text.includes('platform.report')) return undefined;
  const event = message.object() as
    { type?: unknown; record?: { metrics?: unknown; status?: unknown; errorType?: unknown } } | undefined;
  if (event === undefined || event.type !== 'platform.report') return undefined;
  const metrics = event.record?.metrics;
  if (typeof metrics !== 'object' || metrics === null || Object.keys(metrics).length === 0) return undefined;
  const m = metrics as Record<string, unknown>;
  const initDurationMs = numberOrUndefined(m.initDurationMs);
  return {
    kind: 'report',
    durationMs: numberOrUndefined(m.durationMs),
    billedDurationMs: numberOrUndefined(m.billedDurationMs),
    memorySizeMb: numberOrUndefined(m.memorySizeMB),
    maxMemoryUsedMb: numberOrUndefined(m.maxMemoryUsedMB),
    // As the Datadog Forwarder: a zero init duration is not a cold start.
    initDurationMs: initDurationMs ? initDurationMs : undefined,
    timedOut: event.record?.status === 'timeout',
    // Not in the Datadog Forwarder: in the JSON format an out-of-memory exit is reported here rather than in text.
    outOfMemory: event.record?.errorType === 'Runtime.OutOfMemory',
  };
}

function otherEvent(message: string): PlatformEvent | undefined {
  if (TIMEOUT.test(message)) return { kind: 'timeout' };
  if (OUT_OF_MEMORY.some((text) => message.includes(text))) return { kind: 'out_of_memory' };
  return undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
