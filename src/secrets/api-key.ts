// Fetches the Datadog API key from where the configuration says (datadog-serverless-functions
// aws/logs_monitoring/settings.py, 5.4.11), once per container.
// Secrets Manager: a JSON secret's `DD_API_KEY` field, or the whole SecretString when it is not JSON (Datadog
// Forwarder v5). SSM: the decrypted parameter. KMS: the decrypted ciphertext. The value is trimmed, and a key
// that is empty or not 32 letters and digits is a start-up error that names where it came from, never the key.
import { apiKeyProblem, describeApiKeySource, type ApiKeySource } from '../config/api-key.js';
import { ConfigError } from '../errors.js';
import { plaintextToString, type SecretReader } from './secret-reader.js';

export async function resolveApiKey(source: ApiKeySource, reader: SecretReader): Promise<string> {
  const from = describeApiKeySource(source);
  const key = (await fetchKey(source, reader, from)).trim();
  const problem = apiKeyProblem(key, from);
  if (problem !== undefined) throw new ConfigError([problem]);
  return key;
}

async function fetchKey(source: ApiKeySource, reader: SecretReader, from: string): Promise<string> {
  try {
    switch (source.kind) {
      case 'plain':
        return source.value;
      case 'secrets-manager':
        return keyFromSecretString(await reader.secretString(source.arn), from);
      case 'ssm':
        return await reader.parameter(source.name);
      case 'kms':
        return plaintextToString(await reader.decrypt(source.ciphertext));
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new Error(`Could not read the Datadog API key from ${from}: ${awsErrorSummary(error)}.`, { cause: error });
  }
}

/** A JSON object secret holds the key in its `DD_API_KEY` field; anything else is the key itself. */
function keyFromSecretString(secret: string, from: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    return secret;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return secret;
  const key = (parsed as Record<string, unknown>).DD_API_KEY;
  if (typeof key !== 'string') {
    throw new ConfigError([`The secret ${from} is JSON without a DD_API_KEY string field: add one holding the key.`]);
  }
  return key;
}

/** The AWS error's name and message: enough to act on (AccessDenied, not found), never a secret value. */
export function awsErrorSummary(error: unknown): string {
  if (error instanceof Error)
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}
