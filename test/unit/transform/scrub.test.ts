import { readConfig } from '../../../src/config/index.js';
import { scrub } from '../../../src/transform/scrub.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const rules = (env: Record<string, string>) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env }).logs.scrubbingRules;

describe('scrub', () => {
  it.each([
    [
      'REDACT_IP',
      { REDACT_IP: 'true' },
      '{"message":"from 10.0.0.12 and 192.168.1.1"}',
      '{"message":"from xxx.xxx.xxx.xxx and xxx.xxx.xxx.xxx"}',
    ],
    [
      'REDACT_EMAIL',
      { REDACT_EMAIL: 'true' },
      '{"message":"mail jane.doe+x@example.co.uk"}',
      '{"message":"mail xxxxx@xxxxx.com"}',
    ],
    [
      'a custom rule',
      { DD_SCRUBBING_RULE: 'token=\\w+', DD_SCRUBBING_RULE_REPLACEMENT: 'token=***' },
      '{"message":"a token=abc1 b token=def2"}',
      '{"message":"a token=*** b token=***"}',
    ],
    [
      'a custom rule without replacement (empty, as v5)',
      { DD_SCRUBBING_RULE: 'secret' },
      '{"message":"my secret"}',
      '{"message":"my "}',
    ],
    [
      'a non-ASCII rule (3.99 test_logs)',
      { DD_SCRUBBING_RULE: 'çé', DD_SCRUBBING_RULE_REPLACEMENT: 'xx' },
      '{"message":"ça çé"}',
      '{"message":"ça xx"}',
    ],
    ['nothing to scrub', { REDACT_IP: 'true' }, '{"message":"no address"}', '{"message":"no address"}'],
  ])('%s', (_why, env, json, expected) => {
    expect(scrub(json, rules(env))).toBe(expected);
  });

  it('scrubs the attributes too, not only the message', () => {
    const json = '{"message":"x","host":"10.1.2.3","ddtags":"owner:ops@example.com"}';
    expect(scrub(json, rules({ REDACT_IP: 'true', REDACT_EMAIL: 'true' }))).toBe(
      '{"message":"x","host":"xxx.xxx.xxx.xxx","ddtags":"owner:xxxxx@xxxxx.com"}',
    );
  });

  it('applies the rules in order: IP, email, custom', () => {
    const custom = { DD_SCRUBBING_RULE: 'x{3}\\.', DD_SCRUBBING_RULE_REPLACEMENT: 'IP.' };
    expect(scrub('1.2.3.4', rules({ REDACT_IP: 'true', ...custom }))).toBe('IP.IP.IP.xxx');
  });

  it('scrubs every occurrence, call after call (global patterns keep no state)', () => {
    const ipRules = rules({ REDACT_IP: 'true' });
    expect([1, 2].map(() => scrub('1.1.1.1 2.2.2.2', ipRules))).toEqual([
      'xxx.xxx.xxx.xxx xxx.xxx.xxx.xxx',
      'xxx.xxx.xxx.xxx xxx.xxx.xxx.xxx',
    ]);
  });

  it.each([
    ['$&', 'a $& b'],
    ['$1', 'a $1 b'],
    ['$$', 'a $$ b'],
  ])('inserts the replacement %j literally, as Python’s re.sub does with "$"', (replacement, expected) => {
    const custom = rules({ DD_SCRUBBING_RULE: '(s3cr3t)', DD_SCRUBBING_RULE_REPLACEMENT: replacement });
    expect(scrub('a s3cr3t b', custom)).toBe(expected);
  });
});
