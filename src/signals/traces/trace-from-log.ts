// The traces half of routing: is this log a trace payload? If so, the payloads to send (one per inner list of
// spans, processed as the Datadog Forwarder's Go trace forwarder does, then the user's span rules); a payload
// that looks like a trace but cannot be read is reported so the caller keeps the log and counts it.
import type { TracesConfig } from '../../config/traces.js';
import type { LogRecord } from '../../types.js';
import { buildPayloads } from './build-payloads.js';
import { obfuscateSpan } from './obfuscate.js';
import { detectTracePayload } from './parse-trace.js';
import type { TracePayload } from './span.js';
import { applySpanHygiene } from './span-hygiene.js';
import { applyTags } from './span-tags.js';

type TraceOutcome =
  | { readonly kind: 'trace'; readonly payloads: TracePayload[]; readonly ignoredTraces: number }
  | { readonly kind: 'corrupt'; readonly reason: string };

/** undefined when the log is not a trace payload (the common case, decided by a substring check). */
export function traceFromLog(record: LogRecord, config: TracesConfig): TraceOutcome | undefined {
  const detection = detectTracePayload(record.view);
  if (detection.kind === 'none') return undefined;
  if (detection.kind === 'corrupt') return detection;
  const payloads = buildPayloads(detection.traces);
  applyTags(payloads, record.overrides?.ddtags ?? record.origin.tags.join(','));
  for (const payload of payloads) for (const trace of payload.traces) trace.spans.forEach(obfuscateSpan);
  const ignoredTraces = applySpanHygiene(payloads, config);
  return { kind: 'trace', payloads: payloads.filter((p) => p.traces.length > 0), ignoredTraces };
}
