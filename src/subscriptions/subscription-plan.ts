// What to do with one log group, decided from the subscription filters it already has. CloudWatch Logs allows
// two subscription filters per log group; PutSubscriptionFilter with an existing filter's name replaces that
// filter. So: a filter of ours (by name) may be updated; anyone else's filter is never touched; a group that
// already sends to the forwarder, or that has two filters of others, is left alone.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html

/** The name of the filters this tool creates; only filters of this name are ever changed. */
export const FILTER_NAME = 'forwarder-subscription';
export const MAX_FILTERS_PER_LOG_GROUP = 2;

export interface ExistingFilter {
  readonly filterName: string;
  readonly destinationArn: string;
  readonly filterPattern: string;
}

export type PlannedAction =
  | { readonly kind: 'create' }
  | { readonly kind: 'update'; readonly reason: string }
  | { readonly kind: 'keep'; readonly reason: string }
  | { readonly kind: 'skip'; readonly reason: string };

export function planLogGroup(
  existing: readonly ExistingFilter[],
  wanted: { readonly destinationArn: string; readonly filterPattern: string },
): PlannedAction {
  const ours = existing.find((f) => f.filterName === FILTER_NAME);
  if (ours) {
    if (ours.destinationArn === wanted.destinationArn && ours.filterPattern === wanted.filterPattern) {
      return { kind: 'keep', reason: 'already subscribed' };
    }
    return {
      kind: 'update',
      reason: `our filter sends to ${ours.destinationArn} with pattern "${ours.filterPattern}"`,
    };
  }
  const other = existing.find((f) => f.destinationArn === wanted.destinationArn);
  if (other) return { kind: 'keep', reason: `already subscribed by filter "${other.filterName}"` };
  if (existing.length >= MAX_FILTERS_PER_LOG_GROUP) {
    const names = existing.map((f) => `"${f.filterName}"`).join(', ');
    return {
      kind: 'skip',
      reason: `already has ${existing.length} subscription filters (${names}); CloudWatch Logs allows ${MAX_FILTERS_PER_LOG_GROUP}`,
    };
  }
  return { kind: 'create' };
}
