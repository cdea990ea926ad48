import { readConfig, readConfigTracked } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';
import { loadRe2 } from '../../../src/regex/re2-loader.js';

// Patterns that run on re2js need it loaded, as deps.ts does at start-up.
beforeAll(loadRe2);

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('readConfig accepted the environment');
}

const withKey = (env: Record<string, string> = {}) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env });

describe('readConfig', () => {
  it('has the Datadog Forwarder’s defaults', () => {
    const config = withKey();
    expect(config.apiKey).toEqual({ kind: 'plain', value: TEST_API_KEY });
    expect(config.logLevel).toBe('info');
    expect(config.intake).toEqual({
      site: 'datadoghq.com',
      logsUrl: 'https://http-intake.logs.datadoghq.com:443',
      useCompression: true,
      logsCompression: 'zstd',
      compressionLevel: 6,
      maxWorkers: 20,
      skipSslValidation: false,
      requestTimeoutMs: 10_000,
      logsHeaders: { 'DD-STORAGE-TAG': 's3,cloudwatch' },
      warnings: [],
    });
    expect(config.logs).toMatchObject({
      forwardLogs: true,
      tags: [],
      detectSources: false,
      scrubbingRules: [],
    });
    expect(config.logs.sourceOverride).toBeUndefined();
    expect(config.logs.includeAtMatch).toBeUndefined();
  });

  it('lists every problem at once, each naming its variable', () => {
    const problems = problemsOf({
      DD_NO_SSL: 'yes',
      DD_PORT: 'http',
      DD_MAX_WORKERS: '0',
      INCLUDE_AT_MATCH: '(unclosed',
      DD_LOG_LEVEL: 'verbose',
    });
    expect(problems).toHaveLength(6);
    for (const name of ['DD_API_KEY', 'DD_NO_SSL', 'DD_PORT', 'DD_MAX_WORKERS', 'INCLUDE_AT_MATCH', 'DD_LOG_LEVEL']) {
      expect(problems.filter((p) => p.startsWith(name))).toHaveLength(1);
    }
  });

  it('says how many problems there are and lists them in the error message', () => {
    expect(() => readConfig({ DD_NO_SSL: 'yes' })).toThrow(/Invalid configuration \(2 problems\):\n- .*\n- /);
  });

  it.each([
    ['TRUE', true],
    ['False', false],
    [' true ', true],
    ['', false],
  ])('reads the boolean %j as %s', (value, expected) => {
    expect(withKey({ DD_NO_SSL: value }).intake.logsUrl.startsWith(expected ? 'http:' : 'https:')).toBe(true);
  });

  it.each(['1', 'yes', 'on', 'truee'])('rejects the boolean %j, quoting it', (value) => {
    expect(problemsOf({ DD_API_KEY: TEST_API_KEY, DD_FORWARD_LOG: value })).toEqual([
      `DD_FORWARD_LOG must be true or false, got ${JSON.stringify(value)}.`,
    ]);
  });

  it.each([
    ['gzip', 'gzip'],
    [' ZSTD ', 'zstd'],
  ])('reads FORWARDER_LOGS_COMPRESSION=%j', (value, expected) => {
    expect(withKey({ FORWARDER_LOGS_COMPRESSION: value }).intake.logsCompression).toBe(expected);
  });

  it('refuses a FORWARDER_LOGS_COMPRESSION it does not know, naming the choices', () => {
    expect(problemsOf({ DD_API_KEY: TEST_API_KEY, FORWARDER_LOGS_COMPRESSION: 'brotli' })).toEqual([
      'FORWARDER_LOGS_COMPRESSION must be zstd or gzip, got "brotli".',
    ]);
  });

  it.each([
    ['DD_COMPRESSION_LEVEL', '0', (c: ReturnType<typeof withKey>) => c.intake.compressionLevel, 0],
    ['DD_COMPRESSION_LEVEL', '9', (c: ReturnType<typeof withKey>) => c.intake.compressionLevel, 9],
    ['DD_MAX_WORKERS', ' 4 ', (c: ReturnType<typeof withKey>) => c.intake.maxWorkers, 4],
    ['FORWARDER_REQUEST_TIMEOUT_SECONDS', '3', (c: ReturnType<typeof withKey>) => c.intake.requestTimeoutMs, 3000],
  ])('reads the number %s=%j', (name, value, read, expected) => {
    expect(read(withKey({ [name]: value }))).toBe(expected);
  });

  it.each([
    ['DD_COMPRESSION_LEVEL', '10'],
    ['DD_COMPRESSION_LEVEL', '-1'],
    ['DD_PORT', '65536'],
    ['DD_PORT', '80.5'],
    ['DD_PORT', '0x50'],
    ['DD_MAX_WORKERS', '1e1'],
    ['DD_MAX_WORKERS', 'twenty'],
  ])('rejects the number %s=%j, with the valid range', (name, value) => {
    const [problem] = problemsOf({ DD_API_KEY: TEST_API_KEY, [name]: value });
    expect(problem).toMatch(new RegExp(`^${name} must be a whole number from \\d+ to \\d+, got "${value}"\\.$`));
  });

  it.each([
    [{ DD_SITE: 'datadoghq.eu' }, 'https://http-intake.logs.datadoghq.eu:443'],
    [{ DD_URL: 'recorder', DD_PORT: '8080', DD_NO_SSL: 'true' }, 'http://recorder:8080'],
    [{ DD_URL: 'http://127.0.0.1:9000/' }, 'http://127.0.0.1:9000'],
  ])('builds the logs intake URL from %j', (env, expected) => {
    expect(withKey(env).intake.logsUrl).toBe(expected);
  });

  it.each([
    ['my intake', /^DD_URL must be a host name .*got "my intake"\.$/],
    ['intake/path', /^DD_URL must be a host name /],
    ['intake:443', /^DD_URL must be a host name \(the port is set apart\)/],
    ['ftp://intake', /^DD_URL must be a host name /],
    ['user:hunter22@intake', /^DD_URL must not carry credentials/],
    ['https://intake.example/some/path', /^DD_URL must be a base URL .*without a path, query or fragment/],
    ['https://intake.example/?api_key=KEY', /^DD_URL must be a base URL /],
    ['https://intake.example?api_key=KEY', /^DD_URL must be a base URL /],
    ['https://intake.example/#x', /^DD_URL must be a base URL /],
    ['https://user:hunter22@intake.example', /^DD_URL must not carry credentials/],
  ])('refuses a DD_URL that is not a host or a base URL: %j', (value, expected) => {
    const problems = problemsOf({ DD_API_KEY: TEST_API_KEY, DD_URL: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
    expect(problems[0]).not.toContain('hunter22');
  });

  it.each(['DD_API_URL', 'DD_TRACE_INTAKE_URL'])('refuses a %s with a path, a query or credentials', (name) => {
    for (const value of ['https://x.example/v1', 'https://x.example/?k=v', 'https://u:hunter22@x.example']) {
      const problems = problemsOf({ DD_API_KEY: TEST_API_KEY, [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name} must (be a base URL|not carry credentials)`));
      expect(problems[0]).not.toContain('hunter22');
    }
    expect(() => withKey({ [name]: 'https://x.example:8443/' })).not.toThrow();
  });

  it.each([
    [{}, { 'DD-STORAGE-TAG': 's3,cloudwatch' }],
    [{ DD_ENRICH_S3_TAGS: 'false' }, { 'DD-STORAGE-TAG': 'cloudwatch' }],
    [{ DD_ENRICH_S3_TAGS: 'false', DD_ENRICH_CLOUDWATCH_TAGS: 'false' }, {}],
    [
      { DD_STEP_FUNCTIONS_TRACE_ENABLED: 'TRUE' },
      { 'DD-STORAGE-TAG': 's3,cloudwatch', 'DD-STEP-FUNCTIONS-TRACE-ENABLED': 'true' },
    ],
  ])('sends the intake headers of %j', (env, expected) => {
    expect(withKey(env).intake.logsHeaders).toEqual(expected);
  });

  it.each([
    ['warning', 'warn'],
    ['CRITICAL', 'error'],
    ['Debug', 'debug'],
  ])('reads DD_LOG_LEVEL=%s as %s', (value, expected) => {
    expect(withKey({ DD_LOG_LEVEL: value }).logLevel).toBe(expected);
  });

  it('splits DD_TAGS on commas, keeping spaces and empty entries as written (the Datadog Forwarder does)', () => {
    expect(withKey({ DD_TAGS: 'env:prod, team:a,,service:web ,' }).logs.tags).toEqual([
      'env:prod',
      ' team:a',
      '',
      'service:web ',
      '',
    ]);
    expect(withKey({ DD_TAGS: '' }).logs.tags).toEqual([]);
  });

  it('compiles the filters unanchored, as Python’s re.search', () => {
    const { logs } = withKey({ INCLUDE_AT_MATCH: 'ERROR', EXCLUDE_AT_MATCH: '^DEBUG' });
    expect(logs.includeAtMatch?.search('[ERROR] x')).toBe(true);
    expect(logs.excludeAtMatch?.search('x DEBUG')).toBe(false);
  });

  it('builds the scrubbing rules in order: IP, email, custom', () => {
    const { logs } = withKey({
      REDACT_IP: 'true',
      REDACT_EMAIL: 'true',
      DD_SCRUBBING_RULE: 'secret-\\d+',
      DD_SCRUBBING_RULE_REPLACEMENT: '[redacted]',
    });
    expect(logs.scrubbingRules.map((r) => [r.name, r.pattern.source, r.replacement])).toEqual([
      ['REDACT_IP', '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}', ['xxx.xxx.xxx.xxx']],
      ['REDACT_EMAIL', '[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+', ['xxxxx@xxxxx.com']],
      ['DD_SCRUBBING_RULE', 'secret-\\d+', ['[redacted]']],
    ]);
  });

  it('reads REDACT_IP=false as off (v5 semantics, not v3’s presence)', () => {
    expect(withKey({ REDACT_IP: 'false', REDACT_EMAIL: 'false' }).logs.scrubbingRules).toEqual([]);
  });

  it('defaults the scrubbing replacement to empty, as v5', () => {
    expect(withKey({ DD_SCRUBBING_RULE: 'x' }).logs.scrubbingRules[0]?.replacement).toEqual([]);
  });

  it.each(['DD_SCRUBBING_RULE', 'EXCLUDE_AT_MATCH', 'DD_MULTILINE_LOG_REGEX_PATTERN'])(
    'reports a bad regular expression in %s at start-up',
    (name) => {
      const [problem] = problemsOf({ DD_API_KEY: TEST_API_KEY, [name]: '[a-' });
      expect(problem).toMatch(new RegExp(`^${name} is not a valid Python regular expression: `));
    },
  );

  it.each([
    ['INCLUDE_AT_MATCH', '(?i)error', 'An Error'],
    ['EXCLUDE_AT_MATCH', '(?s)start.*end', 'start\nend'],
    ['DD_SCRUBBING_RULE', '(?P<user>\\w+)@', 'josé@example.com'],
    ['DD_MULTILINE_LOG_REGEX_PATTERN', '(?i)error', 'ERROR x'],
  ])('reads %s=%j as Python does', (name, pattern, text) => {
    const { logs } = withKey({ [name]: pattern });
    const regex = { ...Object.fromEntries(logs.scrubbingRules.map((r) => [r.name, r.pattern])), ...logs }[
      name === 'INCLUDE_AT_MATCH'
        ? 'includeAtMatch'
        : name === 'EXCLUDE_AT_MATCH'
          ? 'excludeAtMatch'
          : name === 'DD_MULTILINE_LOG_REGEX_PATTERN'
            ? 'multilinePattern'
            : name
    ] as { search(text: string): boolean } | undefined;
    expect(regex?.search(text)).toBe(true);
  });

  it('refuses at start-up a pattern Python accepts but Forwarder cannot run exactly, naming it', () => {
    const problems = problemsOf({ DD_API_KEY: TEST_API_KEY, INCLUDE_AT_MATCH: '(a)\\1', EXCLUDE_AT_MATCH: 'x(?=y)' });
    expect(problems).toEqual([
      expect.stringMatching(
        /^INCLUDE_AT_MATCH uses a back reference \(\\1\) at position 3, which Forwarder cannot run/,
      ),
      expect.stringMatching(/^EXCLUDE_AT_MATCH uses a lookahead \(\?=\.\.\.\)/),
    ]);
  });

  it('reads DD_SCRUBBING_RULE_REPLACEMENT as a Python template: \\1 is the first group', () => {
    const { logs } = withKey({ DD_SCRUBBING_RULE: '(user)=\\w+', DD_SCRUBBING_RULE_REPLACEMENT: '\\1=\\\\***' });
    expect(logs.scrubbingRules[0]?.replacement).toEqual([1, '=\\***']);
  });

  it('refuses at start-up a replacement that Python would fail the batch on', () => {
    const [problem] = problemsOf({
      DD_API_KEY: TEST_API_KEY,
      DD_SCRUBBING_RULE: 'secret',
      DD_SCRUBBING_RULE_REPLACEMENT: '\\x',
    });
    expect(problem).toBe(
      'DD_SCRUBBING_RULE_REPLACEMENT is not a valid Python replacement: bad escape \\x at position 0.',
    );
  });

  it('anchors the multiline pattern at the start of a line', () => {
    const pattern = withKey({ DD_MULTILINE_LOG_REGEX_PATTERN: '\\d{4}-|ERROR' }).logs.multilinePattern;
    expect(pattern?.matchStart('2024-01-01 x')).toBe(true);
    expect(pattern?.matchStart('x ERROR')).toBe(false);
  });

  it('reads DD_SOURCE and FORWARDER_DETECT_SOURCES', () => {
    expect(withKey({ DD_SOURCE: ' mysource ', FORWARDER_DETECT_SOURCES: 'true' }).logs).toMatchObject({
      sourceOverride: 'mysource',
      detectSources: true,
    });
  });

  it('returns a deeply frozen object', () => {
    const config = withKey({ DD_TAGS: 'a:b', REDACT_IP: 'true' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.intake.logsHeaders)).toBe(true);
    expect(Object.isFrozen(config.logs.tags)).toBe(true);
    expect(Object.isFrozen(config.logs.scrubbingRules[0])).toBe(true);
    // A compiled pattern is left unfrozen: the engine keeps caches in it.
    expect(Object.isFrozen(config.logs.scrubbingRules[0]?.pattern)).toBe(false);
  });

  it('remembers every variable it read', () => {
    const { names } = readConfigTracked({ DD_API_KEY: TEST_API_KEY });
    for (const name of ['DD_API_KEY', 'DD_SITE', 'DD_TAGS', 'FORWARDER_DETECT_SOURCES', 'REDACT_IP']) {
      expect(names).toContain(name);
    }
  });
});

describe('readConfig, DD_API_KEY', () => {
  it.each<Record<string, string>>([
    {},
    { DD_API_KEY: '' },
    { DD_API_KEY: '   ' },
    { DD_API_KEY: '<YOUR_DATADOG_API_KEY>' },
  ])('reports a missing key for %j', (env) => {
    expect(problemsOf(env)).toEqual([
      'DD_API_KEY is not set: set it to your Datadog API key (32 characters), or set DD_API_KEY_SECRET_ARN, DD_API_KEY_SSM_NAME or DD_KMS_API_KEY.',
    ]);
  });

  it('accepts a key with surrounding spaces, trimmed', () => {
    expect(readConfig({ DD_API_KEY: ` ${TEST_API_KEY}\n` }).apiKey).toEqual({ kind: 'plain', value: TEST_API_KEY });
  });

  it.each([
    ['too short', 'abcdef0123456789abcdef012345678'],
    ['too long', 'abcdef0123456789abcdef0123456789a'],
    ['not alphanumeric', 'abcdef0123456789abcdef012345678-'],
  ])('rejects a key that is %s without printing it', (_why, key) => {
    let message = '';
    try {
      readConfig({ DD_API_KEY: key, DD_NO_SSL: 'maybe' });
    } catch (error) {
      message = `${(error as Error).message} ${JSON.stringify((error as ConfigError).problems)}`;
    }
    expect(message).toContain(
      `The API key from DD_API_KEY must be 32 letters and digits (it has ${key.length} characters).`,
    );
    expect(message).not.toContain(key);
    // Not even a long piece of it.
    expect(message).not.toContain(key.slice(0, 12));
  });
});
