// The DecisionLog port: what the pipeline decided about each log, and what decided it, told by the stages that
// decide (source detection, filter, scrubbing, routing, serialization) as they decide it. `forwarder explain`
// passes one (src/cli/explain-report.ts); in Lambda there is none, and every call is written `decisions?.x(...)`,
// so that with none its arguments are not even built: off, it costs one property read per hook.
import type { Origin, RawLog, SourceOrigin } from './types.js';

/** What set an origin's attribute: a DD_* variable, a detection rule, the trigger's kind, a routing rule, a tag. */
export interface SetBy {
  readonly kind: 'setting' | 'detection_rule' | 'trigger' | 'routing_rule' | 'resource_tag' | 'default';
  /** Which one, in words: `DD_SOURCE`, `v5 CloudWatch rule 2 (log groups like /aws/lambda/my-function)`. */
  readonly detail: string;
}

export const SET_BY_DD_SOURCE: SetBy = { kind: 'setting', detail: 'DD_SOURCE' };

/** A decision about an origin, shared by every log of it; the last one recorded for a field is the one that held. */
export interface OriginDecision {
  readonly field: 'ddsource' | 'service' | 'host';
  readonly value: string;
  readonly by: SetBy;
}

/** A decision about the log being processed (between `begin` and `end`). */
export type LogDecision =
  | {
      readonly stage: 'filter';
      readonly verdict: 'keep' | 'filtered_include' | 'filtered_exclude';
      /** The setting and pattern that decided it, or why there was nothing to decide. */
      readonly by: string;
    }
  /** A redactor that fired, and how many times: never what it matched. */
  | { readonly stage: 'redaction'; readonly redactor: string; readonly hits: number }
  /** Metric points read from the log; `consumed` when the log was a metric line and is not forwarded as a log. */
  | { readonly stage: 'metrics'; readonly points: readonly MetricPointSeen[]; readonly consumed: boolean }
  /** The log was a trace payload, sent to the trace intake (or dropped when traces are off) and not as a log. */
  | { readonly stage: 'trace' }
  /** The log as the logs intake receives it. */
  | { readonly stage: 'serialized'; readonly json: string };

/** What a decision log sees of a metric point (signals/metrics/metric-point.ts has the whole of it). */
interface MetricPointSeen {
  readonly metric: string;
  readonly value: number;
  readonly tags: readonly string[];
}

export interface DecisionLog {
  /** Called while an origin is described, before its logs are processed; keyed by the source's origin. */
  origin(source: SourceOrigin, decision: OriginDecision): void;
  /** A log of that (described) origin enters the per-log stages: the decisions until `end` are its own. */
  begin(raw: RawLog, origin: Origin): void;
  decide(decision: LogDecision): void;
  end(): void;
}
