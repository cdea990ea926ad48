// Dual shipping: an intake's main endpoint plus its additional endpoints (DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS,
// DD_ADDITIONAL_ENDPOINTS, DD_APM_ADDITIONAL_ENDPOINTS). Every destination gets its own IntakeSink, so its own
// batches, retries and failure storage: one that is down neither holds back what the others accepted nor makes
// them receive anything twice. Generic over IntakeEndpoint, so it serves logs, metrics and traces alike.
import type { AdditionalEndpoint } from '../config/additional-endpoints.js';
import type { SendReport } from '../types.js';
import { IntakeSink, type IntakeEndpoint, type SinkRuntime } from './intake-sink.js';

export interface Destination<T> {
  /** `logs`, `metrics` or `traces`. */
  readonly intake: string;
  /** Unique per destination: the intake's name for the main one, `<intake>@<host:port>` for the others. */
  readonly name: string;
  readonly endpoint: IntakeEndpoint<T>;
  /** false: best effort (`is_reliable: false`); never stored, never fails the invocation. */
  readonly reliable: boolean;
}

export function destinationsFor<T>(
  main: IntakeEndpoint<T>,
  additional: readonly AdditionalEndpoint[],
): Destination<T>[] {
  const destinations: Destination<T>[] = [{ intake: main.name, name: main.name, endpoint: main, reliable: true }];
  for (const extra of additional) {
    const base = `${main.name}@${new URL(extra.baseUrl).host}`;
    const taken = destinations.filter((d) => d.name === base || d.name.startsWith(`${base}#`)).length;
    const name = taken === 0 ? base : `${base}#${taken + 1}`;
    destinations.push({
      intake: main.name,
      name,
      endpoint: redirect(main, name, extra),
      reliable: extra.reliable,
    });
  }
  return destinations;
}

/**
 * The main endpoint, sent to another host with another API key (same path, headers and limits). zstd becomes
 * gzip: an additional endpoint may be a proxy or an older intake that does not take zstd (the Datadog Agent
 * too falls back to gzip when logs have additional endpoints: datadog-agent comp/logs/agent/config).
 */
function redirect<T>(main: IntakeEndpoint<T>, name: string, extra: AdditionalEndpoint): IntakeEndpoint<T> {
  const url = new URL(main.url);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(main.headers)) {
    headers[key] = key.toLowerCase() === 'dd-api-key' ? extra.apiKey : value;
  }
  const contentEncoding = main.contentEncoding === 'zstd' ? 'gzip' : main.contentEncoding;
  return { ...main, name, url: `${extra.baseUrl}${url.pathname}${url.search}`, headers, contentEncoding };
}

/** Sends every item to every destination. */
export class FanoutSink<T> {
  private readonly sinks: IntakeSink<T>[];

  constructor(destinations: readonly Destination<T>[], runtimeFor: (destination: Destination<T>) => SinkRuntime) {
    this.sinks = destinations.map((d) => new IntakeSink(d.endpoint, runtimeFor(d)));
  }

  /** A promise only when a destination is dispatching a full batch (IntakeSink.add). */
  add(item: T): Promise<void> | undefined {
    if (this.sinks.length === 1) return this.sinks[0]!.add(item);
    const adding = this.sinks.map((sink) => sink.add(item)).filter((added) => added !== undefined);
    return adding.length === 0 ? undefined : Promise.all(adding).then(() => undefined);
  }

  /** One report per destination. */
  async flush(): Promise<(SendReport & { stored: number })[]> {
    return Promise.all(this.sinks.map((sink) => sink.flush()));
  }
}
