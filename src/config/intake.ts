// Where telemetry goes and how: site, intake URLs, TLS, compression, concurrency.
// Defaults follow the Datadog Forwarder (datadog-serverless-functions aws/logs_monitoring/settings.py, 5.4.11): logs at
// https://http-intake.logs.<site>:443/api/v2/logs.
import { baseUrlProblem, hostProblem } from './base-url.js';
import type { EnvReader } from './env-reader.js';
import { LEGACY_PRIVATE_LINK, legacyNetworkWarnings, usesLegacyPrivateLink } from './legacy-network.js';

type LogsCompression = 'zstd' | 'gzip';
const LOGS_COMPRESSIONS: readonly string[] = ['zstd', 'gzip'] satisfies LogsCompression[];

export interface IntakeConfig {
  readonly site: string;
  /** Base URL of the logs intake (scheme, host, port), without the path. */
  readonly logsUrl: string;
  readonly useCompression: boolean;
  /**
   * The logs intake's content coding when compression is on: zstd (level 1, as the Datadog Agent sends logs) or
   * gzip. Additional logs endpoints get gzip either way, and an intake that refuses zstd gets gzip
   * (sinks/compression.ts).
   */
  readonly logsCompression: LogsCompression;
  /** gzip (and the metrics intake's deflate) level; zstd does not use it. */
  readonly compressionLevel: number;
  readonly maxWorkers: number;
  readonly skipSslValidation: boolean;
  readonly requestTimeoutMs: number;
  /** Extra headers the Datadog Forwarder v5 sends to the logs intake (`DD-STORAGE-TAG`, step functions). */
  readonly logsHeaders: Readonly<Record<string, string>>;
  /** Start-up warnings about the intake settings (logged once per container). */
  readonly warnings: readonly string[];
}

export function readIntake(env: EnvReader): IntakeConfig {
  const warnings = legacyNetworkWarnings(env);
  const privateLink = usesLegacyPrivateLink(env);
  const site = privateLink ? LEGACY_PRIVATE_LINK.site : env.string('DD_SITE', 'datadoghq.com');
  const noSsl = env.bool('DD_NO_SSL', false);
  const scheme = noSsl ? 'http' : 'https';
  const host = env.string('DD_URL', `http-intake.logs.${site}`);
  const port = env.int('DD_PORT', 443, { min: 1, max: 65535 });
  const withScheme = /^https?:\/\//i.test(host);
  const problem = withScheme ? baseUrlProblem(host) : hostProblem(host);
  if (problem !== undefined) env.problem(`DD_URL ${problem}`);
  const configuredUrl = withScheme ? host.replace(/\/+$/, '') : `${scheme}://${host}:${port}`;
  const logsUrl = privateLink ? LEGACY_PRIVATE_LINK.logsUrl : configuredUrl;

  const storageTags = [
    env.bool('DD_ENRICH_S3_TAGS', true) ? 's3' : undefined,
    env.bool('DD_ENRICH_CLOUDWATCH_TAGS', true) ? 'cloudwatch' : undefined,
  ].filter((t): t is string => t !== undefined);
  const logsHeaders: Record<string, string> = {};
  if (storageTags.length > 0) logsHeaders['DD-STORAGE-TAG'] = storageTags.join(',');
  if (env.bool('DD_STEP_FUNCTIONS_TRACE_ENABLED', false)) logsHeaders['DD-STEP-FUNCTIONS-TRACE-ENABLED'] = 'true';

  return {
    site,
    logsUrl,
    useCompression: env.bool('DD_USE_COMPRESSION', true),
    logsCompression: readLogsCompression(env),
    compressionLevel: env.int('DD_COMPRESSION_LEVEL', 6, { min: 0, max: 9 }),
    maxWorkers: env.int('DD_MAX_WORKERS', 20, { min: 1, max: 256 }),
    skipSslValidation: env.bool('DD_SKIP_SSL_VALIDATION', false),
    requestTimeoutMs: env.int('FORWARDER_REQUEST_TIMEOUT_SECONDS', 10, { min: 1, max: 900 }) * 1000,
    logsHeaders,
    warnings,
  };
}

function readLogsCompression(env: EnvReader): LogsCompression {
  const value = env.string('FORWARDER_LOGS_COMPRESSION', 'zstd').toLowerCase();
  if (LOGS_COMPRESSIONS.includes(value)) return value as LogsCompression;
  env.problem(`FORWARDER_LOGS_COMPRESSION must be zstd or gzip, got ${JSON.stringify(value)}.`);
  return 'zstd';
}
