import { readConfig } from '../../../src/config/index.js';
import { describeOrigin } from '../../../src/enrich/origin.js';
import { toRecord } from '../../../src/enrich/record.js';
import { forwarderIdentity } from '../../../src/parse/forwarder-identity.js';
import { MAX_LOG_BYTES, TRUNCATION_MARKER } from '../../../src/log-limits.js';
import { serialize, toObject, truncateMessage } from '../../../src/transform/serialize.js';
import type { LogRecord, Origin, RawLog } from '../../../src/types.js';
import { TEST_API_KEY, lambdaContext } from '../../helpers/lambda.js';

function origin(logGroup: string, env: Record<string, string> = {}): Origin {
  const { logs } = readConfig({ DD_API_KEY: TEST_API_KEY, ...env });
  const settings = { logs, identity: forwarderIdentity(lambdaContext()) };
  return describeOrigin({ eventType: 'awslogs', awslogs: { logGroup, logStream: 's', owner: '1' } }, settings);
}

const bytes = (text: string) => Buffer.byteLength(text);

describe('serialize', () => {
  const origins = [
    ['a plain log group', origin('testLogGroup')],
    ['a Lambda function', origin('/aws/lambda/fn', { DD_TAGS: 'env:prod,team:a' })],
    ['a DD_SOURCE override', origin('/aws/lambda/fn', { DD_SOURCE: 'custom' })],
  ] as const;
  const raws: [string, RawLog][] = [
    ['id, timestamp and message', { id: '3531', timestampMs: 1583425836114, message: '[ERROR] x' }],
    ['no id or timestamp', { message: 'plain' }],
    ['quotes, newlines and non-ASCII', { id: 'a"b', timestampMs: 0, message: 'line "1"\nčafé 😀\u0001' }],
    ['an empty message', { id: '1', message: '' }],
  ];

  it.each(origins.flatMap(([name, o]) => raws.map(([what, raw]) => [name, what, o, raw] as const)))(
    'the fast path for %s, %s, equals the general path',
    (_name, _what, o, raw) => {
      const record: LogRecord = { origin: o, raw, message: raw.message };
      const { json } = serialize(record);
      expect(JSON.parse(json)).toEqual(toObject(record));
      // Same key order too: the intake sees the same bytes either way.
      expect(json).toBe(JSON.stringify(toObject(record)));
    },
  );

  it('writes the record the Datadog Forwarder v5 sends for a Lambda log', () => {
    const record = toRecord(origin('/aws/lambda/fn'), { id: '1', timestampMs: 2, message: 'm' });
    const arn = 'arn:aws:lambda:us-east-1:012345678912:function:fn';
    expect(JSON.parse(serialize(record).json)).toEqual({
      id: '1',
      timestamp: 2,
      message: 'm',
      ddsource: 'lambda',
      ddsourcecategory: 'aws',
      ddtags: expect.stringMatching(/^forwardername:test_function,forwarder_version:[^,]+,env:none,aws_account:/),
      service: 'fn',
      host: arn,
      aws: {
        awslogs: { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1' },
        invoked_function_arn: 'arn:aws:lambda:us-east-1:012345678912:function:test_function',
      },
      lambda: { arn },
    });
  });

  it('applies per-log overrides over the origin', () => {
    const record = toRecord(origin('testLogGroup'), { message: '{"ddtags": "service:svc"}' });
    expect(JSON.parse(serialize(record).json)).toMatchObject({ service: 'svc', message: '{}' });
  });

  it('merges per-log extra attributes into nested origin attributes', () => {
    const o = origin('testLogGroup');
    const record: LogRecord = { origin: o, raw: { message: 'x' }, message: 'x', extra: { aws: { extra: 1 } } };
    const object = JSON.parse(serialize(record).json) as { aws: Record<string, unknown> };
    expect(object.aws).toMatchObject({ extra: 1, invoked_function_arn: expect.any(String) });
  });

  it('writes a log without a message, like a structured record, without a message field', () => {
    const record: LogRecord = { origin: origin('g'), raw: { id: '1' } };
    const object = JSON.parse(serialize(record).json) as Record<string, unknown>;
    expect(object).toEqual(toObject(record));
    expect('message' in object).toBe(false);
  });

  it('keeps structured fields at the top level, under the origin’s attributes', () => {
    const record: LogRecord = { origin: origin('g'), raw: { fields: { eventName: 'X', ddsource: 'ignored' } } };
    expect(JSON.parse(serialize(record).json)).toMatchObject({ eventName: 'X', ddsource: 'cloudwatch' });
  });

  it('truncates a log over 1 MB rather than dropping it, and says so', () => {
    const record: LogRecord = {
      origin: origin('g'),
      raw: { message: 'a'.repeat(2_000_000) },
      message: 'a'.repeat(2_000_000),
    };
    const { json, truncated } = serialize(record);
    expect(truncated).toBe(true);
    expect(bytes(json)).toBeLessThanOrEqual(MAX_LOG_BYTES);
    expect((JSON.parse(json) as { message: string }).message.endsWith(TRUNCATION_MARKER)).toBe(true);
  });
});

describe('serialize: a log with large attributes', () => {
  const bigTags = Array.from({ length: 20_000 }, (_, i) => `team${i}:value${i}`).join(',');
  const withBigTags = (() => {
    const o = origin('g', { DD_TAGS: bigTags });
    return { ...o, attributes: { ...o.attributes, big: { text: 'b'.repeat(50_000) } } };
  })();

  it('cuts the message to the room its attributes leave: the log as sent is within the limit', () => {
    const message = 'a'.repeat(2_000_000);
    const { json, truncated } = serialize({ origin: withBigTags, raw: { id: '1', message }, message });
    expect(truncated).toBe(true);
    expect(bytes(json)).toBeLessThanOrEqual(MAX_LOG_BYTES);
    expect(bytes(json)).toBeGreaterThan(MAX_LOG_BYTES - 100);
    const sent = JSON.parse(json) as Record<string, unknown>;
    expect(sent.message).toMatch(new RegExp(`^a+${TRUNCATION_MARKER.replace(/\./g, '\\.')}$`));
    // The attributes are whole: only the message was cut.
    expect(String(sent.ddtags)).toContain(bigTags);
    expect(sent.big).toEqual({ text: 'b'.repeat(50_000) });
  });

  it('cuts a message that fits alone when the attributes take the log over the limit', () => {
    const message = 'm'.repeat(900_000);
    const { json, truncated } = serialize({ origin: withBigTags, raw: { message }, message });
    expect(truncated).toBe(true);
    expect(bytes(json)).toBeLessThanOrEqual(MAX_LOG_BYTES);
  });

  it('sends a log whose own fields alone are over the limit as text: its JSON, cut, as the message', () => {
    const record: LogRecord = {
      origin: origin('g'),
      raw: { id: '7', timestampMs: 5, fields: { detail: { items: Array.from({ length: 200_000 }, (_, i) => i) } } },
    };
    const { json, truncated } = serialize(record);
    expect(truncated).toBe(true);
    expect(bytes(json)).toBeLessThanOrEqual(MAX_LOG_BYTES);
    const sent = JSON.parse(json) as Record<string, unknown>;
    expect(sent).toMatchObject({ id: '7', timestamp: 5, ddsource: 'cloudwatch', ddsourcecategory: 'aws' });
    expect(String(sent.message)).toMatch(/^\{"detail":\{"items":\[0,1,2,/);
    expect(String(sent.message).endsWith(TRUNCATION_MARKER)).toBe(true);
    expect('detail' in sent).toBe(false);
  });

  it('cuts kept fields too when one alone is over the limit (a message’s own ddtags)', () => {
    const record = toRecord(origin('g'), { message: JSON.stringify({ ddtags: `x:${'t'.repeat(1_500_000)}` }) });
    const { json, truncated } = serialize(record);
    expect(truncated).toBe(true);
    expect(bytes(json)).toBeLessThanOrEqual(MAX_LOG_BYTES);
    expect(String((JSON.parse(json) as Record<string, unknown>).ddtags).endsWith(TRUNCATION_MARKER)).toBe(true);
  });
});

describe('truncateMessage', () => {
  it.each([
    ['ASCII', 'a'],
    ['2-byte characters', 'é'],
    ['3-byte characters', '€'],
    ['4-byte characters (surrogate pairs)', '😀'],
    ['mixed widths', 'aé€😀'],
  ])('cuts %s at a character boundary, within the limit', (_why, unit) => {
    const message = unit.repeat(Math.ceil(1_200_000 / bytes(unit)));
    const result = truncateMessage(message);
    expect(result.truncated).toBe(true);
    const cut = result.message ?? '';
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    const body = cut.slice(0, -TRUNCATION_MARKER.length);
    expect(message.startsWith(body)).toBe(true);
    expect(body).not.toContain('\uFFFD');
    expect(body).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(bytes(JSON.stringify(cut))).toBeLessThanOrEqual(MAX_LOG_BYTES);
    // Not cut much shorter than it needs to be.
    expect(bytes(JSON.stringify(cut))).toBeGreaterThan(MAX_LOG_BYTES - 20_000);
  });

  it.each([
    ['control characters, six bytes each once escaped', '\u0001', 200_000],
    ['quotes, two bytes each once escaped', '"', 600_000],
    ['newlines', '\n', 600_000],
    ['lone surrogates, written as \\udXXX', '\uD800', 200_000],
  ])('counts the log as sent, escaped: %s', (_why, unit, count) => {
    // Each of these messages is under the limit as UTF-8 but over it once JSON-escaped.
    const message = unit.repeat(count);
    expect(bytes(message)).toBeLessThan(MAX_LOG_BYTES);
    const result = truncateMessage(message);
    expect(result.truncated).toBe(true);
    expect(bytes(JSON.stringify(result.message))).toBeLessThanOrEqual(MAX_LOG_BYTES);
    expect(bytes(JSON.stringify(result.message))).toBeGreaterThan(MAX_LOG_BYTES - 20_000);
  });

  it.each([
    ['undefined', undefined],
    ['short', 'hello'],
    ['large but within the limit', 'é'.repeat(400_000)],
  ])('leaves a message that fits alone: %s', (_why, message) => {
    expect(truncateMessage(message)).toEqual({ message, truncated: false });
  });
});
