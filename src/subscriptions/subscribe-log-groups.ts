// Subscribes the selected log groups to the forwarder: lists them (DescribeLogGroups, paginated), keeps those the
// selector accepts, plans each from its existing filters (subscription-plan.ts) and, only when `apply` is set,
// calls PutSubscriptionFilter (or DeleteSubscriptionFilter). Outcomes stream out one log group at a time so a
// large account shows progress. One group's failure (throttling that outlasts the SDK's retries, a race to the
// two-filter limit) is reported and the others go on. Unsubscribing runs the same way with its own plan.
import type { ExistingFilter } from './subscription-plan.js';
import { nameSelected, needsTags, tagsSelected, type LogGroupSelector } from './log-group-selector.js';
import type { LogGroupInfo, LogsApi } from './logs-api.js';
import {
  FILTER_NAME,
  planLogGroup,
  planUnsubscribe,
  type PlannedAction,
  type WantedSubscription,
} from './subscription-plan.js';

interface SubscribeOptions extends WantedSubscription {
  readonly selector: LogGroupSelector;
  /** Dry run unless true: nothing is changed. */
  readonly apply: boolean;
}

interface UnsubscribeOptions {
  readonly selector: LogGroupSelector;
  readonly destinationArn: string;
  readonly apply: boolean;
}

type Plan = (existing: readonly ExistingFilter[]) => PlannedAction;

export interface GroupOutcome {
  readonly logGroupName: string;
  readonly action: PlannedAction;
  /** True once PutSubscriptionFilter succeeded (never in a dry run). */
  readonly applied: boolean;
  readonly error?: string;
}

export async function* subscribeLogGroups(api: LogsApi, options: SubscribeOptions): AsyncIterable<GroupOutcome> {
  const plan: Plan = (existing) => planLogGroup(existing, options);
  for await (const group of selectedGroups(api, options.selector)) {
    yield await changeGroup(api, group, plan, options);
  }
}

/** Removes the filters that send to the forwarder from the selected groups; others are not reported. */
export async function* unsubscribeLogGroups(api: LogsApi, options: UnsubscribeOptions): AsyncIterable<GroupOutcome> {
  const plan: Plan = (existing) => planUnsubscribe(existing, options.destinationArn);
  for await (const group of selectedGroups(api, options.selector)) {
    yield await changeGroup(api, group, plan, { ...options, filterPattern: '' });
  }
}

/** The event-driven path: one log group, by name, that was just created. */
export async function subscribeLogGroupByName(
  api: LogsApi,
  logGroupName: string,
  options: SubscribeOptions,
): Promise<GroupOutcome | undefined> {
  if (!nameSelected(options.selector, logGroupName)) return undefined;
  for await (const group of api.listLogGroups(logGroupName)) {
    if (group.name !== logGroupName) continue;
    if (needsTags(options.selector) && !tagsSelected(options.selector, await api.listTags(group.arn))) return undefined;
    return changeGroup(api, group, (existing) => planLogGroup(existing, options), options);
  }
  return undefined;
}

async function* selectedGroups(api: LogsApi, selector: LogGroupSelector): AsyncIterable<LogGroupInfo> {
  const seen = new Set<string>();
  const prefixes = selector.prefixes.length > 0 ? selector.prefixes : [undefined];
  for (const prefix of prefixes) {
    for await (const group of api.listLogGroups(prefix)) {
      if (seen.has(group.name) || !nameSelected(selector, group.name)) continue;
      seen.add(group.name);
      if (needsTags(selector) && !tagsSelected(selector, await api.listTags(group.arn))) continue;
      yield group;
    }
  }
}

async function changeGroup(
  api: LogsApi,
  group: LogGroupInfo,
  plan: Plan,
  options: { readonly destinationArn: string; readonly filterPattern: string; readonly apply: boolean },
): Promise<GroupOutcome> {
  const logGroupName = group.name;
  let action: PlannedAction;
  try {
    action = plan(await api.listSubscriptionFilters(logGroupName));
  } catch (error) {
    return {
      logGroupName,
      action: { kind: 'skip', reason: 'filters unreadable' },
      applied: false,
      error: message(error),
    };
  }
  if (!options.apply || !changes(action)) return { logGroupName, action, applied: false };
  try {
    if (action.kind === 'delete') {
      for (const filterName of action.filterNames) await api.deleteSubscriptionFilter(logGroupName, filterName);
    } else {
      const moved = action.kind === 'move' ? action : undefined;
      await api.putSubscriptionFilter({
        logGroupName,
        filterName: moved?.filterName ?? FILTER_NAME,
        filterPattern: moved?.filterPattern ?? options.filterPattern,
        destinationArn: options.destinationArn,
      });
    }
    return { logGroupName, action, applied: true };
  } catch (error) {
    return { logGroupName, action, applied: false, error: message(error) };
  }
}

/** Whether an action writes (the rest only report). */
export function changes(action: PlannedAction): boolean {
  return action.kind === 'create' || action.kind === 'update' || action.kind === 'move' || action.kind === 'delete';
}

function message(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}
