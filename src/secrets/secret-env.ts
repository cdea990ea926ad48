// Variables whose value lives in a secret store, as the Datadog documentation describes for the Lambda extension:
// `<NAME>_SECRET_ARN` (a Secrets Manager ARN) and `<NAME>_KMS_ENCRYPTED` (a base64 KMS ciphertext) set `<NAME>`
// to the decrypted value. Resolved once per container, before the configuration is read, so every setting can
// come from a secret. The API key's own variables are resolved by api-key.ts (with its JSON-field rule).
// https://docs.datadoghq.com/serverless/aws_lambda/configuration/
import type { Env } from '../config/env-reader.js';
import { awsErrorSummary } from './api-key.js';
import { plaintextToString, type SecretReader } from './secret-reader.js';

interface SecretReference {
  /** The variable that holds the reference, e.g. `DD_TAGS_SECRET_ARN`. */
  readonly variable: string;
  /** The variable it sets, e.g. `DD_TAGS`. */
  readonly target: string;
  readonly kind: 'secrets-manager' | 'kms';
  readonly reference: string;
}

/** Handled by the API key's own rules (datadog-serverless-functions aws/logs_monitoring/settings.py, 5.4.11), not by
 * this generic one. */
const API_KEY_VARIABLES = new Set(['DD_API_KEY_SECRET_ARN', 'DD_API_KEY_KMS_ENCRYPTED']);
const SUFFIXES = [
  ['_SECRET_ARN', 'secrets-manager'],
  ['_KMS_ENCRYPTED', 'kms'],
] as const;

export function findSecretReferences(env: Env): SecretReference[] {
  const found: SecretReference[] = [];
  for (const [variable, value] of Object.entries(env)) {
    if (value === undefined || value.trim() === '' || API_KEY_VARIABLES.has(variable)) continue;
    for (const [suffix, kind] of SUFFIXES) {
      if (variable.endsWith(suffix) && variable.length > suffix.length) {
        found.push({ variable, target: variable.slice(0, -suffix.length), kind, reference: value.trim() });
      }
    }
  }
  return found;
}

/** The environment with every secret reference resolved into its target variable (which it overrides). */
export async function resolveSecretEnv(env: Env, reader: SecretReader): Promise<Env> {
  const references = findSecretReferences(env);
  if (references.length === 0) return env;
  const values = await Promise.all(references.map((ref) => resolveReference(ref, reader)));
  const resolved: Record<string, string | undefined> = { ...env };
  references.forEach((ref, i) => (resolved[ref.target] = values[i]));
  return resolved;
}

async function resolveReference(ref: SecretReference, reader: SecretReader): Promise<string> {
  try {
    if (ref.kind === 'secrets-manager') return await reader.secretString(ref.reference);
    return plaintextToString(await reader.decrypt(ref.reference));
  } catch (error) {
    throw new Error(`Could not resolve ${ref.variable} into ${ref.target}: ${awsErrorSummary(error)}.`, {
      cause: error,
    });
  }
}
