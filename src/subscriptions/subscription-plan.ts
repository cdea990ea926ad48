// What to do with one log group, decided from the subscription filters it already has. CloudWatch Logs allows
// two subscription filters per log group; PutSubscriptionFilter with an existing filter's name replaces that
// filter. So: a filter of ours (by name) may be updated; anyone else's filter is never touched; a group that
// already sends to the forwarder, or that has two filters of others, is left alone.
// Moving a group from another forwarder (`moveFrom`) points that forwarder's filter at this one in place (same
// name, same pattern: one PutSubscriptionFilter), so the group never sends to both, nor to neither, and needs no
// free slot; when the group already sends here too, the other forwarder's filter is deleted instead.
// Unsubscribing deletes the filters that send to the forwarder, whoever named them, and nothing else.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html

/** The name of the filters this tool creates; only filters of this name are ever changed. */
export const FILTER_NAME = 'forwarder-subscription';
const MAX_FILTERS_PER_LOG_GROUP = 2;

export interface ExistingFilter {
  readonly filterName: string;
  readonly destinationArn: string;
  readonly filterPattern: string;
}

export type PlannedAction =
  /** `note`: the group also sends to a Lambda function, perhaps another forwarder (its logs would arrive twice). */
  | { readonly kind: 'create'; readonly note?: string }
  | { readonly kind: 'update'; readonly reason: string }
  /** Point `filterName` (another forwarder's) at the destination, keeping its pattern. */
  | { readonly kind: 'move'; readonly filterName: string; readonly filterPattern: string; readonly reason: string }
  /** Delete these filters. */
  | { readonly kind: 'delete'; readonly filterNames: readonly string[]; readonly reason: string }
  | { readonly kind: 'keep'; readonly reason: string }
  | { readonly kind: 'skip'; readonly reason: string }
  /** Not concerned (moving: the group does not send to the other forwarder; unsubscribing: nor to this one). */
  | { readonly kind: 'ignore' };

export interface WantedSubscription {
  readonly destinationArn: string;
  readonly filterPattern: string;
  /** Another forwarder's ARN: only groups sending to it are concerned, and they are moved here. */
  readonly moveFrom?: string;
}

export function planLogGroup(existing: readonly ExistingFilter[], wanted: WantedSubscription): PlannedAction {
  if (wanted.moveFrom !== undefined) return planMove(existing, wanted, wanted.moveFrom);
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
  const lambda = existing.find((f) => /^arn:aws[a-z-]*:lambda:/.test(f.destinationArn));
  if (!lambda) return { kind: 'create' };
  return {
    kind: 'create',
    note:
      `also sends to ${lambda.destinationArn}: if that is another forwarder, logs arrive twice; ` +
      'move the group with --move-from instead',
  };
}

function planMove(existing: readonly ExistingFilter[], wanted: WantedSubscription, from: string): PlannedAction {
  const old = existing.find((f) => f.destinationArn === from);
  if (!old) return { kind: 'ignore' };
  const already = existing.find((f) => f.destinationArn === wanted.destinationArn);
  if (already) {
    return {
      kind: 'delete',
      filterNames: [old.filterName],
      reason: `already sends here through "${already.filterName}"; filter "${old.filterName}" to ${from} removed`,
    };
  }
  return {
    kind: 'move',
    filterName: old.filterName,
    filterPattern: old.filterPattern,
    reason: `filter "${old.filterName}" moved from ${from}`,
  };
}

/** Unsubscribing: every filter that sends to the forwarder is deleted. */
export function planUnsubscribe(existing: readonly ExistingFilter[], destinationArn: string): PlannedAction {
  const mine = existing.filter((f) => f.destinationArn === destinationArn);
  if (mine.length === 0) return { kind: 'ignore' };
  const names = mine.map((f) => `"${f.filterName}"`).join(', ');
  return { kind: 'delete', filterNames: mine.map((f) => f.filterName), reason: `filter ${names}` };
}
