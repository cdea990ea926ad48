// The traces branch of routing (datadog-serverless-functions aws/logs_monitoring/steps/splitting.py, 5.4.11): a log
// that is a trace payload is sent to the trace intake and
// not forwarded as a log; with DD_FORWARD_TRACES=false it is dropped (counted), as the Datadog Forwarder drops
// metric lines when metrics are switched off. A payload that looks like a trace but cannot be read is kept as a
// log and counted (`corrupt_trace_payload`), with a warning saying why, so no data is lost silently.
import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import type { IntakeEndpoint } from '../sinks/intake-sink.js';
import { TraceSinks, tracesEndpoint, type EncodedTrace, type TraceSink } from '../sinks/traces-intake.js';
import { detectTracePayload } from '../signals/traces/parse-trace.js';
import { traceFromLog } from '../signals/traces/trace-from-log.js';
import type { Tally } from '../tally.js';
import type { LogRecord } from '../types.js';

export class TraceRouter {
  private readonly sinks: TraceSinks;

  constructor(
    private readonly config: Config,
    apiKey: string,
    sinkFor: (endpoint: IntakeEndpoint<EncodedTrace>) => TraceSink,
    private readonly logger: Logger,
  ) {
    this.sinks = new TraceSinks((env) => tracesEndpoint(config, apiKey, env), sinkFor);
  }

  /** True when the record was a trace payload and has been taken off the log stream. */
  async route(record: LogRecord, tally: Tally, itemId?: string): Promise<boolean> {
    const { forwardTraces } = this.config.traces;
    const outcome = forwardTraces ? traceFromLog(record, this.config.traces) : detectTracePayload(record.message);
    if (outcome === undefined || outcome.kind === 'none') return false;
    if (outcome.kind === 'corrupt') {
      tally.keep('corrupt_trace_payload');
      this.logger.warn('Kept a corrupt trace payload as a log.', { reason: outcome.reason });
      return false;
    }
    // With traces switched off, only detection ran: the payload is recognised, not processed.
    if (!('payloads' in outcome)) {
      tally.drop('forward_traces_disabled');
      return true;
    }
    tally.drop('ignored_resource', outcome.ignoredTraces);
    for (const payload of outcome.payloads) await this.sinks.add(payload, itemId);
    return true;
  }

  flush(): ReturnType<TraceSinks['flush']> {
    return this.sinks.flush();
  }
}
