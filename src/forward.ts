// The whole pipeline on one screen, its stages in run order (docs/architecture.md; each stage is a folder):
//   event ─► sources (classify, decode, stream, join lines) ─► enrich (origin once, expansion, each log's record)
//   ─► signals, asked by route (a metric line, else a trace payload, else a log) ─► transform (filter, scrub,
//   serialize the logs) ─► sinks (batch, compress, send, retry, fan out) ─► failed-events (store what fails,
//   replay on {"retry": true}) ─► telemetry ─► one summary.
import type { DecisionLog } from './decisions.js';
import type { Deps } from './deps.js';
import { originDescriber } from './enrich/describe-origins.js';
import type { OriginSettings } from './enrich/origin.js';
import { OriginTagger, tagWaitMs } from './enrich/resource-tags.js';
import { toRecord } from './enrich/record.js';
import { withTraceContext } from './enrich/trace-context.js';
import { toEpochSeconds } from './signals/metrics/metric-point.js';
import { detectCloudWatchV3, detectCloudWatchV5 } from './parse/cloudwatch-detection.js';
import { forwarderIdentity } from './parse/forwarder-identity.js';
import { invokeAdditionalTargets } from './sinks/additional-lambdas.js';
import { Delivery } from './failed-events/delivery.js';
import { logsEndpoint } from './sinks/logs-intake.js';
import { metricsEndpoint } from './sinks/metrics-intake.js';
import { Router } from './route/router.js';
import { sendTelemetry } from './sinks/telemetry.js';
import { TraceSinks, tracesEndpoint } from './sinks/traces-intake.js';
import { readEvent } from './sources/index.js';
import type { Trigger } from './sources/trigger.js';
import { summarize, type InvocationSummary } from './summary.js';
import { Tally } from './tally.js';
import { filterDecidedBy, filterVerdict } from './transform/filter.js';
import { pythonRecordText } from './transform/python-record.js';
import { scrubberFor } from './transform/scrub.js';
import { serializeParts, type SerializedParts } from './transform/serialize.js';
import { expandLogs } from './enrich/expand-logs.js';
import { errorMessage } from './errors.js';
import type { LogsConfig } from './config/index.js';
import type { RoutingRule } from './routing/rules.js';
import type { InvocationContext, LogRecord, Origin, RawLog } from './types.js';

/** `tally` is the caller's when it wants the counts of an invocation that throws (for its summary line). */
export async function forward(
  trigger: Trigger,
  context: InvocationContext,
  deps: Deps,
  tally = new Tally(),
): Promise<InvocationSummary> {
  await invokeAdditionalTargets(deps.config.additionalTargetLambdas, trigger.event, deps.lambdaInvoker, deps.logger);
  const rules = await deps.routing?.current(context.getRemainingTimeInMillis(), tally);
  const settings = { ...originSettings(deps, context), rules };
  const out = openOutputs(deps, context, settings, trigger);
  const tagger = originTagger(deps, context, tally);
  const describe = originDescriber(settings, tagger);
  for await (const chunk of readEvent(trigger, sourceContext(deps, tally))) {
    const origin = await describe(chunk);
    const { itemId } = chunk.origin;
    for (const raw of expandLogs(origin, chunk.logs)) {
      deps.decisions?.begin(raw, origin);
      // One log's failure is that log's problem. A try costs nothing until something throws; the logs sink is
      // outside it, so a log is never added twice.
      let log: SerializedParts | undefined;
      try {
        const routed = out.router.route(toRecord(origin, raw), tally, itemId);
        const kept = routed instanceof Promise ? await routed : routed;
        if (kept) log = prepareLog(deps.config.traces.traceContext ? withTraceContext(kept) : kept, deps, tally);
      } catch (error) {
        log = asItCame(origin, raw, error, deps, tally);
      }
      // Most logs are added without a promise: one is returned only when a full batch is dispatched.
      const adding = log && out.logs.add({ json: log.head, tail: log.tail?.bytes, itemId });
      if (adding) await adding;
      deps.decisions?.end();
    }
  }
  const flushed = Promise.all([out.logs.flush(), out.metrics.flush(), out.traces.flush()]);
  const sent = (await Promise.all([flushed, tagger?.settle()]))[0].flat();
  const replay = trigger.replay ? await out.delivery.replay() : undefined;
  return summarize(tally, [...sent, ...(await out.telemetry(summarize(tally, sent)))], replay);
}

/** Where this invocation's logs, metrics and traces go: each intake with its additional destinations. */
function openOutputs(deps: Deps, context: InvocationContext, settings: OriginSettings, trigger: Trigger) {
  const runtime = sinkRuntime(deps, context);
  const delivery = new Delivery(deps, context, runtime);
  const { config, apiKey, logger } = deps;
  const extra = config.additionalEndpoints;
  const metrics = delivery.sink(metricsEndpoint(config, apiKey), extra.metrics);
  // Stored traces replay under the env they were stored with, through any of the trace intake's destinations.
  delivery.expect(tracesEndpoint(config, apiKey, ''), extra.traces);
  const endpointFor = (env: string) => tracesEndpoint(config, apiKey, env);
  const traces = new TraceSinks(endpointFor, (endpoint) => delivery.sink(endpoint, extra.traces));
  const telemetry = { identity: settings.identity, eventType: trigger.eventType };
  return {
    delivery,
    logs: delivery.sink(logsEndpoint(config, apiKey), extra.logs),
    metrics,
    traces,
    router: new Router(config, { metrics, traces }, logger, deps.decisions),
    telemetry: async (summary: InvocationSummary) => {
      if (!config.metrics.telemetry) return [];
      const at = { ...telemetry, timestampSeconds: toEpochSeconds(deps.clock.now()) };
      return sendTelemetry(summary, at, metricsEndpoint(config, apiKey, 'telemetry'), runtime, logger);
    },
  };
}

