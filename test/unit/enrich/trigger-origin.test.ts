import { readConfig } from '../../../src/config/index.js';
import { describeOrigin } from '../../../src/enrich/origin.js';
import { forwarderIdentity } from '../../../src/parse/forwarder-identity.js';
import type { SourceOrigin } from '../../../src/types.js';
import { lambdaContext } from '../../helpers/lambda.js';

function origin(source: SourceOrigin, env: Record<string, string> = {}) {
  const config = readConfig({ DD_API_KEY: 'abcdefghijklmnopqrstuvwxyz012345', ...env });
  return describeOrigin(source, { logs: config.logs, identity: forwarderIdentity(lambdaContext()) });
}

const CLOUDTRAIL_KEY =
  'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/15/123456789012_CloudTrail_us-east-1_20240115T1200Z_abcd.json.gz';

describe('origins of logs that are not CloudWatch Logs', () => {
  it('S3: ddsource from the key, service from DD_TAGS, aws.s3, no host', () => {
    const o = origin({ eventType: 's3', s3: { bucket: 'b', key: CLOUDTRAIL_KEY } }, { DD_TAGS: 'service:audit' });
    expect(o).toMatchObject({ ddsource: 'cloudtrail', service: 'audit', host: undefined });
    expect(o.attributes.aws).toMatchObject({ s3: { bucket: 'b', key: CLOUDTRAIL_KEY } });
  });

  it('S3 with FORWARDER_DETECT_SOURCES: v3 source and host', () => {
    const o = origin(
      { eventType: 's3', s3: { bucket: 'access-logs', key: 'logs/2024-01-15-12' } },
      {
        FORWARDER_DETECT_SOURCES: 'true',
      },
    );
    expect(o).toMatchObject({ ddsource: 's3', host: 'arn:aws:s3:::access-logs' });
  });

  it('SNS stays `sns` even with DD_SOURCE, and has no service', () => {
    expect(origin({ eventType: 'sns' }, { DD_SOURCE: 'custom' })).toMatchObject({ ddsource: 'sns', service: '' });
  });

  it.each([
    ['aws.guardduty', 'guardduty'],
    ['custom.app.orders', 'app'],
    ['nodots', 'cloudwatch'],
    [undefined, 'cloudwatch'],
  ])('EventBridge source %s → %s', (eventSource, ddsource) => {
    expect(origin({ eventType: 'events', eventSource }).ddsource).toBe(ddsource);
  });

  it('DD_SOURCE replaces detected sources and is tagged', () => {
    const o = origin({ eventType: 'events', eventSource: 'aws.guardduty' }, { DD_SOURCE: 'mine' });
    expect(o.ddsource).toBe('mine');
    expect(o.tags).toContain('source_overridden:true');
  });
});
