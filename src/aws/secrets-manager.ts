// Secrets Manager GetSecretValue over the AWS SDK v3 client, one client per region (a secret is asked of its own
// region, read from its ARN, as the Datadog Forwarder does after 5.4.11). Its own module, loaded by deps.ts only
// when a secret is read, so that the bundle puts this client alone in its chunk: reading the API key loads
// neither SSM, KMS nor the tagging, S3 or Lambda clients.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { regionOfArn } from '../secrets/secret-reader.js';
import type { InvocationDeadline } from '../deadline.js';
import { boundedBy, secretStoreConfig, type AwsClientSettings } from './client-config.js';

export function secretsManagerReader(
  settings: AwsClientSettings | undefined,
  deadline: InvocationDeadline,
): (arn: string) => Promise<string> {
  const aws = secretStoreConfig(settings);
  const regional = new Map<string, SecretsManagerClient>();
  return async (arn) => {
    const region = regionOfArn(arn);
    let client = regional.get(region ?? '');
    if (!client) {
      client = boundedBy(new SecretsManagerClient(region ? { ...aws, region } : aws), deadline, 'send');
      regional.set(region ?? '', client);
    }
    const output = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (output.SecretString !== undefined) return output.SecretString;
    if (output.SecretBinary !== undefined) return Buffer.from(output.SecretBinary).toString('utf8');
    throw new Error(`the secret ${arn} has no value`);
  };
}
