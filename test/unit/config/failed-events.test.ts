import { readConfig } from '../../../src/config/index.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const read = (env: Record<string, string>) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env }).failedEvents;

describe('failed-event storage configuration', () => {
  it('is off by default, even with a bucket', () => {
    const config = read({ DD_S3_BUCKET_NAME: 'b' });
    expect(config.enabled).toBe(false);
    expect(config.backend).toBeUndefined();
  });

  it('uses the bucket, or the queue when both are set', () => {
    expect(read({ DD_STORE_FAILED_EVENTS: 'true', DD_S3_BUCKET_NAME: 'b' }).backend).toEqual({
      kind: 's3',
      bucket: 'b',
    });
    const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/q';
    expect(
      read({ DD_STORE_FAILED_EVENTS: 'TRUE', DD_S3_BUCKET_NAME: 'b', DD_SQS_QUEUE_URL: queueUrl }).backend,
    ).toEqual({ kind: 'sqs', queueUrl });
  });

  it('says what to set when storage is on but has nowhere to go', () => {
    expect(() => read({ DD_STORE_FAILED_EVENTS: 'true' })).toThrow(
      /DD_STORE_FAILED_EVENTS is true but neither DD_S3_BUCKET_NAME nor DD_SQS_QUEUE_URL is set/,
    );
  });
});
