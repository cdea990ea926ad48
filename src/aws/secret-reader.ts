// The SecretReader port over the real AWS SDK v3 clients (built by deps.ts):
// Secrets Manager GetSecretValue https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
// SSM GetParameter (WithDecryption) https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
// KMS Decrypt https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
import { DecryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { regionOfArn, type SecretReader } from '../secrets/secret-reader.js';

export interface SecretClients {
  /** A Secrets Manager client for a region (the secret's, from its ARN), or the default region when undefined. */
  secretsManager(region: string | undefined): SecretsManagerClient;
  ssm(): SSMClient;
  kms(): KMSClient;
}

export class AwsSecretReader implements SecretReader {
  constructor(private readonly clients: SecretClients) {}

  async secretString(arn: string): Promise<string> {
    // A secret can live in another region than the forwarder: ask that region (Datadog Forwarder after 5.4.11).
    const output = await this.clients
      .secretsManager(regionOfArn(arn))
      .send(new GetSecretValueCommand({ SecretId: arn }));
    if (output.SecretString !== undefined) return output.SecretString;
    if (output.SecretBinary !== undefined) return Buffer.from(output.SecretBinary).toString('utf8');
    throw new Error(`the secret ${arn} has no value`);
  }

  async parameter(name: string): Promise<string> {
    const output = await this.clients.ssm().send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = output.Parameter?.Value;
    if (value === undefined) throw new Error(`the parameter ${name} has no value`);
    return value;
  }

  async decrypt(ciphertextBase64: string): Promise<Uint8Array> {
    const blob = Buffer.from(ciphertextBase64.trim(), 'base64');
    const output = await this.clients.kms().send(new DecryptCommand({ CiphertextBlob: blob }));
    if (output.Plaintext === undefined) throw new Error('KMS returned no plaintext');
    return output.Plaintext;
  }
}
