// Metrics: where they go and which are made (datadog-serverless-functions
// aws/logs_monitoring/enhanced_lambda_metrics.py and steps/splitting.py, 5.4.11). Metrics go to
// `<DD_API_URL>/api/v1/distribution_points`,
// as the Datadog Forwarder sends them (https://docs.datadoghq.com/api/latest/metrics/); DD_API_URL defaults to
// `https://api.<DD_SITE>` (`http://` with DD_NO_SSL), as in that forwarder.
import type { EnvReader } from './env-reader.js';
import { LEGACY_PRIVATE_LINK, usesLegacyPrivateLink } from './legacy-network.js';

export interface MetricsConfig {
  /** Base URL of the metrics API (scheme, host, port), without the path. */
  readonly apiUrl: string;
  /** `DD_FORWARD_METRICS`: metric lines `{"m","v","e","t"}` become metric points. */
  readonly forwardMetrics: boolean;
  /** `FORWARDER_ENHANCED_METRICS`: `aws.lambda.enhanced.*` from Lambda platform lines. */
  readonly enhancedMetrics: boolean;
  /** `FORWARDER_TELEMETRY`: the forwarder's own `aws.dd_forwarder.*` counters. */
  readonly telemetry: boolean;
  /** `FORWARDER_ARM64_FUNCTIONS`: function names (with `*` wildcards) priced as arm64; undefined when none. */
  readonly arm64Functions?: RegExp;
}

export function readMetrics(env: EnvReader): MetricsConfig {
  const site = env.string('DD_SITE', 'datadoghq.com');
  // DD_NO_SSL is validated (and any problem reported) where the intake settings are read; not twice.
  const scheme = env.raw('DD_NO_SSL')?.trim().toLowerCase() === 'true' ? 'http' : 'https';
  return {
    apiUrl: usesLegacyPrivateLink(env)
      ? LEGACY_PRIVATE_LINK.apiUrl
      : (env.baseUrl('DD_API_URL') ?? `${scheme}://api.${site}`),
    forwardMetrics: env.bool('DD_FORWARD_METRICS', true),
    enhancedMetrics: readEnhancedMetrics(env),
    telemetry: env.bool('FORWARDER_TELEMETRY', true),
    arm64Functions: functionPatterns(env, 'FORWARDER_ARM64_FUNCTIONS'),
  };
}

/**
 * The enhanced metrics derived from the forwarded functions' logs. The Datadog Forwarder sends them whatever
 * DD_ENHANCED_METRICS says (datadog-serverless-functions aws/logs_monitoring/enhanced_lambda_metrics.py, 5.4.11:
 * they are on whenever datadog_lambda imports): that variable is read by the datadog_lambda library, for the
 * forwarder function's own aws.lambda.enhanced.invocations and errors (datadog_lambda/metric.py,
 * submit_enhanced_metric), which Forwarder does not produce; its template defaults it to false. So
 * DD_ENHANCED_METRICS keeps that meaning here (checked, no effect), and FORWARDER_ENHANCED_METRICS switches the
 * metrics derived from logs: a Datadog stack updated in place, DdEnhancedMetrics=false included, keeps them.
 */
function readEnhancedMetrics(env: EnvReader): boolean {
  env.bool('DD_ENHANCED_METRICS', true);
  return env.bool('FORWARDER_ENHANCED_METRICS', true);
}

const FUNCTION_PATTERN = /^[A-Za-z0-9_.*-]+$/;

/** A comma-separated list of function names, `*` matching any run of characters, as one case-insensitive RegExp. */
function functionPatterns(env: EnvReader, name: string): RegExp | undefined {
  const entries = (env.raw(name) ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return undefined;
  const bad = entries.filter((e) => !FUNCTION_PATTERN.test(e));
  if (bad.length > 0) {
    env.problem(
      `${name} must list function names (letters, digits, -, _, . and * as a wildcard), separated by commas; ` +
        `not ${bad.map((b) => JSON.stringify(b)).join(', ')}.`,
    );
    return undefined;
  }
  const alternatives = entries.map((e) => e.replace(/\./g, '\\.').replace(/\*/g, '.*'));
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
}