function originSettings(deps: Deps, context: InvocationContext): OriginSettings {
  const { logs } = deps.config;
  const detectCloudWatchSource = logs.detectSources ? detectCloudWatchV3 : detectCloudWatchV5;
  return { logs, identity: forwarderIdentity(context), detectCloudWatchSource, decisions: deps.decisions };
}

function sourceContext(deps: Deps, tally: Tally) {
  const { logs, sources } = deps.config;
  const { maxDecompressedBytes, ownLogGroup } = sources;
  return {
    tally,
    objects: deps.objects,
    logger: deps.logger,
    multilinePattern: logs.multilinePattern,
    maxDecompressedBytes,
    ownLogGroup,
  };
}

/** Filter, scrub and serialize one log; undefined (and counted) when it is not to be forwarded. */
function prepareLog(record: LogRecord, deps: Deps, tally: Tally): SerializedParts | undefined {
  const { logs } = deps.config;
  if (!logs.forwardLogs) return void tally.drop('forward_log_disabled');
  // The routing rule that matched the log's origin, if any: it may drop its logs, filter and redact them more.
  const rule = record.origin.routing?.match?.rule;
  if (rule?.drop) return void tally.drop('routing_drop');
  const verdict = filterLog(record, logs, rule, deps.decisions);
  if (verdict !== 'keep') return void tally.drop(verdict);
  const scrubber = scrubberFor(logs, rule);
  // Explained: this log's own counts, told to the decision log, then added to the invocation's.
  const hits = deps.decisions ? {} : tally.redacted;
  const serialized = serializeParts(scrubber ? scrubber.record(record, hits) : record);
  if (deps.decisions) tellRedactions(hits, deps.decisions, tally);
  if (serialized.truncated || record.raw.truncated) tally.truncated++;
  deps.decisions?.decide({ stage: 'serialized', json: serialized.head + (serialized.tail?.text ?? '') });
  return serialized;
}

/** INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH, then the routing rule's include / exclude for a log they kept. */
function filterLog(record: LogRecord, logs: LogsConfig, rule: RoutingRule | undefined, decisions?: DecisionLog) {
  const wholeLog = () => pythonRecordText(record);
  const verdict = filterVerdict(logs, record.message, wholeLog);
  if (verdict !== 'keep' || !rule?.filter) {
    decisions?.decide({ stage: 'filter', verdict, by: filterDecidedBy(logs, verdict) });
    return verdict;
  }
  const byRule = filterVerdict(rule.filter, record.message, wholeLog);
  const names = { include: `routing rule "${rule.name}" include`, exclude: `routing rule "${rule.name}" exclude` };
  decisions?.decide({ stage: 'filter', verdict: byRule, by: filterDecidedBy(rule.filter, byRule, names) });
  return byRule;
}

/** Each redactor that fired on one log, told to the decision log and added to the invocation's counts. */
function tellRedactions(hits: Record<string, number>, decisions: DecisionLog, tally: Tally): void {
  for (const [redactor, count] of Object.entries(hits)) {
    decisions.decide({ stage: 'redaction', redactor, hits: count });
    tally.redacted[redactor] = (tally.redacted[redactor] ?? 0) + count;
  }
}

/**
 * A log whose reading, enrichment, routing or serialization threw: forwarded as it came (its own message, no
 * JSON read out of it, still filtered and scrubbed), as the Datadog Forwarder forwards a line its steps fail on
 * (aws/logs_monitoring/steps/enrichment.py and splitting.py catch `Exception` and keep the log, 5.4.11).
 * Counted under `processing_error` in `kept`, or in `dropped` when even that fails; the first error of an
 * invocation of each class is logged, and every one is counted by class (`logErrors` in the summary).
 */
function asItCame(origin: Origin, raw: RawLog, error: unknown, deps: Deps, tally: Tally): SerializedParts | undefined {
  const { errorClass, first } = tally.logError(error);
  const fields = { errorClass, error: errorMessage(error).slice(0, 500) };
  if (first) deps.logger.warn('A log could not be processed; it is forwarded as it came.', fields);
  try {
    const log = prepareLog({ origin, raw, message: raw.message }, deps, tally);
    if (log !== undefined) tally.keep('processing_error');
    return log;
  } catch {
    tally.drop('processing_error');
    return undefined;
  }
}

/** Resource tags, when any are fetched: waited for at most a bounded share of the time left. */
function originTagger(deps: Deps, context: InvocationContext, tally: Tally): OriginTagger | undefined {
  if (!deps.tags) return undefined;
  const { enrichment } = deps.config;
  const waitMs = tagWaitMs(enrichment, context.getRemainingTimeInMillis());
  return new OriginTagger(deps.tags(context.invokedFunctionArn), enrichment, tally, waitMs);
}

/** Sending stops early enough to leave time to store what is unsent and report before Lambda's timeout. */
function sinkRuntime(deps: Deps, context: InvocationContext) {
  return {
    http: deps.http,
    clock: deps.clock,
    retry: deps.retry,
    deadlineMs: deps.deadline.of(context).sendByMs,
    requestTimeoutMs: deps.requestTimeoutMs ?? deps.config.intake.requestTimeoutMs,
    maxInFlight: deps.config.intake.maxWorkers,
    logger: deps.logger,
    refusedCodings: deps.refusedCodings,
  };
}
