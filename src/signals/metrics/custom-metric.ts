// Metric lines: what Datadog's Lambda libraries write to the log when they "flush to log" (datadog-serverless-functions
// aws/logs_monitoring/steps/splitting.py, 5.4.11):
// a JSON object `{"m": name, "v": value, "e": epoch seconds, "t": [tags]}`, e.g.
// `{"e":1583425836.172,"m":"hello.js10x.dog-2","t":["dd_lambda_layer:datadog-nodev12.14.1"],"v":10}`.
// A line with all four keys is a metric line. The Datadog Forwarder quietly forwards one whose fields are wrong as
// a log; here it is dropped with a reason naming the field, since it is neither a useful log nor a metric.
import { stringifyJson } from '../../parse/stringify-json.js';
import type { DropReason, MessageView } from '../../types.js';

type MetricLine =
  | {
      readonly kind: 'metric';
      readonly name: string;
      readonly value: number;
      readonly epochSeconds: number;
      readonly tags: readonly string[];
    }
  | { readonly kind: 'invalid'; readonly reason: DropReason; readonly detail: string };

/** Cheap test run on every log before any JSON parsing: could this message be a metric line? */
function mayBeMetricLine(message: MessageView): boolean {
  const { text } = message;
  return message.isObjectText && text.includes('"m"') && text.includes('"v"') && text.includes('"t"');
}

/** The metric line in `message`, or undefined when the message is not one (it is then an ordinary log). */
export function parseMetricLine(message: MessageView): MetricLine | undefined {
  if (!mayBeMetricLine(message)) return undefined;
  const line = message.object();
  if (line === undefined) return undefined;
  if (!('m' in line && 'v' in line && 'e' in line && 't' in line)) return undefined;
  return validate(line);
}

function validate(line: Record<string, unknown>): MetricLine {
  const { m, v, e, t } = line;
  if (typeof m !== 'string' || m.trim() === '') return invalid('name', 'm must be a non-empty string', m);
  if (typeof v !== 'number' || !Number.isFinite(v)) return invalid('value', 'v must be a finite number', v);
  if (typeof e !== 'number' || !Number.isFinite(e) || e <= 0) {
    return invalid('timestamp', 'e must be a positive number of epoch seconds', e);
  }
  if (!Array.isArray(t) || !t.every((tag) => typeof tag === 'string')) {
    return invalid('tags', 't must be a list of strings', t);
  }
  return { kind: 'metric', name: m, value: v, epochSeconds: e, tags: t as string[] };
}

function invalid(field: 'name' | 'value' | 'timestamp' | 'tags', rule: string, seen: unknown): MetricLine {
  const shown = stringifyJson(seen) ?? String(seen);
  return {
    kind: 'invalid',
    reason: `invalid_metric_${field}`,
    detail: `${rule}, got ${shown.length > 80 ? `${shown.slice(0, 80)}...` : shown}`,
  };
}
