// The SecretReader port: the three AWS secret stores the forwarder reads at start-up. The AWS implementations are
// src/aws/secrets-manager.ts, ssm-parameters.ts and kms-decrypt.ts (put together by deps.ts); tests use them
// against loopback servers or pass a fake.

export interface SecretReader {
  /** Secrets Manager GetSecretValue: the SecretString of a secret, asked of the secret's own region. */
  secretString(arn: string): Promise<string>;
  /** SSM GetParameter with decryption: the parameter's value. */
  parameter(name: string): Promise<string>;
  /** KMS Decrypt of a base64 ciphertext: the plaintext bytes. */
  decrypt(ciphertextBase64: string): Promise<Uint8Array>;
}

/** The region of a Secrets Manager ARN (`arn:<partition>:secretsmanager:<region>:...`), or undefined. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region === undefined || region === '' ? undefined : region;
}

/** KMS plaintext as text; bytes that are not UTF-8 are base64-encoded, as the Datadog Forwarder does
 * (datadog-serverless-functions aws/logs_monitoring/settings.py, 5.4.11). */
export function plaintextToString(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('base64');
  }
}
