// What `forwarder explain` reports about one event, and the recorder that collects it from the real pipeline: a
// DecisionLog (src/decisions.ts) that files each stage's decisions under the log being processed, and a Tally
// that does the same with each drop (or files it under the event, when no log is being processed: a control
// message, an unreadable record). The report is the `--json` output: docs/explain.md documents its format.
import type { DecisionLog, LogDecision, OriginDecision, SetBy } from '../decisions.js';
import type { InvocationSummary } from '../summary.js';
import { routingSummary } from '../routing/rules.js';
import { Tally } from '../tally.js';
import type { Scrubber } from '../transform/scrub.js';
import type { DropReason, EventType, KeptReason, Origin, RawLog, SourceOrigin } from '../types.js';

export const EXPLAIN_FORMAT = 'forwarder-explain/1';

type RoutingSummary = NonNullable<ReturnType<typeof routingSummary>>;

/** One log, from its origin to what would be sent. */
export interface ExplainedRecord {
  readonly trigger: EventType;
  /** Where it came from: log group and stream, bucket and key, EventBridge source; the trigger item. */
  readonly origin: Readonly<Record<string, string>>;
  /** The log's own id (CloudWatch event id, S3 bucket/key/line), when it has one. */
  readonly id?: string;
  readonly ddsource: { readonly value: string; readonly setBy: SetBy };
  /** The routing rule that matched its origin and what routing set (src/routing/rules.ts), when routing applied. */
  readonly routing?: RoutingSummary;
  /** Absent when the log did not reach the filter (a metric line, a trace payload, DD_FORWARD_LOG=false). */
  filter?: { readonly verdict: string; readonly by: string };
  /** Each redactor that fired, with its hits summed over the log's values, in the order they first fired. */
  readonly redactions: { redactor: string; hits: number }[];
  /** What it became: a log, a metric (a metric line), a trace (a trace payload), or nothing (dropped). */
  became: 'log' | 'metric' | 'trace' | 'dropped';
  /** Metric points read from it (a metric line, or a Lambda REPORT line's enhanced metrics). */
  metrics?: { readonly metric: string; readonly value: number; readonly tags: readonly string[] }[];
  /** Drop reasons counted while it was processed. */
  readonly dropped: string[];
  /** Why it was forwarded as something else than it looked like (a corrupt trace payload, a processing error). */
  readonly kept: string[];
  /** The class of the error its processing threw, when it threw (it was then forwarded as it came). */
  error?: string;
  /** The log as the logs intake would receive it (the parsed JSON of the serialized record). */
  sent?: unknown;
}

export interface ExplainReport {
  readonly format: typeof EXPLAIN_FORMAT;
  /** The event file, as given. */
  readonly event: string;
  /** The kind of event, as classified once (src/sources/trigger.ts): `awslogs`, `s3`, `sns`, ..., `unsupported`. */
  readonly trigger: string;
  readonly records: readonly ExplainedRecord[];
  /** Drops counted outside any one log (a control message, a record that could not be decoded), by reason. */
  readonly eventDrops: Readonly<Record<string, number>>;
  /** The invocation's counts, and how many items each intake would have received. */
  readonly summary: {
    readonly received: number;
    readonly forwarded: number;
    readonly dropped: Readonly<Record<string, number>>;
    readonly converted: Readonly<Record<string, number>>;
    readonly intakes: Readonly<Record<string, number>>;
  };
  /** When the event could not be forwarded at all (an event of unknown shape): why. */
  readonly error?: string;
}

const UNDECIDED: SetBy = { kind: 'default', detail: 'no stage said' };

/** Collects an invocation's decisions; pass `decisions` in Deps and `tally` to forward(). */
export class ExplainRecorder implements DecisionLog {
  readonly records: ExplainedRecord[] = [];
  readonly eventDrops: Record<string, number> = {};
  readonly tally: Tally;
  private readonly origins = new Map<SourceOrigin, Map<OriginDecision['field'], OriginDecision>>();
  private current: ExplainedRecord | undefined;
  /**
   * What the configuration's scrubbing would make of a value: the origin and id explain prints beside the log are
   * redacted as the log's own copies of them are, so that no redacted value is shown (redactWith).
   */
  private redact: <T>(value: T) => T = (value) => value;

  constructor() {
    this.tally = new RecordingTally(this);
  }

  /** Redacts the origin and id it reports with the configuration's scrubber, once the configuration is read. */
  redactWith(scrubber: Scrubber | undefined): void {
    if (scrubber) this.redact = (value) => scrubber.value(value);
  }

  origin(source: SourceOrigin, decision: OriginDecision): void {
    let fields = this.origins.get(source);
    if (fields === undefined) this.origins.set(source, (fields = new Map()));
    fields.set(decision.field, decision);
  }

  begin(raw: RawLog, origin: Origin): void {
    const routing = routingSummary(origin.routing);
    this.current = {
      trigger: origin.source.eventType,
      origin: this.redact(originFacts(origin.source)),
      ...(raw.id !== undefined ? { id: this.redact(raw.id) } : {}),
      ddsource: { value: origin.ddsource, setBy: this.sourceSetBy(origin) },
      ...(routing !== undefined ? { routing } : {}),
      redactions: [],
      became: 'dropped',
      dropped: [],
      kept: [],
    };
    this.records.push(this.current);
  }

