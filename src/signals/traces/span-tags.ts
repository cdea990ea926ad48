// `AddTagsToTracePayloads` of the Go trace forwarder (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/model.go, 5.4.11): the ddtags of the log that carried
// a trace payload are applied to its spans. `env:` sets the payload's env (unless empty or `none`); `service:`
// renames the function's spans (named or serviced `aws.lambda`), and any span whose service starts with one of
// their former service names gets that prefix replaced (`fn-dns` → `svc-dns`); every other tag is written into
// span meta, overwriting. Inferred spans (`_inferred_span.tag_source: self`, such as API Gateway) are left alone:
// they describe another service.
import type { Span, TracePayload } from './span.js';

interface ParsedTags {
  service: string;
  env: string;
  other: [string, string][];
}

function parseDdTags(tags: string): ParsedTags {
  const parsed: ParsedTags = { service: '', env: '', other: [] };
  for (const tag of tags.split(',')) {
    const colon = tag.indexOf(':');
    if (colon === -1) continue;
    const key = tag.slice(0, colon);
    const value = tag.slice(colon + 1);
    const lower = key.toLowerCase();
    if (lower === 'service') parsed.service = value;
    else if (lower === 'env') parsed.env = value;
    else parsed.other.push([key, value]);
  }
  return parsed;
}

const isInferred = (span: Span): boolean => span.meta['_inferred_span.tag_source'] === 'self';

export function applyTags(payloads: readonly TracePayload[], ddtags: string): void {
  const { service, env, other } = parseDdTags(ddtags);
  for (const payload of payloads) {
    if (env !== '' && env !== 'none') payload.env = env;
    for (const trace of payload.traces) {
      const spans = trace.spans.filter((s) => !isInferred(s));
      if (service !== '') renameServices(spans, service);
      for (const span of spans) for (const [key, value] of other) span.meta[key] = value;
    }
  }
}

function renameServices(spans: readonly Span[], service: string): void {
  const former = new Set<string>();
  const renamed = new Set<Span>();
  for (const span of spans) {
    if (span.name === 'aws.lambda' || span.service === 'aws.lambda') {
      former.add(span.service);
      setService(span, service);
      renamed.add(span);
    }
  }
  for (const span of spans) {
    if (renamed.has(span)) continue;
    for (const prefix of former) {
      if (prefix !== '' && span.service.startsWith(prefix)) {
        setService(span, service + span.service.slice(prefix.length));
        break;
      }
    }
  }
}

function setService(span: Span, service: string): void {
  span.service = service;
  if (span.meta.service !== undefined) span.meta.service = service;
}
