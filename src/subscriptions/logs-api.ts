// The CloudWatch Logs calls that subscribing needs, behind a narrow port, and its implementation with the AWS SDK
// v3 client. DescribeLogGroups is paginated (nextToken, 50 a page); a log group's tags are read with
// ListTagsForResource on the group's ARN without the trailing `:*`.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
import {
  paginateDescribeLogGroups,
  paginateDescribeSubscriptionFilters,
  PutSubscriptionFilterCommand,
  ListTagsForResourceCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import type { ExistingFilter } from './subscription-plan.js';

export interface LogGroupInfo {
  readonly name: string;
  /** The group's ARN without the trailing `:*`. */
  readonly arn: string;
}

export interface SubscriptionFilterInput {
  readonly logGroupName: string;
  readonly filterName: string;
  readonly filterPattern: string;
  readonly destinationArn: string;
}

export interface LogsApi {
  listLogGroups(prefix?: string): AsyncIterable<LogGroupInfo>;
  listSubscriptionFilters(logGroupName: string): Promise<ExistingFilter[]>;
  listTags(logGroupArn: string): Promise<Record<string, string>>;
  putSubscriptionFilter(input: SubscriptionFilterInput): Promise<void>;
}

export class SdkLogsApi implements LogsApi {
  constructor(private readonly client: CloudWatchLogsClient) {}

  async *listLogGroups(prefix?: string): AsyncIterable<LogGroupInfo> {
    const pages = paginateDescribeLogGroups({ client: this.client }, { logGroupNamePrefix: prefix });
    for await (const page of pages) {
      for (const group of page.logGroups ?? []) {
        if (!group.logGroupName) continue;
        const arn = group.logGroupArn ?? (group.arn ?? '').replace(/:\*$/, '');
        yield { name: group.logGroupName, arn };
      }
    }
  }

  async listSubscriptionFilters(logGroupName: string): Promise<ExistingFilter[]> {
    const filters: ExistingFilter[] = [];
    const pages = paginateDescribeSubscriptionFilters({ client: this.client }, { logGroupName });
    for await (const page of pages) {
      for (const f of page.subscriptionFilters ?? []) {
        filters.push({
          filterName: f.filterName ?? '',
          destinationArn: f.destinationArn ?? '',
          filterPattern: f.filterPattern ?? '',
        });
      }
    }
    return filters;
  }

  async listTags(logGroupArn: string): Promise<Record<string, string>> {
    const out = await this.client.send(new ListTagsForResourceCommand({ resourceArn: logGroupArn }));
    return out.tags ?? {};
  }

  async putSubscriptionFilter(input: SubscriptionFilterInput): Promise<void> {
    await this.client.send(new PutSubscriptionFilterCommand(input));
  }
}
