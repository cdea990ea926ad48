// The SDK-free AWS JSON call against a loopback AWS JSON server: what it sends, how it names errors, what it
// retries (as the SDK's standard retry does) and that the invocation's deadline ends it.
import { awsEnvironment, type AwsService } from '../../../src/aws/aws-environment.js';
import { AwsJsonApi, AwsServiceError } from '../../../src/aws/json-api.js';
import { AwsError, startAwsJsonServer, type AwsJsonServer } from '../../helpers/aws-json-server.js';
import { signedRegion } from '../../helpers/aws-env.js';
import { startSilentServer } from '../../helpers/silent-server.js';

const SERVICE: AwsService = {
  envId: 'SECRETS_MANAGER',
  endpointPrefix: 'secretsmanager',
  signingName: 'secretsmanager',
  targetPrefix: 'secretsmanager',
};
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' };

let server: AwsJsonServer;
beforeAll(async () => (server = await startAwsJsonServer()));
afterAll(() => server.close());
beforeEach(() => (server.calls.length = 0));

function api(options: { endpoint?: string; maxAttempts?: number; signal?: AbortSignal } = {}): AwsJsonApi {
  const environment = awsEnvironment(undefined, {
    ...CREDENTIALS,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: options.endpoint ?? server.endpoint,
  })!;
  return new AwsJsonApi({
    environment,
    service: SERVICE,
    maxAttempts: options.maxAttempts ?? 2,
    signal: () => options.signal,
    random: () => 0,
  });
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

it('posts the operation as signed JSON and returns the parsed answer', async () => {
  server.handle('GetSecretValue', (input) => ({ SecretString: `value of ${String(input.SecretId)}` }));
  const output = await api().call('GetSecretValue', { SecretId: 'arn:x' }, 'eu-west-1');
  expect(output).toEqual({ SecretString: 'value of arn:x' });
  const [call] = server.calls;
  expect(call!.input).toEqual({ SecretId: 'arn:x' });
  expect(call!.headers!['x-amz-target']).toBe('secretsmanager.GetSecretValue');
  expect(call!.headers!['content-type']).toBe('application/x-amz-json-1.1');
  expect(call!.headers!['x-amz-security-token']).toBe('token');
  expect(signedRegion(call!.headers)).toBe('eu-west-1');
});

it('names a service error by its code, with its message and status, and does not retry a client error', async () => {
  server.handle(
    'GetSecretValue',
    () => new AwsError('com.amazonaws#ResourceNotFoundException', "Secrets Manager can't find the specified secret."),
  );
  const error = (await failure(api().call('GetSecretValue', {}, 'us-east-1'))) as AwsServiceError;
  expect(error).toBeInstanceOf(AwsServiceError);
  expect(error.name).toBe('ResourceNotFoundException');
  expect(error.message).toBe("Secrets Manager can't find the specified secret.");
  expect(error.$metadata).toEqual({ httpStatusCode: 400, attempts: 1 });
  expect(server.calls).toHaveLength(1);
});

it.each([
  ['HTTP 500', new AwsError('InternalServiceError', 'try again', 500)],
  ['HTTP 503', new AwsError('ServiceUnavailable', 'busy', 503)],
  ['throttling', new AwsError('ThrottlingException', 'Rate exceeded')],
  ['HTTP 429', new AwsError('TooManyRequests', 'slow down', 429)],
])('retries %s as the SDK does, up to maxAttempts', async (_what, answer) => {
  server.handle('GetSecretValue', () => answer);
  const error = (await failure(api({ maxAttempts: 3 }).call('GetSecretValue', {}, 'us-east-1'))) as AwsServiceError;
  expect(error.name).toBe(answer.type);
  expect(error.$metadata.attempts).toBe(3);
  expect(server.calls).toHaveLength(3);

  let failures = 1;
  server.handle('GetSecretValue', () => (failures-- > 0 ? answer : { SecretString: 'ok' }));
  expect(await api().call('GetSecretValue', {}, 'us-east-1')).toEqual({ SecretString: 'ok' });
});

it('does not retry a 501, and names an error without a code as the SDK does', async () => {
  server.handle('GetSecretValue', () => new AwsError('', '', 501));
  const error = (await failure(api({ maxAttempts: 3 }).call('GetSecretValue', {}, 'us-east-1'))) as AwsServiceError;
  expect(`${error.name}: ${error.message}`).toBe('Unknown: UnknownError (HTTP 501)');
  expect(server.calls).toHaveLength(1);
});

it('retries a refused connection, then fails with the network error', async () => {
  const closed = await startSilentServer();
  const endpoint = closed.url;
  await closed.close();
  const error = (await failure(api({ endpoint }).call('GetSecretValue', {}, 'us-east-1'))) as NodeJS.ErrnoException;
  expect(error.code).toBe('ECONNREFUSED');
});

it('ends a call that gets no answer when the deadline passes, without retrying it', async () => {
  const silent = await startSilentServer();
  const controller = new AbortController();
  const call = failure(
    api({ endpoint: silent.url, signal: controller.signal }).call('GetSecretValue', {}, 'us-east-1'),
  );
  await silent.waitForConnections(1);
  controller.abort();
  const error = (await call) as Error;
  expect(`${error.name}: ${error.message}`).toBe('AbortError: Request aborted');
  expect(silent.connections).toBe(1);
  await silent.close();
});

it('refuses an answer that is not JSON', async () => {
  const http = await import('node:http');
  const plain = http.createServer((_req, res) => res.end('<html>'));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const { port } = plain.address() as { port: number };
  const error = (await failure(
    api({ endpoint: `http://127.0.0.1:${port}` }).call('GetSecretValue', {}, 'us-east-1'),
  )) as Error;
  expect(error.message).toBe(`127.0.0.1:${port} answered GetSecretValue with a body that is not JSON`);
  plain.closeAllConnections();
  plain.close();
});

describe('awsEnvironment', () => {
  const service = SERVICE;
  it.each([
    [
      'the service variable',
      { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://a', AWS_ENDPOINT_URL: 'http://b' },
      'http://a',
    ],
    ['AWS_ENDPOINT_URL', { AWS_ENDPOINT_URL: 'http://b' }, 'http://b'],
    ['the regional endpoint', {}, 'https://secretsmanager.eu-west-1.amazonaws.com'],
    [
      'the regional endpoint when configured URLs are ignored',
      { AWS_ENDPOINT_URL: 'http://b', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
      'https://secretsmanager.eu-west-1.amazonaws.com',
    ],
  ])('takes the endpoint from %s', (_what, variables, endpoint) => {
    expect(awsEnvironment(undefined, { ...CREDENTIALS, ...variables })!.endpoint(service, 'eu-west-1')).toBe(endpoint);
  });

  it.each([
    ['cn-north-1', 'https://secretsmanager.cn-north-1.amazonaws.com.cn'],
    ['us-gov-west-1', 'https://secretsmanager.us-gov-west-1.amazonaws.com'],
    ['us-iso-east-1', undefined],
  ])('knows the endpoint in %s, or leaves it to the SDK', (region, endpoint) => {
    expect(awsEnvironment(undefined, CREDENTIALS)!.endpoint(service, region)).toBe(endpoint);
  });

  it('takes credentials and region from settings first, then from the environment', () => {
    const settings = { region: 'eu-central-1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' } };
    expect(awsEnvironment(settings, { ...CREDENTIALS, AWS_REGION: 'us-east-1' })).toMatchObject(settings);
    expect(awsEnvironment(undefined, { ...CREDENTIALS, AWS_REGION: 'us-east-1' })).toMatchObject({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret', sessionToken: 'token' },
    });
  });

  it.each([
    ['no credentials', {}],
    ['a profile', { ...CREDENTIALS, AWS_PROFILE: 'dev' }],
    ['FIPS endpoints', { ...CREDENTIALS, AWS_USE_FIPS_ENDPOINT: 'true' }],
    ['dual-stack endpoints', { ...CREDENTIALS, AWS_USE_DUALSTACK_ENDPOINT: 'true' }],
  ])('leaves everything to the SDK with %s', (_what, variables) => {
    expect(awsEnvironment(undefined, variables)).toBeUndefined();
  });
});
