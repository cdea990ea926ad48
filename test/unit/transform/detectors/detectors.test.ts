// The detector registry and how detectors redact together: the setting, precedence between overlapping finds,
// counts, field-name context, and their place after the scrubbing rules. The corpus test measures each one.
import { readConfig } from '../../../../src/config/index.js';
import { ConfigError } from '../../../../src/errors.js';
import { DETECTOR_NAMES, detectorRedactor } from '../../../../src/transform/detectors/index.js';
import { scrubberFor } from '../../../../src/transform/scrub.js';
import type { LogRecord, Origin } from '../../../../src/types.js';
import { TEST_API_KEY } from '../../../helpers/lambda.js';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUgUm9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

const config = (env: Record<string, string>) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env });

describe('FORWARDER_REDACT', () => {
  it('reads names in any case and order, spaces and empty items ignored, in documented order', () => {
    expect(config({ FORWARDER_REDACT: ' IPv4, email,,jwt ,email' }).logs.redact).toEqual(['jwt', 'email', 'ipv4']);
    expect(config({}).logs.redact).toEqual([]);
  });

  it('refuses an unknown name, listing the known ones', () => {
    let error: unknown;
    try {
      config({ FORWARDER_REDACT: 'email,ssn,credit_card' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `FORWARDER_REDACT has an unknown redaction detector "ssn", "credit_card"; known detectors: ${DETECTOR_NAMES.join(', ')}.`,
    ]);
  });
});

describe('detectorRedactor', () => {
  const all = detectorRedactor(DETECTOR_NAMES)!;

  it.each([
    ['a JWT after Bearer is a JWT', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer [REDACTED_JWT]', { jwt: 1 }],
    ['an IPv4-mapped IPv6 address is one IPv6 address', 'from ::ffff:10.0.0.1', 'from [REDACTED_IPV6]', { ipv6: 1 }],
    [
      'a key id and the secret after it',
      `${KEY_ID}:${SECRET}`,
      '[REDACTED_AWS_ACCESS_KEY_ID]:[REDACTED_AWS_SECRET_ACCESS_KEY]',
      { aws_access_key_id: 1, aws_secret_access_key: 1 },
    ],
    [
      'only what was found, the rest kept',
      'jane@example.com paid with 4111 1111 1111 1111 from 10.0.0.1.',
      'xxxxx@xxxxx.com paid with [REDACTED_CARD_NUMBER] from xxx.xxx.xxx.xxx.',
      { email: 1, card_number: 1, ipv4: 1 },
    ],
    ['nothing to find', 'GET /healthz 200 in 3 ms', 'GET /healthz 200 in 3 ms', {}],
    // At the edges of the detectors' quick searches for what a text must have to hold one.
    [
      'an IPv6 address of 8 groups, and one of 6 and an IPv4 address (6 colons)',
      'to 2001:db8:85a3:0:0:8a2e:370:7334, 64:ff9b:0:0:0:0:10.0.0.1',
      'to [REDACTED_IPV6], [REDACTED_IPV6]',
      { ipv6: 2 },
    ],
    [
      'a card in groups of 4, 6 and 5 digits',
      'amex 3782-822463-10005 ok',
      'amex [REDACTED_CARD_NUMBER] ok',
      { card_number: 1 },
    ],
    ['a card of 13 digits in one run', 'visa 4222222222222 ok', 'visa [REDACTED_CARD_NUMBER] ok', { card_number: 1 }],
  ])('%s', (_why, text, expected, counts) => {
    const hits: Record<string, number> = {};
    expect(all.redact(text, undefined, hits)).toBe(expected);
    expect(hits).toEqual(counts);
  });

  it('runs only the detectors named', () => {
    expect(detectorRedactor(['email'])!.redact('jane@example.com at 10.0.0.1')).toBe('xxxxx@xxxxx.com at 10.0.0.1');
    expect(detectorRedactor([])).toBeUndefined();
  });

  it('refuses an unknown name', () => {
    expect(() => detectorRedactor(['email', 'ssn'])).toThrow('Unknown redaction detector "ssn"; known detectors:');
  });
});

describe('the scrubber with detectors', () => {
  const origin: Origin = {
    source: { eventType: 'events' },
    ddsource: 'cloudwatch',
    service: 'svc',
    host: '10.1.2.3',
    tags: ['env:prod'],
    attributes: {},
  };
  const record = (fields: Record<string, unknown>): LogRecord => ({ origin, raw: { fields } });

  it('uses the field name as context, counts per detector, and counts a shared value once per log', () => {
    const scrubber = scrubberFor(config({ FORWARDER_REDACT: 'aws_secret_access_key,ipv4' }).logs)!;
    const hits: Record<string, number> = {};
    const fields = { creds: { aws_secret_access_key: SECRET, etag: SECRET } };
    const out = scrubber.record(record(fields), hits);
    scrubber.record(record({}), hits);
    expect(out.raw.fields).toEqual({
      creds: { aws_secret_access_key: '[REDACTED_AWS_SECRET_ACCESS_KEY]', etag: SECRET },
    });
    expect(out.origin.host).toBe('xxx.xxx.xxx.xxx');
    expect(hits).toEqual({ aws_secret_access_key: 1, ipv4: 2 });
  });

  it('runs after the scrubbing rules, which see the text they always saw', () => {
    const logs = config({ REDACT_IP: 'true', FORWARDER_REDACT: 'ipv4,email', DD_SCRUBBING_RULE: 'jane' }).logs;
    const hits: Record<string, number> = {};
    expect(scrubberFor(logs)!.text('jane@example.com from 10.0.0.1', undefined, hits)).toBe(
      '@example.com from xxx.xxx.xxx.xxx',
    );
    // The rules' replacements are counted under the rules' names; the detectors find nothing left to redact.
    expect(hits).toEqual({ DD_SCRUBBING_RULE: 1, REDACT_IP: 1 });
  });

  it('adds a routing rule’s scrubbing rules after the setting’s, and its detectors, built once per rule', () => {
    const logs = config({
      FORWARDER_REDACT: 'email',
      DD_SCRUBBING_RULE: 'secret',
      DD_SCRUBBING_RULE_REPLACEMENT: 's',
    }).logs;
    const rule = { scrubbingRules: config({ DD_SCRUBBING_RULE: 's' }).logs.scrubbingRules, redact: ['ipv4'] };
    const scrubber = scrubberFor(logs, rule)!;
    expect(scrubber.text('secret jane@example.com from 10.0.0.1')).toBe(' xxxxx@xxxxx.com from xxx.xxx.xxx.xxx');
    expect(scrubberFor(logs, rule)).toBe(scrubber);
    expect(scrubberFor(logs)!.text('secret 10.0.0.1')).toBe('s 10.0.0.1');
    expect(scrubberFor(logs, { scrubbingRules: [], redact: [] })).toBe(scrubberFor(logs));
    const none = config({}).logs;
    expect(scrubberFor(none)).toBeUndefined();
    // Cached as "none": asked again (as for every log), still no scrubber.
    expect(scrubberFor(none)).toBeUndefined();
    expect(scrubberFor(none, { scrubbingRules: [], redact: ['email'] })).toBeDefined();
  });
});

describe('texts built to make a scanner go back over what it read', () => {
  const all = detectorRedactor(DETECTOR_NAMES)!;
  const n = 100_000;
  it.each([
    ['dots between digits', '1.'.repeat(n)],
    ['colons between hex digits', 'a:'.repeat(n)],
    ['at signs after a long local part', `${'a'.repeat(n)}${'@'.repeat(n)}`],
    ['at signs between letters', 'a@'.repeat(n)],
    ['JWT-like heads', 'eyJ.'.repeat(n)],
    ['digit groups', '1234 '.repeat(n)],
    ['bearer words', 'Bearer '.repeat(n)],
    ['secret names', 'secret_key='.repeat(n)],
    ['key id prefixes', 'AKIA'.repeat(n)],
    ['backslashes', '\\'.repeat(n) + 'n10.0.0.1'],
  ])('%s: scanned once, nothing redacted that is not there', (_why, text) => {
    const hits: Record<string, number> = {};
    const out = all.redact(text, undefined, hits);
    expect(out.length).toBeLessThanOrEqual(text.length + 15);
    expect(Object.values(hits).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
  });
});
