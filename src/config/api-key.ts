// Where the Datadog API key comes from (datadog-serverless-functions aws/logs_monitoring/settings.py, 5.4.11), in the
// Datadog Forwarder's order of precedence:
// DD_API_KEY_SECRET_ARN (Secrets Manager), DD_API_KEY_SSM_NAME (SSM, decrypted), DD_KMS_API_KEY (KMS
// ciphertext, base64), then DD_API_KEY. The key itself is fetched once per container by deps.ts; this module only
// decides where from, and checks what can be checked without calling AWS. The key is never printed.
// https://docs.datadoghq.com/logs/guide/forwarder/
import type { EnvReader } from './env-reader.js';

/** Where the API key comes from; resolved once per container by deps.ts. */
export type ApiKeySource =
  | { readonly kind: 'plain'; readonly value: string }
  | { readonly kind: 'secrets-manager'; readonly arn: string; readonly region: string }
  | { readonly kind: 'ssm'; readonly name: string }
  | { readonly kind: 'kms'; readonly variable: string; readonly ciphertext: string };

/** Datadog API keys are 32 alphanumeric characters. */
const API_KEY_PATTERN = /^[A-Za-z0-9]{32}$/;

/** The template's placeholder values, which mean "not set". */
const PLACEHOLDERS = new Set(['<YOUR_DATADOG_API_KEY>', 'arn:aws:secretsmanager:DEFAULT']);

const SECRET_ARN = /^arn:[a-z-]+:secretsmanager:([a-z0-9-]+):\d{12}:secret:.+$/;

export function readApiKey(env: EnvReader): ApiKeySource {
  const secretArn = set(env, 'DD_API_KEY_SECRET_ARN');
  if (secretArn !== undefined) {
    const region = SECRET_ARN.exec(secretArn)?.[1];
    if (region === undefined) {
      env.problem(
        `DD_API_KEY_SECRET_ARN must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), got ${JSON.stringify(secretArn)}.`,
      );
    }
    return { kind: 'secrets-manager', arn: secretArn, region: region ?? '' };
  }
  const ssmName = set(env, 'DD_API_KEY_SSM_NAME');
  if (ssmName !== undefined) return { kind: 'ssm', name: ssmName };
  for (const variable of ['DD_KMS_API_KEY', 'DD_API_KEY_KMS_ENCRYPTED']) {
    const ciphertext = set(env, variable);
    if (ciphertext !== undefined) return { kind: 'kms', variable, ciphertext };
  }
  const value = set(env, 'DD_API_KEY');
  if (value === undefined) {
    env.problem(
      'DD_API_KEY is not set: set it to your Datadog API key (32 characters), or set DD_API_KEY_SECRET_ARN, DD_API_KEY_SSM_NAME or DD_KMS_API_KEY.',
    );
    return { kind: 'plain', value: '' };
  }
  const problem = apiKeyProblem(value, 'DD_API_KEY');
  if (problem !== undefined) env.problem(problem);
  return { kind: 'plain', value };
}

/** What is wrong with a key, said without printing it; undefined when it looks like a Datadog API key. */
export function apiKeyProblem(key: string, from: string): string | undefined {
  if (key === '') return `The API key from ${from} is empty.`;
  if (API_KEY_PATTERN.test(key)) return undefined;
  return `The API key from ${from} must be 32 letters and digits (it has ${key.length} characters).`;
}

/** A short name for where the key comes from, for error messages. */
export function describeApiKeySource(source: ApiKeySource): string {
  switch (source.kind) {
    case 'plain':
      return 'DD_API_KEY';
    case 'secrets-manager':
      return `DD_API_KEY_SECRET_ARN (${source.arn})`;
    case 'ssm':
      return `DD_API_KEY_SSM_NAME (${source.name})`;
    case 'kms':
      return source.variable;
  }
}

function set(env: EnvReader, name: string): string | undefined {
  const value = env.raw(name)?.trim();
  return value === undefined || PLACEHOLDERS.has(value) ? undefined : value;
}
