import { readConfig } from '../../../src/config/index.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const read = (env: Record<string, string>) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env });

describe('network configuration', () => {
  it('derives the API and trace intake URLs from the site (read by the metrics and traces areas)', () => {
    const eu = read({ DD_SITE: 'datadoghq.eu' });
    expect([eu.metrics.apiUrl, eu.traces.intakeUrl]).toEqual([
      'https://api.datadoghq.eu',
      'https://trace.agent.datadoghq.eu',
    ]);
    expect(eu.network).toMatchObject({ noProxy: [], useVpc: false });
    expect(read({ DD_NO_SSL: 'true' }).metrics.apiUrl).toBe('http://api.datadoghq.com');
  });

  it('uses DD_API_URL and DD_TRACE_INTAKE_URL verbatim', () => {
    const config = read({ DD_API_URL: 'http://proxy:3834/', DD_TRACE_INTAKE_URL: 'https://proxy:3835' });
    expect([config.metrics.apiUrl, config.traces.intakeUrl]).toEqual(['http://proxy:3834', 'https://proxy:3835']);
  });

  it('reports a bad DD_USE_VPC once, though two areas use it', () => {
    expect(() => read({ DD_USE_VPC: 'maybe' })).toThrow(
      /Invalid configuration \(1 problem\):\n- DD_USE_VPC must be true or false/,
    );
  });

  it('prefers DD_HTTP_PROXY_URL and DD_NO_PROXY over the standard variables', () => {
    expect(read({ HTTPS_PROXY: 'http://a:3128', NO_PROXY: 'x.com' }).network).toMatchObject({
      proxyUrl: 'http://a:3128',
      noProxy: ['x.com'],
    });
    const both = read({
      HTTPS_PROXY: 'http://a:3128',
      DD_HTTP_PROXY_URL: 'http://b:3128',
      NO_PROXY: 'x.com',
      DD_NO_PROXY: ' .Internal , y.com ',
    });
    expect(both.network).toMatchObject({ proxyUrl: 'http://b:3128', noProxy: ['.internal', 'y.com'] });
  });

  it('knows which sites have PrivateLink', () => {
    expect(read({ DD_USE_VPC: 'true', AWS_REGION: 'us-east-1' }).network.privateLinkRegion).toBe('us-east-1');
    expect(
      read({ DD_USE_VPC: 'true', AWS_REGION: 'us-east-1', DD_SITE: 'datadoghq.eu' }).network.privateLinkRegion,
    ).toBeUndefined();
    expect(read({}).network.privateLinkRegion).toBeUndefined();
  });

  it.each([
    'proxy:3128',
    'https://user:hunter22@proxy:3128',
    'socks5://proxy:1080',
    'http://user:hunter22@proxy:3128/some/path',
    'http://user:hunter22@proxy:3128/?x=1',
  ])('rejects the proxy %s without quoting it', (value) => {
    expect(() => read({ DD_HTTP_PROXY_URL: value })).toThrow(/DD_HTTP_PROXY_URL must be a proxy URL like http:/);
    expect(() => read({ DD_HTTP_PROXY_URL: value })).not.toThrow(/hunter22|proxy:/);
  });
});

it('takes a proxy URL with credentials (sent as Proxy-Authorization) and a trailing slash', () => {
  expect(read({ DD_HTTP_PROXY_URL: 'http://user:hunter22@proxy:3128/' }).network.proxyUrl).toBe(
    'http://user:hunter22@proxy:3128/',
  );
});

describe('DD_NO_SSL', () => {
  it('is reported once when invalid', () => {
    expect(() => read({ DD_NO_SSL: 'maybe' })).toThrow(/^Invalid configuration \(1 problem\)/);
  });
});
