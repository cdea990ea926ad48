import { ConfigError } from '../../../src/errors.js';
import { resolveApiKey } from '../../../src/secrets/api-key.js';
import { findSecretReferences, resolveSecretEnv } from '../../../src/secrets/secret-env.js';
import type { SecretReader } from '../../../src/secrets/secret-reader.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz012345';
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-AbCdEf';

function reader(values: { secret?: string; parameter?: string; plaintext?: Uint8Array; error?: Error }): SecretReader {
  const answer = async <T>(value: T | undefined) => {
    if (values.error) throw values.error;
    if (value === undefined) throw new Error('unexpected call');
    return value;
  };
  return {
    secretString: () => answer(values.secret),
    parameter: () => answer(values.parameter),
    decrypt: () => answer(values.plaintext),
  };
}

const sm = { kind: 'secrets-manager', arn: ARN, region: 'eu-west-1' } as const;

describe('resolveApiKey', () => {
  it.each([
    ['a plain secret', KEY],
    ['a plain secret with whitespace', ` ${KEY}\n`],
    ['a JSON secret with a DD_API_KEY field', JSON.stringify({ DD_API_KEY: KEY, other: 1 })],
  ])('reads %s from Secrets Manager', async (_what, secret) => {
    expect(await resolveApiKey(sm, reader({ secret }))).toBe(KEY);
  });

  it('reads SSM and KMS (non-UTF-8 plaintext is base64, as keys encrypted with the CLI are)', async () => {
    expect(await resolveApiKey({ kind: 'ssm', name: '/k' }, reader({ parameter: KEY }))).toBe(KEY);
    const kms = { kind: 'kms', variable: 'DD_KMS_API_KEY', ciphertext: 'AQID' } as const;
    expect(await resolveApiKey(kms, reader({ plaintext: Buffer.from(KEY) }))).toBe(KEY);
    // Bytes that are not UTF-8, whose base64 happens to be a well-formed key.
    const binary = Buffer.from('z'.repeat(32), 'base64');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(binary)).toThrow();
    expect(await resolveApiKey(kms, reader({ plaintext: binary }))).toBe(binary.toString('base64'));
  });

  it.each([
    ['empty', '   ', 'is empty'],
    ['malformed', 'short-but-secret-value', 'must be 32 letters and digits'],
    [
      'a JSON secret without the field',
      '{"api_key":"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"}',
      'without a DD_API_KEY string field',
    ],
  ])('rejects an %s key with a start-up error that never prints it', async (_what, secret, message) => {
    const error = await resolveApiKey(sm, reader({ secret })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain(ARN);
    if (secret.trim() !== '') expect((error as Error).message).not.toContain(secret.trim());
  });

  it('names the source and the AWS error when the lookup fails', async () => {
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
    await expect(resolveApiKey({ kind: 'ssm', name: '/k' }, reader({ error: denied }))).rejects.toThrow(
      'Could not read the Datadog API key from DD_API_KEY_SSM_NAME (/k): AccessDeniedException: User is not authorized.',
    );
  });
});

describe('*_SECRET_ARN and *_KMS_ENCRYPTED variables', () => {
  it('finds references to resolve, leaving the API key to its own rules', () => {
    expect(
      findSecretReferences({
        DD_TAGS_SECRET_ARN: ARN,
        DD_SCRUBBING_RULE_KMS_ENCRYPTED: 'AQID',
        DD_API_KEY_SECRET_ARN: ARN,
        DD_API_KEY_KMS_ENCRYPTED: 'AQID',
        _SECRET_ARN: 'x',
        EMPTY_SECRET_ARN: ' ',
        DD_SITE: 'datadoghq.eu',
      }),
    ).toEqual([
      { variable: 'DD_TAGS_SECRET_ARN', target: 'DD_TAGS', kind: 'secrets-manager', reference: ARN },
      { variable: 'DD_SCRUBBING_RULE_KMS_ENCRYPTED', target: 'DD_SCRUBBING_RULE', kind: 'kms', reference: 'AQID' },
    ]);
  });

  it('sets the target variable, overriding a plain value', async () => {
    const env = await resolveSecretEnv(
      { DD_TAGS: 'team:old', DD_TAGS_SECRET_ARN: ARN, X_KMS_ENCRYPTED: 'AQID' },
      reader({ secret: 'team:new', plaintext: Buffer.from('decrypted') }),
    );
    expect(env).toMatchObject({ DD_TAGS: 'team:new', X: 'decrypted' });
  });

  it('fails with the variable named', async () => {
    await expect(resolveSecretEnv({ DD_TAGS_SECRET_ARN: ARN }, reader({ error: new Error('boom') }))).rejects.toThrow(
      'Could not resolve DD_TAGS_SECRET_ARN into DD_TAGS: boom.',
    );
  });
});
