// CloudWatch Logs ListTagsForResource by log group ARN (Datadog Forwarder v5), for DD_FETCH_LOG_GROUP_TAGS.
// Its own module, loaded by tag-backends.ts on the first log group looked up, so that the bundle keeps the
// CloudWatch Logs client in a chunk of its own.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
import { ListTagsForResourceCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { awsTagsToDatadog } from '../enrich/aws-tags.js';
import type { LogGroupTagReader } from './tag-source.js';

export { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export function logGroupTagReader(logs: CloudWatchLogsClient): LogGroupTagReader {
  return async (logGroupArn) => {
    try {
      const output = await logs.send(new ListTagsForResourceCommand({ resourceArn: logGroupArn }));
      const tags = Object.entries(output.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      return awsTagsToDatadog(tags, { truncate: false });
    } catch (error) {
      // A log group that no longer exists (or is in another account) has no tags: that is an answer.
      if ((error as Error).name === 'ResourceNotFoundException') return [];
      throw error;
    }
  };
}
