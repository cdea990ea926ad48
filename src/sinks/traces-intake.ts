// The trace intake: POST <DD_TRACE_INTAKE_URL or https://trace.agent.<site>>/api/v0.2/traces, a protobuf
// TracePayload per env (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/trace-connection.go, 5.4.11), with the headers the Datadog
// Forwarder's Go trace forwarder sends
// (`Content-Type: application/x-protobuf`, `Content-Encoding: identity`, `DD-API-KEY`). A payload holds one env,
// so each env has its own batch. Traces are encoded one by one as they arrive, so a batch's size is known and a
// payload too large for one request is cut between traces. 3.2 MB is the Datadog Agent's own limit for a
// payload to this intake (its trace writer's `maxPayloadSize`); a 413 halves the batch, as for every intake.
import type { Config } from '../config/index.js';
import { encodeTraceField, encodeTracePayloadHeader } from '../signals/traces/protobuf.js';
import type { TracePayload } from '../signals/traces/span.js';
import type { SendReport } from '../types.js';
import { FORWARDER_VERSION } from '../version.js';
import type { IntakeEndpoint } from './intake-sink.js';
import { emptyReport } from '../summary.js';

const TRACES_MAX_BATCH_BYTES = 3_200_000;
const TRACES_MAX_ITEMS = 10_000;
/** One APITrace, already encoded as a TracePayload `traces` field, and the trigger item it came from. */
export interface EncodedTrace {
  readonly bytes: Buffer;
  readonly itemId?: string;
}

export function tracesEndpoint(
  config: Config,
  apiKey: string,
  env: string,
  maxBatchBytes = TRACES_MAX_BATCH_BYTES,
): IntakeEndpoint<EncodedTrace> {
  return {
    name: 'traces',
    url: `${config.traces.intakeUrl}/api/v0.2/traces`,
    headers: {
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'identity',
      'DD-API-KEY': apiKey,
      'User-Agent': `forwarder/${FORWARDER_VERSION}`,
    },
    compressionLevel: 0,
    maxItems: TRACES_MAX_ITEMS,
    maxBatchBytes,
    frame: { open: encodeTracePayloadHeader('', env), separator: Buffer.alloc(0), close: Buffer.alloc(0) },
    storesOpen: true,
    bytesOf: (item) => item.bytes,
    itemIdOf: (item) => item.itemId,
    storedAs: 'base64',
  };
}

type Report = SendReport & { stored: number };

export interface TraceSink {
  add(item: EncodedTrace): Promise<void> | undefined;
  flush(): Promise<(SendReport & { stored: number })[]>;
}

/** One sink per env, created on first use; flushed together. */
export class TraceSinks {
  private readonly sinks = new Map<string, TraceSink>();

  constructor(
    private readonly endpointFor: (env: string) => IntakeEndpoint<EncodedTrace>,
    /** Builds the sink for an endpoint: its destinations, retries and failed-event storage (failed-events/delivery.ts). */
    private readonly sinkFor: (endpoint: IntakeEndpoint<EncodedTrace>) => TraceSink,
  ) {}

  async add(payload: TracePayload, itemId?: string): Promise<void> {
    let sink = this.sinks.get(payload.env);
    if (sink === undefined) {
      sink = this.sinkFor(this.endpointFor(payload.env));
      this.sinks.set(payload.env, sink);
    }
    for (const trace of payload.traces) await sink.add({ bytes: encodeTraceField(trace), itemId });
  }

  /** One report per destination, every env together (the summary lists intakes by name). */
  async flush(): Promise<Report[]> {
    const reports = await Promise.all([...this.sinks.values()].map((sink) => sink.flush()));
    return mergeByDestination(reports.flat());
  }
}

/** Reports of the same destination (one per env) merged into one, so the summary lists each destination once. */
function mergeByDestination(reports: readonly Report[]): Report[] {
  const merged = new Map<string, Report>();
  for (const r of reports) {
    const total = merged.get(r.intake) ?? emptyReport(r.intake);
    const dropped = { ...total.dropped };
    for (const [reason, n] of Object.entries(r.dropped)) dropped[reason] = (dropped[reason] ?? 0) + n;
    merged.set(r.intake, {
      ...total,
      items: total.items + r.items,
      delivered: total.delivered + r.delivered,
      requests: total.requests + r.requests,
      bytesSent: total.bytesSent + r.bytesSent,
      retries: total.retries + r.retries,
      failed: total.failed + r.failed,
      stored: total.stored + r.stored,
      dropped,
      failedItemIds: [...total.failedItemIds, ...r.failedItemIds],
      lastError: total.lastError ?? r.lastError,
    });
  }
  return [...merged.values()];
}
