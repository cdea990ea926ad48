import { readConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';

const KEY = { DD_API_KEY: 'abcdefghijklmnopqrstuvwxyz012345' };

describe('sources configuration', () => {
  it('defaults to virtual-hosted S3 and whole-batch retries', () => {
    expect(readConfig(KEY).sources).toEqual({
      region: undefined,
      reportBatchItemFailures: false,
      maxDecompressedBytes: 128 * 1024 * 1024,
    });
  });

  it('reads DD_USE_VPC with AWS_REGION, and FORWARDER_REPORT_BATCH_ITEM_FAILURES', () => {
    const env = { ...KEY, DD_USE_VPC: 'TRUE', AWS_REGION: 'eu-west-1', FORWARDER_REPORT_BATCH_ITEM_FAILURES: 'true' };
    expect(readConfig(env).sources).toMatchObject({ region: 'eu-west-1', reportBatchItemFailures: true });
  });

  it.each([
    ['128', 16],
    ['1769', 221.125],
    ['10240', 256],
  ])('limits decompression to an eighth of a %s MB function’s memory, at most 256 MB', (memory, mb) => {
    const { sources } = readConfig({ ...KEY, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memory });
    expect(sources.maxDecompressedBytes).toBe(mb * 1024 * 1024);
  });

  it('reads the function’s own log group, which Lambda sets', () => {
    const env = { ...KEY, AWS_LAMBDA_LOG_GROUP_NAME: '/custom/forwarder-logs' };
    expect(readConfig(env).sources.ownLogGroup).toBe('/custom/forwarder-logs');
  });

  it('reports DD_USE_VPC without a region, and bad booleans', () => {
    expect(() => readConfig({ ...KEY, DD_USE_VPC: 'true', FORWARDER_REPORT_BATCH_ITEM_FAILURES: 'yes' })).toThrow(
      ConfigError,
    );
    try {
      readConfig({ ...KEY, DD_USE_VPC: 'true', FORWARDER_REPORT_BATCH_ITEM_FAILURES: 'yes' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DD_USE_VPC is true but AWS_REGION is not set (Lambda sets it).',
        'FORWARDER_REPORT_BATCH_ITEM_FAILURES must be true or false, got "yes".',
      ]);
    }
  });
});
