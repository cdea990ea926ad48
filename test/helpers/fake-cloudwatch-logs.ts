// A stand-in for the CloudWatch Logs subscription APIs on the loopback AWS JSON server: log groups with their
// subscription filters and tags, DescribeLogGroups paginated (small pages so tests cross page boundaries), and
// PutSubscriptionFilter enforcing the two-filter limit as the real service does (LimitExceededException),
// DeleteSubscriptionFilter, and the account-level policies (PutAccountPolicy, DescribeAccountPolicies,
// DeleteAccountPolicy) kept in `policies` by name.
import { AwsError, startAwsJsonServer, type AwsJsonServer } from './aws-json-server.js';

export interface FakeFilter {
  filterName: string;
  destinationArn: string;
  filterPattern: string;
}

export interface FakeLogGroup {
  filters: FakeFilter[];
  tags: Record<string, string>;
}

export interface FakeAccountPolicy {
  policyName: string;
  policyType: string;
  policyDocument: string;
  selectionCriteria?: string;
  scope?: string;
}

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function logGroupArn(name: string): string {
  return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
}

export async function startFakeCloudWatchLogs(
  groups: Record<string, Partial<FakeLogGroup>>,
  pageSize = 2,
): Promise<{ server: AwsJsonServer; groups: Map<string, FakeLogGroup>; policies: Map<string, FakeAccountPolicy> }> {
  const state = new Map(
    Object.entries(groups).map(([name, g]) => [name, { filters: g.filters ?? [], tags: g.tags ?? {} }]),
  );
  // The JSON server turns a thrown error into a 500 (which the SDK retries); a missing group is a 400, returned.
  const missing = (name: unknown) =>
    new AwsError('ResourceNotFoundException', `The specified log group does not exist: ${String(name)}`);
  const policies = new Map<string, FakeAccountPolicy>();
  const server = await startAwsJsonServer({
    DescribeLogGroups: (input) => {
      const prefix = String(input['logGroupNamePrefix'] ?? '');
      const names = [...state.keys()].filter((n) => n.startsWith(prefix)).sort();
      const start = Number(input['nextToken'] ?? 0);
      const page = names.slice(start, start + pageSize);
      const next = start + pageSize < names.length ? String(start + pageSize) : undefined;
      return {
        logGroups: page.map((n) => ({ logGroupName: n, arn: `${logGroupArn(n)}:*`, logGroupArn: logGroupArn(n) })),
        ...(next ? { nextToken: next } : {}),
      };
    },
    DescribeSubscriptionFilters: (input) => {
      const g = state.get(String(input['logGroupName']));
      if (!g) return missing(input['logGroupName']);
      return { subscriptionFilters: g.filters.map((f) => ({ ...f, logGroupName: input['logGroupName'] })) };
    },
    ListTagsForResource: (input) => {
      const arn = String(input['resourceArn']);
      const name = [...state.keys()].find((n) => logGroupArn(n) === arn);
      return name ? { tags: state.get(name)!.tags } : missing(arn);
    },
    PutSubscriptionFilter: (input) => {
      const g = state.get(String(input['logGroupName']));
      if (!g) return missing(input['logGroupName']);
      const filter = {
        filterName: String(input['filterName']),
        destinationArn: String(input['destinationArn']),
        filterPattern: String(input['filterPattern'] ?? ''),
      };
      const at = g.filters.findIndex((f) => f.filterName === filter.filterName);
      if (at >= 0) g.filters[at] = filter;
      else if (g.filters.length >= 2) return new AwsError('LimitExceededException', 'Resource limit exceeded.');
      else g.filters.push(filter);
      return {};
    },
    DeleteSubscriptionFilter: (input) => {
      const g = state.get(String(input['logGroupName']));
      const at = g?.filters.findIndex((f) => f.filterName === input['filterName']) ?? -1;
      if (!g || at < 0) return new AwsError('ResourceNotFoundException', 'The specified filter does not exist.');
      g.filters.splice(at, 1);
      return {};
    },
    PutAccountPolicy: (input) => {
      const policy = input as unknown as FakeAccountPolicy;
      policies.set(policy.policyName, { ...policy });
      return { accountPolicy: { ...policy, accountId: ACCOUNT } };
    },
    DescribeAccountPolicies: (input) => ({
      accountPolicies: [...policies.values()].filter((p) => p.policyType === input['policyType']),
    }),
    DeleteAccountPolicy: (input) => {
      if (!policies.delete(String(input['policyName']))) {
        return new AwsError('ResourceNotFoundException', 'Policy does not exist.');
      }
      return {};
    },
  });
  return { server, groups: state, policies };
}
