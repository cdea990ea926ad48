import { readConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const traces = (env: Record<string, string>) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env }).traces;

describe('traces configuration', () => {
  it('defaults: traces forwarded to the site trace intake, trace context on', () => {
    expect(traces({})).toEqual({
      forwardTraces: true,
      intakeUrl: 'https://trace.agent.datadoghq.com',
      serviceMapping: {},
      replaceTags: [],
      ignoreResources: [],
      traceContext: true,
    });
    expect(traces({ DD_SITE: 'datadoghq.eu', DD_NO_SSL: 'true' }).intakeUrl).toBe('http://trace.agent.datadoghq.eu');
    expect(traces({ DD_TRACE_INTAKE_URL: 'http://127.0.0.1:8126/' }).intakeUrl).toBe('http://127.0.0.1:8126');
  });

  it('reads DD_SERVICE_MAPPING pairs', () => {
    expect(traces({ DD_SERVICE_MAPPING: 'lambda_sqs:queues, 08se3mvh28:api' }).serviceMapping).toEqual({
      lambda_sqs: 'queues',
      '08se3mvh28': 'api',
    });
  });

  it('reads DD_APM_REPLACE_TAGS, turning Go inline flags into RegExp flags', () => {
    const [rule] = traces({
      DD_APM_REPLACE_TAGS: '[{"name":"function.request.headers.auth","pattern":"(?s).*","repl":""}]',
    }).replaceTags;
    expect(rule!.name).toBe('function.request.headers.auth');
    expect(rule!.pattern.flags).toBe('gs');
    expect('a\nb'.replace(rule!.pattern, '')).toBe('');
  });

  it('reads DD_APM_IGNORE_RESOURCES, quoted entries holding commas', () => {
    const patterns = traces({ DD_APM_IGNORE_RESOURCES: '"GET /health,check",^OPTIONS ' }).ignoreResources;
    expect(patterns.map((p) => p.source)).toEqual(['GET \\/health,check', '^OPTIONS']);
  });

  it('reports every bad traces variable at once, without echoing values that could be secrets', () => {
    let error: unknown;
    try {
      traces({
        DD_FORWARD_TRACES: 'yes',
        DD_SERVICE_MAPPING: 'a:b:c',
        DD_APM_REPLACE_TAGS: '[{"name":"*","pattern":"("}]',
        DD_APM_IGNORE_RESOURCES: '[',
        FORWARDER_TRACE_CONTEXT: 'maybe',
        DD_TRACE_INTAKE_URL: 'ftp://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'DD_FORWARD_TRACES',
      'DD_SERVICE_MAPPING',
      'DD_APM_REPLACE_TAGS[0].pattern',
      'DD_APM_IGNORE_RESOURCES',
      'FORWARDER_TRACE_CONTEXT',
      'DD_TRACE_INTAKE_URL',
    ]) {
      expect(problems).toContain(name);
    }
    expect(() => traces({ DD_APM_REPLACE_TAGS: 'not json' })).toThrow('DD_APM_REPLACE_TAGS must be a JSON list');
  });

  it('does not report a bad DD_NO_SSL twice (intake settings report it)', () => {
    let error: unknown;
    try {
      traces({ DD_NO_SSL: 'yes' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.filter((p) => p.includes('DD_NO_SSL'))).toHaveLength(1);
  });
});
