// Datadog Forwarder 3.99's DD_USE_PRIVATE_LINK and DD_USE_TCP, with the meaning they had there
// (datadog-serverless-functions aws/logs_monitoring/settings.py, aws-dd-forwarder-3.99.0).
import { readConfig } from '../../../src/config/index.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const withKey = (env: Record<string, string> = {}) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env });

describe('Datadog Forwarder 3.99 network settings', () => {
  it('DD_USE_PRIVATE_LINK sends to the PrivateLink host names of datadoghq.com, in a VPC, overriding the rest', () => {
    const config = withKey({
      DD_USE_PRIVATE_LINK: 'true',
      DD_SITE: 'datadoghq.eu',
      DD_URL: 'proxy.internal',
      DD_NO_SSL: 'true',
      AWS_REGION: 'us-east-1',
    });
    expect(config.intake).toMatchObject({
      site: 'datadoghq.com',
      logsUrl: 'https://api-pvtlink.logs.datadoghq.com:443',
    });
    expect(config.metrics.apiUrl).toBe('https://pvtlink.api.datadoghq.com');
    expect(config.traces.intakeUrl).toBe('https://trace-pvtlink.agent.datadoghq.com');
    expect(config.network).toMatchObject({ useVpc: true, privateLinkRegion: 'us-east-1' });
    expect(config.intake.warnings).toEqual([
      expect.stringMatching(/^DD_USE_PRIVATE_LINK is true .* in place of DD_SITE, DD_URL, DD_NO_SSL\. .*DD_USE_VPC/),
    ]);
  });

  it('DD_USE_TCP is accepted, logs still go over HTTPS, and a warning says so', () => {
    const config = withKey({ DD_USE_TCP: 'true' });
    expect(config.intake.logsUrl).toBe('https://http-intake.logs.datadoghq.com:443');
    expect(config.intake.warnings).toEqual([expect.stringMatching(/^DD_USE_TCP is true: .*HTTPS/)]);
  });

  it('false changes nothing, and a bad value is a configuration problem', () => {
    expect(withKey({ DD_USE_PRIVATE_LINK: 'false', DD_USE_TCP: 'false' })).toEqual(withKey());
    expect(() => withKey({ DD_USE_PRIVATE_LINK: 'yes', DD_USE_TCP: 'no' })).toThrow(
      /\(2 problems\):\n- DD_USE_PRIVATE_LINK must be true or false.*\n- DD_USE_TCP must be true or false/,
    );
  });
});
