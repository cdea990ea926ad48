import { Logger, parseLogLevel } from '../../src/log.js';
import { TEST_API_KEY } from '../helpers/lambda.js';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  return { logger: new Logger(level, (line) => lines.push(line)), lines };
}

describe('Logger', () => {
  it('writes one JSON object per line: level, message, fields', () => {
    const { logger, lines } = capture();
    logger.warn('Dropped oversized record.', { sizeBytes: 12 });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { level: 'warn', message: 'Dropped oversized record.', sizeBytes: 12 },
    ]);
  });

  it('leaves out lines below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['c', 'd']);
  });

  it('never prints a registered secret, in the message or in any field', () => {
    const { logger, lines } = capture();
    logger.redactSecret(TEST_API_KEY);
    logger.error(`Request with key ${TEST_API_KEY} failed.`, {
      headers: { 'DD-API-KEY': TEST_API_KEY },
      detail: [`prefix${TEST_API_KEY}suffix`],
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TEST_API_KEY);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'error',
      message: 'Request with key *** failed.',
      headers: { 'DD-API-KEY': '***' },
      detail: ['prefix***suffix'],
    });
  });

  it('ignores secrets too short to redact without mangling every line', () => {
    const { logger, lines } = capture();
    logger.redactSecret('');
    logger.redactSecret('ab');
    logger.info('a tab b');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ message: 'a tab b' });
  });
});

describe('parseLogLevel', () => {
  it.each([
    [undefined, 'info'],
    ['DEBUG', 'debug'],
    [' info ', 'info'],
    ['warning', 'warn'],
    ['critical', 'error'],
    ['trace', undefined],
  ])('%j → %j', (value, level) => {
    expect(parseLogLevel(value)).toBe(level);
  });
});
