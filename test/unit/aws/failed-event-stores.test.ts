import { readConfig } from '../../../src/config/index.js';
import { buildFailedEventStore } from '../../../src/aws/failed-event-stores.js';
import { Logger } from '../../../src/log.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const logger = new Logger('error', () => {});
const build = (env: Record<string, string>) =>
  buildFailedEventStore(readConfig({ DD_API_KEY: TEST_API_KEY, AWS_REGION: 'us-east-1', ...env }), logger);

describe('building the failed-event store', () => {
  it('builds none when storage is off', () => {
    expect(build({ DD_S3_BUCKET_NAME: 'b' })).toBeUndefined();
  });

  it.each([
    [{ DD_S3_BUCKET_NAME: 'b' }, 's3'],
    [{ DD_SQS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/q' }, 'sqs'],
  ])('builds the backend the configuration names (%j)', (env, kind) => {
    expect(build({ DD_STORE_FAILED_EVENTS: 'true', ...env })?.kind).toBe(kind);
  });
});
