// The SecretReader over AWS: Secrets Manager GetSecretValue, SSM GetParameter (WithDecryption) and KMS Decrypt.
// Where the environment gives credentials and endpoints (always in Lambda: aws-environment.ts) each is one signed
// JSON call (json-api.ts) and no AWS SDK code is loaded; elsewhere (a profile, FIPS endpoints) the store's SDK
// client is, each in its own bundle chunk (secrets-manager.ts, ssm-parameters.ts, kms-decrypt.ts), as before.
// The Datadog Forwarder gives these lookups 2 attempts (secretStoreConfig), so a bad network fails start-up fast.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
// https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
import type { InvocationDeadline } from '../deadline.js';
import { regionOfArn, type SecretReader } from '../secrets/secret-reader.js';
import { awsEnvironment, type AwsService } from './aws-environment.js';
import { lazily, secretStoreConfig, type AwsClientSettings } from './client-config.js';
import { AwsJsonApi } from './json-api.js';

const SECRETS_MANAGER: AwsService = {
  envId: 'SECRETS_MANAGER',
  endpointPrefix: 'secretsmanager',
  signingName: 'secretsmanager',
  targetPrefix: 'secretsmanager',
};
const SSM: AwsService = { envId: 'SSM', endpointPrefix: 'ssm', signingName: 'ssm', targetPrefix: 'AmazonSSM' };
const KMS: AwsService = { envId: 'KMS', endpointPrefix: 'kms', signingName: 'kms', targetPrefix: 'TrentService' };

export function awsSecretReader(settings: AwsClientSettings | undefined, deadline: InvocationDeadline): SecretReader {
  const environment = awsEnvironment(settings);
  const api = (service: AwsService) =>
    environment &&
    new AwsJsonApi({
      environment,
      service,
      maxAttempts: secretStoreConfig(settings).maxAttempts,
      signal: () => deadline.signal('send'),
    });
  const [secrets, ssm, kms] = [api(SECRETS_MANAGER), api(SSM), api(KMS)];
  const sdk = sdkReaders(settings, deadline);
  const region = environment?.region;
  return {
    async secretString(arn) {
      // A secret is asked of its own region, read from its ARN, as the Datadog Forwarder does after 5.4.11.
      const at = regionOfArn(arn) ?? region;
      if (!secrets?.reaches(at)) return (await sdk.secretString())(arn);
      const output = await secrets.call<{ SecretString?: string; SecretBinary?: string }>(
        'GetSecretValue',
        { SecretId: arn },
        at,
      );
      if (output.SecretString !== undefined) return output.SecretString;
      if (output.SecretBinary !== undefined) return Buffer.from(output.SecretBinary, 'base64').toString('utf8');
      throw new Error(`the secret ${arn} has no value`);
    },
    async parameter(name) {
      if (!ssm?.reaches(region)) return (await sdk.parameter())(name);
      const output = await ssm.call<{ Parameter?: { Value?: string } }>(
        'GetParameter',
        { Name: name, WithDecryption: true },
        region,
      );
      const value = output.Parameter?.Value;
      if (value === undefined) throw new Error(`the parameter ${name} has no value`);
      return value;
    },
    async decrypt(ciphertextBase64) {
      if (!kms?.reaches(region)) return (await sdk.decrypt())(ciphertextBase64);
      // The SDK sends the blob base64-encoded, as read: re-encoding normalises what Buffer accepts (whitespace).
      const blob = Buffer.from(ciphertextBase64.trim(), 'base64').toString('base64');
      const output = await kms.call<{ Plaintext?: string }>('Decrypt', { CiphertextBlob: blob }, region);
      if (output.Plaintext === undefined) throw new Error('KMS returned no plaintext');
      return new Uint8Array(Buffer.from(output.Plaintext, 'base64'));
    },
  };
}

/** The SDK's clients, each loaded on its first use only. */
function sdkReaders(settings: AwsClientSettings | undefined, deadline: InvocationDeadline) {
  return {
    secretString: lazily(async () => (await import('./secrets-manager.js')).secretsManagerReader(settings, deadline)),
    parameter: lazily(async () => (await import('./ssm-parameters.js')).parameterReader(settings, deadline)),
    decrypt: lazily(async () => (await import('./kms-decrypt.js')).kmsDecrypter(settings, deadline)),
  };
}