  /** A routing rule or tag, when routing set it; else what the origin's description said, if it still holds. */
  private sourceSetBy(origin: Origin): SetBy {
    const routed = origin.routing?.setBy.ddsource;
    if (routed?.by === 'rule') {
      const on = origin.routing?.match?.matchedOn ?? [];
      const matched = on.length > 0 ? `, matched on ${on.join(', ')}` : ', which matches everything';
      return { kind: 'routing_rule', detail: `rules[${routed.index}] "${routed.name}"${matched}` };
    }
    if (routed?.by === 'tag')
      return { kind: 'resource_tag', detail: `the tag ${routed.tag} of the ${routed.resource}` };
    const decided = this.origins.get(origin.source)?.get('ddsource');
    return decided?.value === origin.ddsource ? decided.by : UNDECIDED;
  }

  decide(decision: LogDecision): void {
    const record = this.current;
    if (record === undefined) return;
    switch (decision.stage) {
      case 'filter':
        record.filter = { verdict: decision.verdict, by: decision.by };
        return;
      case 'redaction': {
        const seen = record.redactions.find((r) => r.redactor === decision.redactor);
        if (seen) seen.hits += decision.hits;
        else record.redactions.push({ redactor: decision.redactor, hits: decision.hits });
        return;
      }
      case 'metrics':
        record.metrics = decision.points.map(({ metric, value, tags }) => ({ metric, value, tags }));
        // A metric line that gave no point (invalid, or DD_FORWARD_METRICS=false) was dropped.
        if (decision.consumed && decision.points.length > 0) record.became = 'metric';
        return;
      case 'trace':
        record.became = 'trace';
        return;
      case 'serialized':
        record.became = 'log';
        record.sent = JSON.parse(decision.json) as unknown;
    }
  }

  end(): void {
    // A trace payload with DD_FORWARD_TRACES=false is recognised, and dropped.
    if (this.current?.became === 'trace' && this.current.dropped.includes('forward_traces_disabled')) {
      this.current.became = 'dropped';
    }
    this.current = undefined;
  }

  report(event: string, trigger: string, summary: InvocationSummary | undefined, error?: string): ExplainReport {
    const intakes = Object.fromEntries(Object.entries(summary?.intakes ?? {}).map(([name, r]) => [name, r.items]));
    return {
      format: EXPLAIN_FORMAT,
      event,
      trigger,
      records: this.records.map(inFormatOrder),
      eventDrops: this.eventDrops,
      summary: {
        received: summary?.received ?? this.tally.receivedLogs,
        forwarded: summary?.forwarded ?? 0,
        dropped: summary?.dropped ?? { ...this.tally.dropped },
        converted: summary?.converted ?? { ...this.tally.converted },
        intakes,
      },
      ...(error !== undefined ? { error } : {}),
    };
  }

  /** A drop while a log is processed is that log's; any other is the event's. */
  dropped(reason: string, count: number): void {
    if (this.current) for (let i = 0; i < count; i++) this.current.dropped.push(reason);
    else this.eventDrops[reason] = (this.eventDrops[reason] ?? 0) + count;
  }

  kept(reason: string): void {
    this.current?.kept.push(reason);
  }

  failed(errorClass: string): void {
    if (this.current) this.current.error = errorClass;
  }
}

/** The Tally forward() counts with, telling the recorder of each drop, keep and error as it is counted. */
class RecordingTally extends Tally {
  constructor(private readonly recorder: ExplainRecorder) {
    super();
  }

  override drop(reason: DropReason, count = 1): void {
    super.drop(reason, count);
    if (count > 0) this.recorder.dropped(reason, count);
  }

  override keep(reason: KeptReason): void {
    super.keep(reason);
    this.recorder.kept(reason);
  }

  override logError(error: unknown): { errorClass: string; first: boolean } {
    const counted = super.logError(error);
    this.recorder.failed(counted.errorClass);
    return counted;
  }
}

/** The record's fields in the documented order, whatever order the stages decided them in. */
function inFormatOrder(record: ExplainedRecord): ExplainedRecord {
  const { trigger, origin, id, ddsource, routing, filter, redactions, metrics, became, dropped, kept, error, sent } =
    record;
  const optional = { id, routing, filter, metrics, error, sent };
  const present = (key: keyof typeof optional) => (optional[key] !== undefined ? { [key]: optional[key] } : {});
  return {
    trigger,
    origin,
    ...present('id'),
    ddsource,
    ...present('routing'),
    ...present('filter'),
    redactions,
    ...present('metrics'),
    became,
    dropped,
    kept,
    ...present('error'),
    ...present('sent'),
  };
}

function originFacts(source: SourceOrigin): Record<string, string> {
  const facts: Record<string, string> = {};
  if (source.awslogs) Object.assign(facts, source.awslogs);
  if (source.s3) Object.assign(facts, source.s3);
  if (source.eventSource !== undefined) facts.eventSource = source.eventSource;
  if (source.itemId !== undefined) facts.itemId = source.itemId;
  return facts;
}
