import { ConfigError } from '../../../src/errors.js';
import { readConfig } from '../../../src/config/index.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const metrics = (env: Record<string, string> = {}) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env }).metrics;

describe('metrics configuration', () => {
  it('defaults: everything on, the metrics API of the site', () => {
    expect(metrics()).toEqual({
      apiUrl: 'https://api.datadoghq.com',
      forwardMetrics: true,
      enhancedMetrics: true,
      telemetry: true,
      arm64Functions: undefined,
    });
  });

  it.each([
    [{ DD_SITE: 'datadoghq.eu' }, 'https://api.datadoghq.eu'],
    [{ DD_SITE: 'datadoghq.eu', DD_NO_SSL: 'true' }, 'http://api.datadoghq.eu'],
    [{ DD_API_URL: 'http://127.0.0.1:8080/' }, 'http://127.0.0.1:8080'],
  ])('metrics API URL for %j', (env, expected) => {
    expect(metrics(env).apiUrl).toBe(expected);
  });

  it('reports a bad DD_NO_SSL once, not once more for the metrics URL', () => {
    expect(() => metrics({ DD_NO_SSL: 'yes' })).toThrow(/\(1 problem\)/);
  });

  it('reads the switches', () => {
    const config = metrics({
      DD_FORWARD_METRICS: 'FALSE',
      FORWARDER_ENHANCED_METRICS: 'false',
      FORWARDER_TELEMETRY: 'False',
    });
    expect(config).toMatchObject({ forwardMetrics: false, enhancedMetrics: false, telemetry: false });
  });

  it("keeps the Datadog Forwarder's meaning of DD_ENHANCED_METRICS: false does not switch off the metrics from logs", () => {
    // A Datadog stack updated in place keeps DdEnhancedMetrics=false, its template's default, and its enhanced
    // metrics (datadog-serverless-functions aws/logs_monitoring/enhanced_lambda_metrics.py, 5.4.11).
    expect(metrics({ DD_ENHANCED_METRICS: 'false' }).enhancedMetrics).toBe(true);
    expect(metrics({ DD_ENHANCED_METRICS: 'true', FORWARDER_ENHANCED_METRICS: 'false' }).enhancedMetrics).toBe(false);
  });

  it('reports every bad metrics variable at once', () => {
    let error: unknown;
    try {
      metrics({ DD_ENHANCED_METRICS: 'yes', DD_API_URL: 'ftp://x', FORWARDER_ARM64_FUNCTIONS: 'ok, bad name' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^DD_API_URL must be an http/),
      expect.stringMatching(/^DD_ENHANCED_METRICS must be true or false/),
      expect.stringMatching(/^FORWARDER_ARM64_FUNCTIONS must list function names.*not "bad name"\.$/),
    ]);
  });
});
