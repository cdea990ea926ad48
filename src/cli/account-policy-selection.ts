// The account-level subscription filter policy's name and selection criteria, shared by the command's help
// (account-policy.ts) and its run (account-policy-run.ts), which the command loads only when it runs.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html

export const DEFAULT_POLICY_NAME = 'forwarder-subscription';

/** The policy's selection criteria: every log group but these. */
export function selectionCriteria(excluded: readonly string[]): string {
  return `LogGroupName NOT IN [${excluded.map((name) => JSON.stringify(name)).join(', ')}]`;
}
