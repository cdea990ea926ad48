// Points the real AWS SDK v3 clients at loopback servers the way an operator would point them anywhere:
// AWS_ENDPOINT_URL_<SERVICE> and static credentials in the environment. Returns a function that restores it.
import { TEST_CREDENTIALS } from './aws-json-server.js';

export function useAwsEndpoints(endpoints: { json?: string; s3?: string }): () => void {
  const values: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: endpoints.json,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoints.json,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.json,
    AWS_ENDPOINT_URL_SSM: endpoints.json,
    AWS_ENDPOINT_URL_KMS: endpoints.json,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  };
  const saved: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** The region an AWS request was signed for, from its Authorization header's credential scope. */
export function signedRegion(headers: Readonly<Record<string, string | string[] | undefined>> | undefined): string {
  const authorization = String(headers?.authorization ?? '');
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization)?.[1] ?? '';
}
