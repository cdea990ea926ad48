// The CloudWatch Logs calls that subscribing needs, behind a narrow port, and its implementation with the AWS SDK
// v3 client. DescribeLogGroups is paginated (nextToken, 50 a page); a log group's tags are read with
// ListTagsForResource on the group's ARN without the trailing `:*`.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteSubscriptionFilter.html
import {
  DeleteSubscriptionFilterCommand,
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

interface SubscriptionFilterInput {
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
  deleteSubscriptionFilter(logGroupName: string, filterName: string): Promise<void>;
}

/** Called after each page of log groups is listed, with the totals so far (progress on a large account). */
export type OnPage = (listed: { readonly pages: number; readonly groups: number; readonly prefix?: string }) => void;

export class SdkLogsApi implements LogsApi {
  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly onPage: OnPage = () => undefined,
  ) {}

  async *listLogGroups(prefix?: string): AsyncIterable<LogGroupInfo> {
    const pages = paginateDescribeLogGroups({ client: this.client }, { logGroupNamePrefix: prefix });
    const listed = { pages: 0, groups: 0, prefix };
    for await (const page of pages) {
      listed.pages++;
      listed.groups += page.logGroups?.length ?? 0;
      this.onPage({ ...listed });
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

  async deleteSubscriptionFilter(logGroupName: string, filterName: string): Promise<void> {
    await this.client.send(new DeleteSubscriptionFilterCommand({ logGroupName, filterName }));
  }
}
