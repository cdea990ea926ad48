// KMS Decrypt of a base64 ciphertext over the AWS SDK v3 client: its own module, so that decrypting loads this
// client alone (see secrets-manager.ts).
// https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { InvocationDeadline } from '../deadline.js';
import { boundedBy, secretStoreConfig, type AwsClientSettings } from './client-config.js';

export function kmsDecrypter(
  settings: AwsClientSettings | undefined,
  deadline: InvocationDeadline,
): (ciphertextBase64: string) => Promise<Uint8Array> {
  const client = boundedBy(new KMSClient(secretStoreConfig(settings)), deadline, 'send');
  return async (ciphertextBase64) => {
    const blob = Buffer.from(ciphertextBase64.trim(), 'base64');
    const output = await client.send(new DecryptCommand({ CiphertextBlob: blob }));
    if (output.Plaintext === undefined) throw new Error('KMS returned no plaintext');
    return output.Plaintext;
  };
}
