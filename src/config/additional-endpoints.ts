// Dual shipping: extra destinations for logs, metrics and traces, in the Datadog Lambda extension's formats
// (https://docs.datadoghq.com/serverless/configuration/#send-telemetry-to-multiple-datadog-organizations):
//   DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS  [{"api_key": "...", "Host": "...", "Port": 443, "is_reliable": true}]
//   DD_ADDITIONAL_ENDPOINTS              {"https://app.datadoghq.com": ["key2", "key3"]}          (metrics)
//   DD_APM_ADDITIONAL_ENDPOINTS          {"https://trace.agent.datadoghq.com": ["key2"]}          (traces)
// Their *_SECRET_ARN / *_KMS_ENCRYPTED forms are resolved into the plain variables before this runs (deps.ts).
// The values carry API keys: no problem message ever quotes them.
import { baseUrlProblem, hostProblem } from './base-url.js';
import type { EnvReader } from './env-reader.js';

export interface AdditionalEndpoint {
  /** Scheme, host and port, without a path: the intake's own path is appended. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** false: best effort; what it does not accept is neither stored nor fails the invocation. */
  readonly reliable: boolean;
}

export interface AdditionalEndpointsConfig {
  readonly logs: readonly AdditionalEndpoint[];
  readonly metrics: readonly AdditionalEndpoint[];
  readonly traces: readonly AdditionalEndpoint[];
}

export function readAdditionalEndpoints(env: EnvReader): AdditionalEndpointsConfig {
  // DD_NO_SSL is validated (and reported) by intake.ts; read quietly here so a bad value is reported once.
  const noSsl = env.raw('DD_NO_SSL')?.trim().toLowerCase() === 'true';
  return {
    logs: parseOr(env, 'DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS', (v) => parseLogsEndpoints(v, noSsl)),
    metrics: parseOr(env, 'DD_ADDITIONAL_ENDPOINTS', parseUrlKeyMap),
    traces: parseOr(env, 'DD_APM_ADDITIONAL_ENDPOINTS', parseUrlKeyMap),
  };
}

function parseOr(
  env: EnvReader,
  name: string,
  parse: (value: unknown) => AdditionalEndpoint[],
): readonly AdditionalEndpoint[] {
  const text = env.raw(name);
  if (text === undefined) return [];
  try {
    return parse(JSON.parse(text));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'it is not valid JSON' : (error as Error).message;
    env.problem(`${name} is invalid: ${why}. See docs/configuration.md for its format.`);
    return [];
  }
}

/** `[{api_key, Host, Port, is_reliable}]`; Host may also be a full http(s):// URL. */
export function parseLogsEndpoints(value: unknown, noSsl = false): AdditionalEndpoint[] {
  if (!Array.isArray(value)) throw new Error('expected a JSON array of {api_key, Host, Port, is_reliable}');
  return value.map((entry: unknown, index) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const where = `entry ${index + 1}`;
    if (typeof e.api_key !== 'string' || e.api_key.trim() === '') throw new Error(`${where} has no api_key`);
    if (typeof e.Host !== 'string' || e.Host.trim() === '') throw new Error(`${where} has no Host`);
    const port = e.Port === undefined ? 443 : Number(e.Port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${where} has an invalid Port`);
    if (e.is_reliable !== undefined && typeof e.is_reliable !== 'boolean') {
      throw new Error(`${where}: is_reliable must be true or false`);
    }
    const useSsl = typeof e.use_ssl === 'boolean' ? e.use_ssl : !noSsl;
    const host = e.Host.trim();
    const withScheme = /^https?:\/\//i.test(host);
    const problem = withScheme ? undefined : hostProblem(host);
    if (problem !== undefined) throw new Error(`${where}: Host ${problem.replace(/\.$/, '')}`);
    const baseUrl = withScheme ? checkedUrl(host, where) : `${useSsl ? 'https' : 'http'}://${host}:${port}`;
    return { baseUrl, apiKey: e.api_key.trim(), reliable: e.is_reliable ?? true };
  });
}

/** `{"<url>": ["<api key>", ...]}`: one destination per key, all reliable (as the Datadog agent treats them). */
export function parseUrlKeyMap(value: unknown): AdditionalEndpoint[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('expected a JSON object mapping each URL to a list of API keys');
  }
  const endpoints: AdditionalEndpoint[] = [];
  for (const [url, keys] of Object.entries(value)) {
    const baseUrl = checkedUrl(url, 'a key of the object');
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || k.trim() === '')) {
      throw new Error(`the value for ${baseUrl} must be a list of API keys`);
    }
    for (const key of keys as string[]) endpoints.push({ baseUrl, apiKey: key.trim(), reliable: true });
  }
  return endpoints;
}

/** An intake base URL; `where` names it in the error, which never quotes a URL that carries credentials. */
function checkedUrl(text: string, where: string): string {
  const problem = baseUrlProblem(text);
  if (problem !== undefined) throw new Error(`${where} ${problem.replace(/\.$/, '')}`);
  const url = new URL(text);
  return `${url.protocol}//${url.host}`;
}
