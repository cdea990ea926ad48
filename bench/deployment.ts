// The environment a default deployment of template.yaml gives the forwarder, so that the bench measures what
// users run: every variable the template sets on the Forwarder function, at its parameter's default
// (FORWARDER_TELEMETRY and FORWARDER_TRACE_CONTEXT on, DD_LOG_LEVEL WARN, DD_FETCH_LAMBDA_TAGS on,
// DD_ENHANCED_METRICS off, ...), read from the template itself so the bench
// follows it. Then only what a machine without AWS needs: the intakes, Secrets Manager and the tagging API on
// 127.0.0.1, and the variables Lambda's runtime sets. Variables set by a condition (`!If`) are the ones a
// default deployment leaves to resources this bench has not got: the S3 bucket of caches and failed events (tags
// are cached in memory only, and failed-event storage, which acts only when an intake fails and the bench's never
// does, is off), and the API key, which the caller chooses.
//
// Memory: Lambda runs the function in an environment of its MemorySize, and Node sizes V8's heap from the memory
// it sees (src/api/environment.cc, SetIsolateCreateParamsForNode: ResourceConstraints::ConfigureDefaults with the
// total or cgroup-constrained memory). On this bench's machine Node would see all of the host's memory instead,
// and let V8's young generation grow to 128 MB and its old generation to 4 GB before collecting: figures of RSS
// no Lambda function would show. So every child gets the heap V8 configures for the template's MemorySize.
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
  // Set by Lambda from the function's MemorySize (the forwarder bounds what it decompresses whole by it).
  env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = String(template.Parameters.MemorySize?.Default ?? 1024);
  return env;
}

/**
 * The V8 heap limits Node sets on a machine of `memoryMb` (V8's Heap::HeapSizeFromPhysicalMemory and
 * YoungGenerationSizeFromOldGenerationSize, 64-bit without pointer compression, as Node 24 builds it): an old
 * generation of a quarter of the memory times two (at most 4 GB), and semi-spaces of 1/64 of that (1/256 up to
 * 256 MB), rounded up to a power of two. 1,024 MB gives 512 MB and 8 MB; this machine's 24 GB, 4 GB and 64 MB,
 * which is what Node 24 picks here on its own (checked with v8.getHeapStatistics and getHeapSpaceStatistics).
 */
export function lambdaHeapFlags(memoryMb: number): string {
  const oldMb = Math.min(4096, Math.floor(memoryMb / 2));
  const semiMb = Math.min(64, 2 ** Math.ceil(Math.log2(Math.max(1, oldMb / (oldMb <= 256 ? 256 : 64)))));
  return `--max-old-space-size=${oldMb} --max-semi-space-size=${semiMb}`;
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
  const heap = lambdaHeapFlags(Number(defaults.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? 1024));
  return {
    ...defaults,
    NODE_OPTIONS: `${defaults.NODE_OPTIONS ?? ''} ${heap}`.trim(),
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
