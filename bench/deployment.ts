// The environment a default deployment of template.yaml gives the forwarder, so that the bench measures what
// users run: every variable the template sets on the Forwarder function, at its parameter's default
// (FORWARDER_TELEMETRY and FORWARDER_TRACE_CONTEXT on, DD_LOG_LEVEL WARN, DD_FETCH_LAMBDA_TAGS on,
// DD_ENHANCED_METRICS off, ...), read from the template itself so the bench
// follows it. Then only what a machine without AWS needs: the intakes, Secrets Manager and the tagging API on
// 127.0.0.1, and the variables Lambda's runtime sets. Variables set by a condition (`!If`) are the ones a
// default deployment leaves to resources this bench has not got: the S3 bucket of caches and failed events (tags
// are cached in memory only, and failed-event storage, which acts only when an intake fails and the bench's never
// does, is off), and the API key, which the caller chooses.
import { readFileSync } from 'node:fs';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';

export type Env = Record<string, string>;

/** The API key the bench's intakes see; not a real key. */
export const BENCH_API_KEY = 'abcdefghijklmnopqrstuvwxyz012345';
export const BENCH_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-dd-api-key-AbCdEf';
export const BENCH_REGION = 'us-east-1';

/** The Forwarder function's variables in a default deployment: `!Ref Parameter` resolved to its default. */
export function templateDefaults(templatePath: string): Env {
  const template = parse(readFileSync(templatePath, 'utf8'), {
    customTags: cloudFormationTags(),
    schema: 'yaml-1.1',
  }) as {
    Parameters: Record<string, { Default?: unknown }>;
    Resources: { Forwarder: { Properties: { Environment: { Variables: Record<string, unknown> } } } };
  };
  const env: Env = {};
  for (const [name, value] of Object.entries(template.Resources.Forwarder.Properties.Environment.Variables)) {
    if (typeof value === 'string') env[name] = value;
    const ref = (value as { Ref?: string } | null)?.Ref;
    if (ref !== undefined) env[name] = String(template.Parameters[ref]?.Default ?? '');
  }
  return env;
}

export interface Endpoints {
  /** The capture intake: logs, metrics and traces. */
  readonly intakeUrl: string;
  /** The loopback AWS JSON server: Secrets Manager and the Resource Groups Tagging API. */
  readonly awsUrl: string;
}

/**
 * A default deployment's environment, pointed at the bench's servers. `apiKey`: from Secrets Manager (what the
 * template does with DdApiKey or DdApiKeySecretArn) or from DD_API_KEY.
 */
export function deploymentEnv(defaults: Env, endpoints: Endpoints, apiKey: 'secret' | 'env'): Env {
  const { hostname, port } = new URL(endpoints.intakeUrl);
  return {
    ...defaults,
    ...(apiKey === 'secret' ? { DD_API_KEY_SECRET_ARN: BENCH_SECRET_ARN } : { DD_API_KEY: BENCH_API_KEY }),
    // No bucket for failed events here (see above); storing them is what a default deployment does.
    ...(defaults.DD_STORE_FAILED_EVENTS === 'true' && !defaults.DD_S3_BUCKET_NAME
      ? { DD_STORE_FAILED_EVENTS: 'false' }
      : {}),
    DD_URL: hostname,
    DD_PORT: port,
    DD_NO_SSL: 'true',
    DD_API_URL: endpoints.intakeUrl,
    DD_TRACE_INTAKE_URL: endpoints.intakeUrl,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.awsUrl,
    AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: endpoints.awsUrl,
    // What Lambda's runtime sets (credentials are not checked by the bench's server).
    AWS_REGION: BENCH_REGION,
    AWS_DEFAULT_REGION: BENCH_REGION,
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_SESSION_TOKEN: 'bench-session',
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  };
}

/** An invocation context like Lambda's, with `remainingMs` until the deadline (the CLI's local one). */
export { localContext as lambdaContext } from '../src/cli/local/local-run.js';

/** CloudFormation's short-form tags, read as their long forms; only `Ref` is resolved here. */
function cloudFormationTags(): (ScalarTag | CollectionTag)[] {
  const names = ['Ref', 'GetAtt', 'If', 'Join', 'Sub', 'Not', 'Equals', 'And', 'Or', 'FindInMap', 'Select', 'Split'];
  names.push('Condition', 'Base64', 'Cidr', 'GetAZs', 'ImportValue', 'Transform');
  return names.flatMap((name) =>
    (['scalar', 'seq', 'map'] as const).map(
      (kind) =>
        ({
          tag: `!${name}`,
          collection: kind === 'scalar' ? undefined : kind,
          resolve: (value: unknown) => ({
            [name === 'Ref' ? 'Ref' : `Fn::${name}`]:
              kind === 'scalar' ? value : (value as { toJSON(): unknown }).toJSON(),
          }),
        }) as ScalarTag | CollectionTag,
    ),
  );
}
