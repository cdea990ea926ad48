// The traces branch of routing (datadog-serverless-functions aws/logs_monitoring/steps/splitting.py, 5.4.11): a log
// that is a trace payload is sent to the trace intake and
// not forwarded as a log; with DD_FORWARD_TRACES=false it is dropped (counted), as the Datadog Forwarder drops
// metric lines when metrics are switched off. A payload that looks like a trace but cannot be read is kept as a
// log and counted (`corrupt_trace_payload`), with a warning saying why, so no data is lost silently.
import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import { detectTracePayload } from '../signals/traces/parse-trace.js';
import type { TracePayload } from '../signals/traces/span.js';
import { traceFromLog } from '../signals/traces/trace-from-log.js';
import type { Tally } from '../tally.js';
import type { LogRecord } from '../types.js';

/** Where trace payloads go: the trace intake of their env, with its destinations (sinks/traces-intake.ts). */
export interface TraceSink {
  add(payload: TracePayload, itemId?: string): Promise<void>;
}

export class TraceRouter {
  constructor(
    private readonly config: Config['traces'],
    private readonly sink: TraceSink,
    private readonly logger: Logger,
  ) {}

  /**
   * True when the record was a trace payload and has been taken off the log stream; false, without a promise,
   * for a log that is none (nearly all of them).
   */
  route(record: LogRecord, tally: Tally, itemId?: string): false | Promise<boolean> {
    const outcome = this.config.forwardTraces ? traceFromLog(record, this.config) : detectTracePayload(record.view);
    if (outcome === undefined || outcome.kind === 'none') return false;
    if (outcome.kind === 'corrupt') {
      tally.keep('corrupt_trace_payload');
      this.logger.warn('Kept a corrupt trace payload as a log.', { reason: outcome.reason });
      return false;
    }
    // With traces switched off, only detection ran: the payload is recognised, not processed.
    if (!('payloads' in outcome)) {
      tally.drop('forward_traces_disabled');
      return Promise.resolve(true);
    }
    tally.drop('ignored_resource', outcome.ignoredTraces);
    return this.send(outcome.payloads, itemId);
  }

  private async send(payloads: readonly TracePayload[], itemId: string | undefined): Promise<boolean> {
    for (const payload of payloads) await this.sink.add(payload, itemId);
    return true;
  }
}
