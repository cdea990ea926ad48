// Options shared by the AWS SDK clients deps.ts builds (no SDK import here, so it costs nothing at cold start).

/** Settings merged into every AWS SDK client (tests: region, credentials, retries, path-style S3). */
export interface AwsClientSettings {
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts?: number;
  readonly s3ForcePathStyle?: boolean;
}

/** Short timeouts: AWS calls run inside an invocation's deadline. */
export function awsConfig(settings: AwsClientSettings | undefined, maxAttempts: number) {
  return {
    maxAttempts: settings?.maxAttempts ?? maxAttempts,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 5_000 },
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
