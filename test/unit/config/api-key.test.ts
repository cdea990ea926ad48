import { readConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz012345';
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-api-key-AbCdEf';

function problems(env: Record<string, string>): readonly string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

// The order of precedence of datadog-serverless-functions aws/logs_monitoring/settings.py, 5.4.11.
describe('API key source', () => {
  it.each([
    [{ DD_API_KEY: KEY }, { kind: 'plain', value: KEY }],
    [
      { DD_API_KEY: KEY, DD_API_KEY_SECRET_ARN: ARN },
      { kind: 'secrets-manager', arn: ARN, region: 'eu-west-1' },
    ],
    [
      { DD_API_KEY_SSM_NAME: '/dd/key', DD_KMS_API_KEY: 'AQID' },
      { kind: 'ssm', name: '/dd/key' },
    ],
    [
      { DD_KMS_API_KEY: 'AQID', DD_API_KEY: KEY },
      { kind: 'kms', variable: 'DD_KMS_API_KEY', ciphertext: 'AQID' },
    ],
    [{ DD_API_KEY_KMS_ENCRYPTED: 'AQID' }, { kind: 'kms', variable: 'DD_API_KEY_KMS_ENCRYPTED', ciphertext: 'AQID' }],
    // The template's placeholder ARN means "not set".
    [
      { DD_API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:DEFAULT', DD_API_KEY: KEY },
      { kind: 'plain', value: KEY },
    ],
  ])('%j reads the key from %j', (env, source) => {
    expect(readConfig(env).apiKey).toEqual(source);
  });

  it('says what is missing when no source is set', () => {
    expect(problems({})).toEqual([
      expect.stringContaining('DD_API_KEY_SECRET_ARN, DD_API_KEY_SSM_NAME or DD_KMS_API_KEY'),
    ]);
    expect(problems({ DD_API_KEY: '<YOUR_DATADOG_API_KEY>' })).toHaveLength(1);
  });

  it('rejects a malformed plain key without printing it', () => {
    const bad = 'not-a-key-but-secret-looking-000';
    const found = problems({ DD_API_KEY: bad });
    expect(found).toEqual([expect.stringContaining('32 letters and digits')]);
    expect(found.join()).not.toContain(bad);
  });

  it('rejects a secret ARN that is not a Secrets Manager ARN', () => {
    expect(problems({ DD_API_KEY_SECRET_ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/x' })).toEqual([
      expect.stringContaining('must be a Secrets Manager secret ARN'),
    ]);
  });
});

describe('enrichment settings', () => {
  it('defaults as the Datadog Forwarder code does', () => {
    expect(readConfig({ DD_API_KEY: KEY }).enrichment).toEqual({
      fetchLambdaTags: false,
      fetchLogGroupTags: false,
      fetchS3Tags: false,
      fetchStepFunctionsTags: false,
      tagsCacheTtlSeconds: 300,
      cacheJitterSeconds: 100,
      cacheBucket: undefined,
      tagLookupTimeoutMs: 2000,
      warnings: [],
    });
  });

  it('warns when a resource type is both fetched here and enriched by the backend (v5)', () => {
    const both = readConfig({ DD_API_KEY: KEY, DD_FETCH_S3_TAGS: 'true', DD_FETCH_LOG_GROUP_TAGS: 'TRUE' });
    expect(both.enrichment.warnings).toEqual([
      expect.stringContaining('DD_FETCH_S3_TAGS and DD_ENRICH_S3_TAGS'),
      expect.stringContaining('DD_FETCH_LOG_GROUP_TAGS and DD_ENRICH_CLOUDWATCH_TAGS'),
    ]);
    const fetchOnly = readConfig({
      DD_API_KEY: KEY,
      DD_FETCH_S3_TAGS: 'true',
      DD_FETCH_LOG_GROUP_TAGS: 'true',
      DD_ENRICH_S3_TAGS: 'false',
      DD_ENRICH_CLOUDWATCH_TAGS: 'false',
    });
    expect(fetchOnly.enrichment.warnings).toEqual([]);
  });

  it('reports bad values with the variable name', () => {
    expect(problems({ DD_API_KEY: KEY, DD_FETCH_LAMBDA_TAGS: 'yes', DD_TAGS_CACHE_TTL_SECONDS: '0' })).toEqual([
      expect.stringContaining('DD_FETCH_LAMBDA_TAGS must be true or false'),
      expect.stringContaining('DD_TAGS_CACHE_TTL_SECONDS must be a whole number'),
    ]);
  });
});
