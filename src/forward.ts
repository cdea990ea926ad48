// The whole pipeline on one screen:
//   event ─► sources (decode) ─► parse/enrich (origin once, then each log) ─► transform (filter, serialize,
//   scrub) ─► sinks (batch, compress, send, retry) ─► one summary.
import type { Deps } from './deps.js';
import { describeOrigin, type OriginSettings } from './enrich/origin.js';
import { toRecord } from './enrich/record.js';
import { forwarderIdentity } from './parse/forwarder-identity.js';
import { Delivery, retryRequest } from './sinks/delivery.js';
import { logsEndpoint } from './sinks/logs-intake.js';
import { readEvent } from './sources/index.js';
import { summarize, type InvocationSummary } from './summary.js';
import { Tally } from './tally.js';
import { filterVerdict } from './transform/filter.js';
import { scrub } from './transform/scrub.js';
import { serialize } from './transform/serialize.js';
import type { InvocationContext, LogRecord, SerializedLog } from './types.js';

export async function forward(event: unknown, context: InvocationContext, deps: Deps): Promise<InvocationSummary> {
  const tally = new Tally();
  const settings: OriginSettings = { logs: deps.config.logs, identity: forwarderIdentity(context) };
  const delivery = new Delivery(deps, context, sinkRuntime(deps, context));
  const logs = delivery.sink(logsEndpoint(deps.config, deps.apiKey), deps.config.additionalEndpoints.logs);
  const retry = retryRequest(event);
  for await (const chunk of retry === 'only' ? [] : readEvent(event, { tally })) {
    const origin = describeOrigin(chunk.origin, settings);
    for (const raw of chunk.logs) {
      const log = prepareLog(toRecord(origin, raw), deps, tally);
      if (log) await logs.add({ json: log, itemId: chunk.origin.itemId });
    }
  }
  const reports = await logs.flush();
  return summarize(tally, reports, retry ? await delivery.replay() : undefined);
}

/** Filter, serialize and scrub one log; undefined (and counted) when it is not to be forwarded. */
function prepareLog(record: LogRecord, deps: Deps, tally: Tally): string | undefined {
  const { logs } = deps.config;
  if (!logs.forwardLogs) return void tally.drop('forward_log_disabled');
  let serialized: ReturnType<typeof serialize> | undefined;
  const verdict = filterVerdict(logs, record.message, () => (serialized ??= serialize(record)).json);
  if (verdict !== 'keep') return void tally.drop(verdict);
  serialized ??= serialize(record);
  if (serialized.truncated) tally.truncated++;
  return logs.scrubbingRules.length > 0 ? scrub(serialized.json, logs.scrubbingRules) : serialized.json;
}

/** Sending stops early enough to leave time to store what is unsent and report before Lambda's timeout. */
function sinkRuntime(deps: Deps, context: InvocationContext) {
  const remainingMs = context.getRemainingTimeInMillis();
  const reserveMs = Math.min(5_000, Math.max(500, remainingMs * 0.1));
  return {
    http: deps.http,
    clock: deps.clock,
    retry: deps.retry,
    deadlineMs: deps.clock.now() + remainingMs - reserveMs,
    requestTimeoutMs: deps.requestTimeoutMs ?? deps.config.intake.requestTimeoutMs,
    maxInFlight: deps.config.intake.maxWorkers,
    logger: deps.logger,
  };
}

export type { SerializedLog };
