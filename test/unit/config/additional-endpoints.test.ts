import { readConfig } from '../../../src/config/index.js';
import { parseLogsEndpoints, parseUrlKeyMap } from '../../../src/config/additional-endpoints.js';
import { ConfigError } from '../../../src/errors.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const KEY2 = 'k'.repeat(32);

describe('DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS', () => {
  it.each([
    ['https://intake.example/some/path', /entry 1 must be a base URL/],
    ['https://intake.example/?api_key=x', /entry 1 must be a base URL/],
    ['https://user:hunter22@intake.example', /entry 1 must not carry credentials/],
    ['intake.example/path', /entry 1: Host must be a host name/],
    ['user:hunter22@intake.example', /entry 1: Host must not carry credentials/],
  ])('refuses the Host %j, naming the variable', (host, expected) => {
    const env = {
      DD_API_KEY: TEST_API_KEY,
      DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS: JSON.stringify([{ api_key: KEY2, Host: host }]),
    };
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(/DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS is invalid/);
    expect(() => readConfig(env)).toThrow(expected);
    expect(() => readConfig(env)).not.toThrow(/hunter22/);
  });

  it('refuses a DD_ADDITIONAL_ENDPOINTS URL with a path, naming the variable', () => {
    const env = {
      DD_API_KEY: TEST_API_KEY,
      DD_ADDITIONAL_ENDPOINTS: JSON.stringify({ 'https://x.example/v1': [KEY2] }),
    };
    expect(() => readConfig(env)).toThrow(/DD_ADDITIONAL_ENDPOINTS is invalid: a key of the object must be a base URL/);
  });

  it.each([
    [
      [{ api_key: KEY2, Host: 'agent-http-intake.logs.datadoghq.com', Port: 443, is_reliable: true }],
      { baseUrl: 'https://agent-http-intake.logs.datadoghq.com:443', apiKey: KEY2, reliable: true },
    ],
    [
      [{ api_key: KEY2, Host: 'intake.example.com', is_reliable: false }],
      { baseUrl: 'https://intake.example.com:443', apiKey: KEY2, reliable: false },
    ],
    [
      [{ api_key: KEY2, Host: 'http://127.0.0.1:8080/' }],
      { baseUrl: 'http://127.0.0.1:8080', apiKey: KEY2, reliable: true },
    ],
    [
      [{ api_key: KEY2, Host: 'intake.example.com', Port: 8443, use_ssl: false }],
      { baseUrl: 'http://intake.example.com:8443', apiKey: KEY2, reliable: true },
    ],
  ])('reads %j', (value, expected) => {
    expect(parseLogsEndpoints(value)).toEqual([expected]);
  });

  it.each([
    [{}, /JSON array/],
    [[{ Host: 'h' }], /entry 1 has no api_key/],
    [[{ api_key: KEY2 }], /entry 1 has no Host/],
    [[{ api_key: KEY2, Host: 'h', Port: 70000 }], /invalid Port/],
    [[{ api_key: KEY2, Host: 'h', is_reliable: 'yes' }], /is_reliable must be true or false/],
  ])('rejects %j', (value, message) => {
    expect(() => parseLogsEndpoints(value)).toThrow(message);
  });

  it('reports a bad value without quoting the API keys in it', () => {
    const env = {
      DD_API_KEY: TEST_API_KEY,
      DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS: `[{"api_key": "${KEY2}", "Port": 1}]`,
      DD_ADDITIONAL_ENDPOINTS: `{"https://app.datadoghq.eu": "${KEY2}"`,
    };
    let error: unknown;
    try {
      readConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS is invalid: entry 1 has no Host');
    expect(message).toContain('DD_ADDITIONAL_ENDPOINTS is invalid: it is not valid JSON');
    expect(message).not.toContain(KEY2);
  });
});

describe('DD_ADDITIONAL_ENDPOINTS and DD_APM_ADDITIONAL_ENDPOINTS', () => {
  it('makes one destination per API key', () => {
    const value = { 'https://app.datadoghq.com': [KEY2, 'b'.repeat(32)], 'https://app.datadoghq.eu/': ['c'] };
    expect(parseUrlKeyMap(value)).toEqual([
      { baseUrl: 'https://app.datadoghq.com', apiKey: KEY2, reliable: true },
      { baseUrl: 'https://app.datadoghq.com', apiKey: 'b'.repeat(32), reliable: true },
      { baseUrl: 'https://app.datadoghq.eu', apiKey: 'c', reliable: true },
    ]);
  });

  it.each([[[]], [{ 'not a url': ['k'] }], [{ 'ftp://x': ['k'] }], [{ 'https://x': 'k' }], [{ 'https://x': [1] }]])(
    'rejects %j',
    (value) => {
      expect(() => parseUrlKeyMap(value)).toThrow();
    },
  );

  it('reads all three into the configuration', () => {
    const config = readConfig({
      DD_API_KEY: TEST_API_KEY,
      DD_ADDITIONAL_ENDPOINTS: JSON.stringify({ 'https://app.datadoghq.eu': [KEY2] }),
      DD_APM_ADDITIONAL_ENDPOINTS: JSON.stringify({ 'https://trace.agent.datadoghq.eu': [KEY2] }),
      DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS: JSON.stringify([{ api_key: KEY2, Host: 'h.example.com' }]),
    });
    expect(config.additionalEndpoints.metrics).toHaveLength(1);
    expect(config.additionalEndpoints.traces[0]?.baseUrl).toBe('https://trace.agent.datadoghq.eu');
    expect(config.additionalEndpoints.logs[0]?.baseUrl).toBe('https://h.example.com:443');
  });
});
