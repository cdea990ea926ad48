// Traces found in logs, and what is done to their spans (datadog-serverless-functions
// aws/logs_monitoring/steps/splitting.py and trace_forwarder/, 5.4.11; the seed documentation's
// DD_SERVICE_MAPPING, DD_APM_REPLACE_TAGS and "Ignoring Unwanted Resources in APM"), and logs linked to traces.
import type { EnvReader } from './env-reader.js';
import { LEGACY_PRIVATE_LINK, usesLegacyPrivateLink } from './legacy-network.js';

export interface ReplaceTagRule {
  /** `*` (every meta value and the resource), `resource.name`, or a meta key such as `function.request.headers.auth`. */
  readonly name: string;
  readonly pattern: RegExp;
  readonly repl: string;
}

export interface TracesConfig {
  readonly forwardTraces: boolean;
  /** Base URL of the trace intake, without the path. */
  readonly intakeUrl: string;
  /** `old:new` pairs: integration keys (`lambda_sqs`), specific names (queue, API id) or whole service names. */
  readonly serviceMapping: Readonly<Record<string, string>>;
  readonly replaceTags: readonly ReplaceTagRule[];
  /** A trace whose root span's resource matches one of these is not sent. */
  readonly ignoreResources: readonly RegExp[];
  /** `FORWARDER_TRACE_CONTEXT`: put `dd.trace_id`, `dd.span_id`, `lambda.request_id` on logs. */
  readonly traceContext: boolean;
}

export function readTraces(env: EnvReader): TracesConfig {
  // DD_SITE and DD_NO_SSL are validated (and any problem reported) by intake.ts; read here without reporting twice.
  const site = env.string('DD_SITE', 'datadoghq.com');
  const scheme = env.raw('DD_NO_SSL')?.trim().toLowerCase() === 'true' ? 'http' : 'https';
  return {
    forwardTraces: env.bool('DD_FORWARD_TRACES', true),
    intakeUrl: usesLegacyPrivateLink(env)
      ? LEGACY_PRIVATE_LINK.traceIntakeUrl
      : (env.baseUrl('DD_TRACE_INTAKE_URL') ?? `${scheme}://trace.agent.${site}`),
    serviceMapping: readServiceMapping(env),
    replaceTags: readReplaceTags(env),
    ignoreResources: readIgnoreResources(env),
    traceContext: env.bool('FORWARDER_TRACE_CONTEXT', true),
  };
}

function readServiceMapping(env: EnvReader): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of (env.raw('DD_SERVICE_MAPPING') ?? '').split(',')) {
    if (pair.trim() === '') continue;
    const [from, to, ...rest] = pair.split(':').map((part) => part.trim());
    if (!from || !to || rest.length > 0 || from === to) {
      env.problem(`DD_SERVICE_MAPPING entries must be old:new, got ${JSON.stringify(pair)}.`);
      continue;
    }
    mapping[from] = to;
  }
  return mapping;
}

function readReplaceTags(env: EnvReader): ReplaceTagRule[] {
  const raw = env.raw('DD_APM_REPLACE_TAGS');
  if (raw === undefined) return [];
  let rules: unknown;
  try {
    rules = JSON.parse(raw);
  } catch (error) {
    env.problem(`DD_APM_REPLACE_TAGS must be a JSON list of {name, pattern, repl}: ${(error as Error).message}.`);
    return [];
  }
  if (!Array.isArray(rules)) {
    env.problem('DD_APM_REPLACE_TAGS must be a JSON list of {name, pattern, repl}.');
    return [];
  }
  return rules.flatMap((rule: unknown, i): ReplaceTagRule[] => {
    const r = (rule ?? {}) as { name?: unknown; pattern?: unknown; repl?: unknown };
    if (typeof r.name !== 'string' || r.name === '' || typeof r.pattern !== 'string') {
      env.problem(`DD_APM_REPLACE_TAGS[${i}] needs a "name" and a "pattern" (strings).`);
      return [];
    }
    const pattern = goRegex(r.pattern, 'g');
    if (typeof pattern === 'string') {
      env.problem(`DD_APM_REPLACE_TAGS[${i}].pattern is not a valid regular expression: ${pattern}.`);
      return [];
    }
    return [{ name: r.name, pattern, repl: typeof r.repl === 'string' ? goReplacement(r.repl) : '' }];
  });
}

/**
 * `DD_APM_IGNORE_RESOURCES` as the Datadog Agent reads it: comma-separated regular expressions, each optionally
 * in double quotes (so that it may hold a comma).
 */
function readIgnoreResources(env: EnvReader): RegExp[] {
  const raw = env.raw('DD_APM_IGNORE_RESOURCES');
  if (raw === undefined) return [];
  const entries = raw.match(/"(?:[^"]|"")*"|[^,]+/g) ?? [];
  return entries.flatMap((entry) => {
    const trimmed = entry.trim();
    const source = trimmed.startsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : trimmed;
    if (source === '') return [];
    const pattern = goRegex(source, '');
    if (typeof pattern === 'string') {
      env.problem(`DD_APM_IGNORE_RESOURCES has an invalid regular expression ${JSON.stringify(source)}: ${pattern}.`);
      return [];
    }
    return [pattern];
  });
}

/**
 * The Agent's patterns are Go (RE2) regular expressions; leading inline flags such as `(?s)` or `(?i)`, which
 * JavaScript does not accept, become RegExp flags. Returns the error message when the pattern is invalid.
 */
function goRegex(source: string, flags: string): RegExp | string {
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  const extra = inline ? [...new Set(inline[1]!.replace('U', ''))].join('') : '';
  try {
    return new RegExp(inline ? source.slice(inline[0].length) : source, flags + extra);
  } catch (error) {
    return (error as Error).message;
  }
}

/** Go's `${1}` and `$name` expansions in a replacement, in JavaScript's `$1` and `$<name>` spelling. */
function goReplacement(repl: string): string {
  return repl.replace(/\$\{(\d+)\}/g, '$$$1').replace(/\$\{([A-Za-z_]\w*)\}/g, '$$<$1>');
}
