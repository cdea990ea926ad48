// Routing rules (docs/routing.md): where the rule file is and how often it is read again. The file itself is read
// and validated when the clients are built (src/deps.ts, src/cache/routing-rules.ts), not here: reading it is I/O.
import type { EnvReader } from './env-reader.js';

/** `s3://bucket/key`, or a file path (relative paths are read from the deployment package's root). */
export type RulesLocation =
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string; readonly text: string }
  | { readonly kind: 'file'; readonly path: string; readonly text: string };

export interface RoutingConfig {
  /** `FORWARDER_ROUTING_RULES`; none means no rules: every log is routed as without this feature. */
  readonly rulesLocation?: RulesLocation;
  /** How long read rules are used before the file is read again; 0 reads it only at start. */
  readonly rulesTtlSeconds: number;
}

export function readRouting(env: EnvReader): RoutingConfig {
  return {
    rulesLocation: rulesLocation(env),
    rulesTtlSeconds: env.int('FORWARDER_ROUTING_RULES_TTL_SECONDS', 300, { min: 0, max: 7 * 24 * 3600 }),
  };
}

function rulesLocation(env: EnvReader): RulesLocation | undefined {
  const text = env.optionalString('FORWARDER_ROUTING_RULES');
  if (text === undefined) return undefined;
  if (!text.startsWith('s3://')) return { kind: 'file', path: text, text };
  const [bucket = '', ...key] = text.slice('s3://'.length).split('/');
  if (bucket === '' || key.join('/') === '') {
    env.problem(`FORWARDER_ROUTING_RULES must be s3://<bucket>/<key> or a file path, got ${JSON.stringify(text)}.`);
    return undefined;
  }
  return { kind: 's3', bucket, key: key.join('/'), text };
}
