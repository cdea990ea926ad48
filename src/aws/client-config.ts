// Options shared by the AWS SDK clients deps.ts builds (no SDK import here, so it costs nothing at cold start),
// and the deadline every call of theirs is held to.
import type { DeadlinePhase, InvocationDeadline } from '../deadline.js';

/** Settings merged into every AWS SDK client (tests: region, credentials, retries, path-style S3). */
export interface AwsClientSettings {
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts?: number;
  readonly s3ForcePathStyle?: boolean;
}

/**
 * Short timeouts: AWS calls run inside an invocation's deadline. `requestTimeout` only logs a warning in
 * @smithy/node-http-handler unless `throwOnRequestTimeout` is set; the deadline itself is held by the abort
 * signal each call carries (`boundedBy`).
 */
export const REQUEST_HANDLER = { connectionTimeout: 5_000, requestTimeout: 5_000, throwOnRequestTimeout: true };

export function awsConfig(settings: AwsClientSettings | undefined, maxAttempts: number) {
  return {
    maxAttempts: settings?.maxAttempts ?? maxAttempts,
    requestHandler: REQUEST_HANDLER,
    ...(settings?.region ? { region: settings.region } : {}),
    ...(settings?.credentials ? { credentials: settings.credentials } : {}),
  };
}

/** The Datadog Forwarder gives secret lookups 5 s timeouts and 2 attempts, so a bad network fails start-up fast. */
export function secretStoreConfig(settings: AwsClientSettings | undefined) {
  return awsConfig(settings, 2);
}

/** A value built on first use only, by an asynchronous (dynamically imported) builder; concurrent uses share it. */
export function lazily<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= build().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

interface Sends {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * Makes every call of `client` carry an abort signal for the current invocation's deadline (`phase`), so that
 * an endpoint that accepts the connection and never answers, or trickles its answer, cannot hold the call past
 * it. The clients are built once per container; the signal is taken at each call, for the invocation under way.
 * Paginators and the commands of the ports call `send`, so all of them are held to it.
 */
export function boundedBy<C extends Sends>(client: C, deadline: InvocationDeadline, phase: DeadlinePhase): C {
  const send = client.send.bind(client) as (
    command: never,
    options?: { abortSignal?: AbortSignal },
  ) => Promise<unknown>;
  client.send = ((command: never, options?: { abortSignal?: AbortSignal }) => {
    const abortSignal = deadline.signal(phase);
    return send(command, abortSignal === undefined ? options : { abortSignal, ...options });
  }) as C['send'];
  return client;
}
