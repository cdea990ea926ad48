import { readConfig } from '../../../src/config/index.js';
import { Scrubber, scrubberFor, type TextRedactor } from '../../../src/transform/scrub.js';
import type { LogRecord, Origin } from '../../../src/types.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';
import { loadRe2 } from '../../../src/regex/re2-loader.js';

// Patterns that run on re2js need it loaded, as deps.ts does at start-up.
beforeAll(loadRe2);

const scrubber = (env: Record<string, string>) => scrubberFor(readConfig({ DD_API_KEY: TEST_API_KEY, ...env }).logs)!;

describe('Scrubber.text', () => {
  it.each([
    ['REDACT_IP', { REDACT_IP: 'true' }, 'from 10.0.0.12 and 192.168.1.1', 'from xxx.xxx.xxx.xxx and xxx.xxx.xxx.xxx'],
    ['REDACT_IP on Unicode digits (Python’s \\d)', { REDACT_IP: 'true' }, 'from ١٠.٠.٠.١', 'from xxx.xxx.xxx.xxx'],
    ['REDACT_EMAIL', { REDACT_EMAIL: 'true' }, 'mail jane.doe+x@example.co.uk', 'mail xxxxx@xxxxx.com'],
    [
      'a custom rule',
      { DD_SCRUBBING_RULE: 'token=\\w+', DD_SCRUBBING_RULE_REPLACEMENT: 'token=***' },
      'a token=abc1 b token=déf2',
      'a token=*** b token=***',
    ],
    ['a custom rule without replacement (empty, as v5)', { DD_SCRUBBING_RULE: 'secret' }, 'my secret', 'my '],
    [
      'a non-ASCII rule (3.99 test_logs)',
      { DD_SCRUBBING_RULE: 'çé', DD_SCRUBBING_RULE_REPLACEMENT: 'xx' },
      'ça çé',
      'ça xx',
    ],
    [
      'a replacement with groups, as Python’s re.sub',
      { DD_SCRUBBING_RULE: '(?P<key>password)=\\S+', DD_SCRUBBING_RULE_REPLACEMENT: '\\g<key>=<\\1>' },
      'password=hunter2 ok',
      'password=<password> ok',
    ],
    [
      'an inline flag',
      { DD_SCRUBBING_RULE: '(?i)bearer \\S+', DD_SCRUBBING_RULE_REPLACEMENT: 'Bearer -' },
      'BEARER abc',
      'Bearer -',
    ],
  ])('%s', (_why, env, text, expected) => {
    expect(scrubber(env).text(text)).toBe(expected);
  });

  it('applies the rules in order: IP, email, custom', () => {
    const custom = { DD_SCRUBBING_RULE: 'x{3}\\.', DD_SCRUBBING_RULE_REPLACEMENT: 'IP.' };
    expect(scrubber({ REDACT_IP: 'true', ...custom }).text('1.2.3.4')).toBe('IP.IP.IP.xxx');
  });

  it.each([
    ['$&', 'a $& b'],
    ['$1', 'a $1 b'],
  ])('inserts %j as is: "$" means nothing to Python’s re.sub', (replacement, expected) => {
    expect(
      scrubber({ DD_SCRUBBING_RULE: '(s3cr3t)', DD_SCRUBBING_RULE_REPLACEMENT: replacement }).text('a s3cr3t b'),
    ).toBe(expected);
  });

  it('returns the same string when nothing matches', () => {
    const text = 'no address here';
    expect(scrubber({ REDACT_IP: 'true' }).text(text)).toBe(text);
  });
});

describe('Scrubber.record', () => {
  const origin: Origin = {
    source: { eventType: 'events' },
    ddsource: 'cloudwatch',
    service: 'svc',
    host: '10.1.2.3',
    tags: ['env:prod', 'owner:ops@example.com'],
    attributes: { aws: { invoked_function_arn: 'arn:aws:lambda:us-east-1:1:function:f' } },
  };
  const record = (fields: Record<string, unknown>): LogRecord => ({ origin, raw: { fields } });

  it('redacts the values of fields, tags and host, not the keys', () => {
    const s = scrubber({ REDACT_IP: 'true', REDACT_EMAIL: 'true' });
    const out = s.record(record({ 'ip 10.0.0.1': { list: ['10.0.0.2', 3] } }));
    expect(out.raw.fields).toEqual({ 'ip 10.0.0.1': { list: ['xxx.xxx.xxx.xxx', 3] } });
    expect(out.origin).toMatchObject({ host: 'xxx.xxx.xxx.xxx', tags: ['env:prod', 'owner:xxxxx@xxxxx.com'] });
  });

  it('redacts an origin once and keeps what nothing matched in as it was', () => {
    const seen: string[] = [];
    const counting: TextRedactor = { redact: (text) => (seen.push(text), text) };
    const s = new Scrubber([counting]);
    const fields = { a: 'x' };
    const first = s.record(record(fields));
    const second = s.record(record(fields));
    expect(first.origin).toBe(second.origin);
    expect(first.raw.fields).toBe(fields);
    expect(seen.filter((t) => t === 'env:prod,owner:ops@example.com')).toHaveLength(1);
  });

  it('counts how many matches each rule replaced, by rule, the origin counted for every record', () => {
    const s = scrubber({ REDACT_IP: 'true', REDACT_EMAIL: 'true' });
    const fields = { a: '10.0.0.1 and 10.0.0.2', b: 'c@example.com', c: 'nothing' };
    const first: Record<string, number> = {};
    const counted = s.record(record(fields), first);
    expect(counted).toEqual(s.record(record(fields)));
    // The origin's tags and host (one email, one address) are counted for every record, not only the first.
    expect(first).toEqual({ REDACT_EMAIL: 2, REDACT_IP: 3 });
    const second: Record<string, number> = {};
    s.record(record({}), second);
    expect(second).toEqual({ REDACT_EMAIL: 1, REDACT_IP: 1 });
  });
});

it('scrubs a field named __proto__ as data', () => {
  const fields = JSON.parse('{"__proto__": {"ip": "10.0.0.1"}}') as Record<string, unknown>;
  const origin = { source: { eventType: 'events' }, ddsource: 's', service: '', tags: [], attributes: {} } as const;
  const out = scrubber({ REDACT_IP: 'true' }).record({ origin, raw: { fields } });
  expect(JSON.stringify(out.raw.fields)).toBe('{"__proto__":{"ip":"xxx.xxx.xxx.xxx"}}');
});
