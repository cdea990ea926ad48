// The API key from each secret store, through the real handler and the real AWS SDK clients against a loopback
// AWS JSON endpoint; the key must reach the intake in DD-API-KEY and never appear in a log line.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { AwsError, startAwsJsonServer, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { signedRegion, useAwsEndpoints } from '../helpers/aws-env.js';
import { awslogsEvent, lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-api-key-AbCdEf';
const payload = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'testLogGroup',
  logStream: 'testLogStream',
  logEvents: [{ id: '1', timestamp: 1591284559098, message: 'hello' }],
};

let aws: AwsJsonServer;
let intake: CaptureIntake;
let restoreEnv: () => void;
let secretFailures = 0;

beforeAll(async () => {
  aws = await startAwsJsonServer({
    GetSecretValue: (input) => {
      if (secretFailures > 0) {
        secretFailures--;
        return new AwsError('InternalServiceError', 'try again', 500);
      }
      if (input.SecretId === SECRET_ARN) return { SecretString: JSON.stringify({ DD_API_KEY: TEST_API_KEY }) };
      return { SecretString: 'team:from-secret' };
    },
    GetParameter: (input) => ({ Parameter: { Name: input.Name, Value: TEST_API_KEY } }),
    Decrypt: (input) => ({
      Plaintext: Buffer.from(`${TEST_API_KEY}:${String(input.CiphertextBlob)}`.slice(0, 32)).toString('base64'),
    }),
  });
  intake = await startCaptureIntake();
  restoreEnv = useAwsEndpoints({ json: aws.endpoint });
});

afterAll(async () => {
  restoreEnv();
  await Promise.all([aws.close(), intake.close()]);
});

beforeEach(() => {
  aws.calls.length = 0;
  intake.requests.length = 0;
});

function envWith(extra: Record<string, string>): Record<string, string> {
  // Telemetry is another request per invocation; these tests read the logs requests.
  const { DD_API_KEY: _plain, ...env } = localIntakeEnv(intake.url, { FORWARDER_TELEMETRY: 'false', ...extra });
  return env;
}

async function invoke(handler: ReturnType<typeof createHandler>): Promise<void> {
  await handler(awslogsEvent(payload), lambdaContext());
}

it('reads a JSON secret from Secrets Manager in the secret region, once per container', async () => {
  const lines: string[] = [];
  const handler = createHandler(envWith({ DD_API_KEY_SECRET_ARN: SECRET_ARN, DD_LOG_LEVEL: 'debug' }), {
    logger: new Logger('debug', (line) => lines.push(line)),
  });
  await invoke(handler);
  await invoke(handler);
  const calls = aws.calls.filter((c) => c.operation === 'GetSecretValue');
  expect(calls).toHaveLength(1);
  expect(calls[0]!.input).toEqual({ SecretId: SECRET_ARN });
  expect(signedRegion(calls[0]!.headers)).toBe('eu-west-1');
  expect(intake.requests.map((r) => r.headers['dd-api-key'])).toEqual([TEST_API_KEY, TEST_API_KEY]);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.join('\n')).not.toContain(TEST_API_KEY);
});

it('does not cache a transient failure: the next invocation tries again', async () => {
  secretFailures = 2; // both attempts of the first invocation (the client makes two)
  const handler = createHandler(envWith({ DD_API_KEY_SECRET_ARN: SECRET_ARN }));
  await expect(invoke(handler)).rejects.toThrow(/Could not read the Datadog API key from DD_API_KEY_SECRET_ARN/);
  expect(intake.requests).toHaveLength(0);
  await invoke(handler);
  expect(aws.calls.filter((c) => c.operation === 'GetSecretValue')).toHaveLength(3);
  expect(intake.requests[0]!.headers['dd-api-key']).toBe(TEST_API_KEY);
});

it('reads a decrypted SSM parameter', async () => {
  await invoke(createHandler(envWith({ DD_API_KEY_SSM_NAME: '/datadog/api-key' })));
  expect(aws.calls).toEqual([
    expect.objectContaining({
      operation: 'GetParameter',
      input: { Name: '/datadog/api-key', WithDecryption: true },
    }),
  ]);
  expect(intake.requests[0]!.headers['dd-api-key']).toBe(TEST_API_KEY);
});

it('decrypts DD_KMS_API_KEY, sending KMS the ciphertext bytes', async () => {
  const ciphertext = Buffer.from('ciphertext-bytes').toString('base64');
  await invoke(createHandler(envWith({ DD_KMS_API_KEY: ciphertext })));
  expect(aws.calls.map((c) => [c.operation, c.input.CiphertextBlob])).toEqual([['Decrypt', ciphertext]]);
  expect(intake.requests[0]!.headers['dd-api-key']).toBe(TEST_API_KEY);
});

it('resolves any *_SECRET_ARN variable into the variable without the suffix', async () => {
  const tagsArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:dd-tags-XyZ';
  await invoke(
    createHandler(localIntakeEnv(intake.url, { DD_TAGS_SECRET_ARN: tagsArn, FORWARDER_TELEMETRY: 'false' })),
  );
  const logs = intake.requests[0]!.json as { ddtags: string }[];
  expect(logs[0]!.ddtags.split(',')).toContain('team:from-secret');
});

it('fails start-up clearly, without the value, when the secret holds a malformed key', async () => {
  aws.handle('GetParameter', () => ({ Parameter: { Value: 'sk-live-0123456789' } }));
  const error = await invoke(createHandler(envWith({ DD_API_KEY_SSM_NAME: '/bad' }))).catch((e: unknown) => e);
  expect(String(error)).toContain('The API key from DD_API_KEY_SSM_NAME (/bad) must be 32 letters and digits');
  expect(String(error)).not.toContain('sk-live-0123456789');
  expect(intake.requests).toHaveLength(0);
});
