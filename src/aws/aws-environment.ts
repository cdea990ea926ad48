// Where an AWS call goes and with what it is signed, read from the environment as the AWS SDK v3 reads it there:
// credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (what Lambda sets for the
// function's role), the region from AWS_REGION, the endpoint from AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL
// (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS), else the service's regional endpoint. When the environment leaves
// anything to the SDK's other sources (a profile, FIPS or dual-stack endpoints, a partition not listed here),
// `awsEnvironment` answers undefined and the caller uses the SDK client, which resolves it as always.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-static-credentials.html
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
import type { AwsClientSettings } from './client-config.js';
import type { AwsCredentials } from './sigv4.js';

export interface AwsService {
  /** The SDK's service id in AWS_ENDPOINT_URL_<id>, e.g. `SECRETS_MANAGER`. */
  readonly envId: string;
  /** The endpoint's host prefix, e.g. `secretsmanager` in secretsmanager.us-east-1.amazonaws.com. */
  readonly endpointPrefix: string;
  /** The SigV4 signing name. */
  readonly signingName: string;
  /** X-Amz-Target's prefix: `<prefix>.<Operation>`. */
  readonly targetPrefix: string;
}

export interface AwsEnvironment {
  readonly credentials: AwsCredentials;
  /** The default region, when one is set; a call may name its own (a secret's ARN does). */
  readonly region?: string;
  /** The endpoint URL for a service in a region, or undefined for a region whose partition is not known here. */
  endpoint(service: AwsService, region: string): string | undefined;
}

type Variables = Readonly<Record<string, string | undefined>>;

/** DNS suffixes of the partitions whose endpoints follow `<prefix>.<region>.<suffix>` for these services. */
function dnsSuffix(region: string): string | undefined {
  if (/^cn-[a-z]+-\d+$/.test(region)) return 'amazonaws.com.cn';
  if (/^(us-gov|us|ca|mx|sa|eu|il|me|af|ap)-[a-z]+-\d+$/.test(region)) return 'amazonaws.com';
  return undefined;
}

/**
 * The environment's AWS settings, with `settings` (tests, the CLI) taking precedence as they do over the SDK's
 * providers; undefined when the SDK must resolve them.
 */
export function awsEnvironment(
  settings: AwsClientSettings | undefined,
  // The SDK's providers read process.env whatever environment the handler was given; this stands in for them,
  // so it reads the same variables (and tests point both at loopback servers the same way).
  // eslint-disable-next-line no-restricted-properties
  variables: Variables = process.env,
): AwsEnvironment | undefined {
  const fromEnv = variables.AWS_ACCESS_KEY_ID && variables.AWS_SECRET_ACCESS_KEY;
  // The SDK skips the environment's credentials when a profile is named, and reads its settings from the profile.
  if (variables.AWS_PROFILE) return undefined;
  if (variables.AWS_USE_FIPS_ENDPOINT === 'true' || variables.AWS_USE_DUALSTACK_ENDPOINT === 'true') return undefined;
  const credentials: AwsCredentials | undefined =
    settings?.credentials ??
    (fromEnv
      ? {
          accessKeyId: variables.AWS_ACCESS_KEY_ID!,
          secretAccessKey: variables.AWS_SECRET_ACCESS_KEY!,
          sessionToken: variables.AWS_SESSION_TOKEN || undefined,
        }
      : undefined);
  if (credentials === undefined) return undefined;
  const configured = variables.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true' ? undefined : variables;
  return {
    credentials,
    region: settings?.region ?? (variables.AWS_REGION || undefined),
    endpoint: (service, region) => {
      const url = configured?.[`AWS_ENDPOINT_URL_${service.envId}`] || configured?.AWS_ENDPOINT_URL;
      if (url) return url;
      const suffix = dnsSuffix(region);
      return suffix === undefined ? undefined : `https://${service.endpointPrefix}.${region}.${suffix}`;
    },
  };
}
