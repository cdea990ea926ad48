// The handler writes one summary line on every invocation, one that throws included, naming the error's class.
import { gzipSync } from 'node:zlib';
import { ConfigError, MalformedPayloadError, UnsupportedEventError } from '../../src/errors.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

/** Nothing is sent in these cases: the intake address is never reached. */
const ENV = localIntakeEnv('http://127.0.0.1:9', { DD_LOG_LEVEL: 'info' });

async function invoke(env: Record<string, string>, event: unknown) {
  const lines: string[] = [];
  const handler = createHandler(env, { logger: new Logger('info', (line) => lines.push(line)) });
  const error = await handler(event, lambdaContext()).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  const summaries = lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.message === 'Invocation summary.');
  return { error, summaries };
}

describe('the summary line of an invocation that throws', () => {
  it.each([
    ['a configuration error', { DD_API_KEY: '' }, { some: 'event' }, ConfigError],
    ['an event of unknown shape', ENV, [1, 2], UnsupportedEventError],
    ['a malformed payload', ENV, { awslogs: { data: 'bm90IGd6aXA=' } }, MalformedPayloadError],
  ])('is written for %s, with its class and message, at error level', async (_what, env, event, errorType) => {
    const { error, summaries } = await invoke(env, event);
    expect(error).toBeInstanceOf(errorType);
    expect(summaries).toEqual([
      expect.objectContaining({
        level: 'error',
        errorClass: (error as Error).name,
        error: (error as Error).message,
        received: 0,
        forwarded: 0,
      }),
    ]);
  });

  it('keeps the counts made before the error: the logs read before a payload broke off', async () => {
    const logEvents = Array.from({ length: 400 }, (_, i) => ({ id: `${i}`, timestamp: 1, message: 'x'.repeat(100) }));
    const json = JSON.stringify({ messageType: 'DATA_MESSAGE', owner: '1', logGroup: 'g', logStream: 's', logEvents });
    const event = { awslogs: { data: gzipSync(json.slice(0, -50)).toString('base64') } };
    const { error, summaries } = await invoke(ENV, event);
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ errorClass: 'MalformedPayloadError' });
    expect(summaries[0]!.received).toBeGreaterThan(100);
  });
});
