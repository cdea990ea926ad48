// Subscribes the selected log groups to the forwarder: lists them (DescribeLogGroups, paginated), keeps those the
// selector accepts, plans each from its existing filters (subscription-plan.ts) and, only when `apply` is set,
// calls PutSubscriptionFilter. Outcomes stream out one log group at a time so a large account shows progress.
// One group's failure (throttling that outlasts the SDK's retries, a race to the two-filter limit) is reported
// and the others go on.
import { nameSelected, needsTags, tagsSelected, type LogGroupSelector } from './log-group-selector.js';
import type { LogGroupInfo, LogsApi } from './logs-api.js';
import { FILTER_NAME, planLogGroup, type PlannedAction } from './subscription-plan.js';

export interface SubscribeOptions {
  readonly selector: LogGroupSelector;
  readonly destinationArn: string;
  readonly filterPattern: string;
  /** Dry run unless true: nothing is changed. */
  readonly apply: boolean;
}

export interface GroupOutcome {
  readonly logGroupName: string;
  readonly action: PlannedAction;
  /** True once PutSubscriptionFilter succeeded (never in a dry run). */
  readonly applied: boolean;
  readonly error?: string;
}

export async function* subscribeLogGroups(api: LogsApi, options: SubscribeOptions): AsyncIterable<GroupOutcome> {
  for await (const group of selectedGroups(api, options.selector)) {
    yield await subscribeGroup(api, group, options);
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
    return subscribeGroup(api, group, options);
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

async function subscribeGroup(api: LogsApi, group: LogGroupInfo, options: SubscribeOptions): Promise<GroupOutcome> {
  const logGroupName = group.name;
  let action: PlannedAction;
  try {
    action = planLogGroup(await api.listSubscriptionFilters(logGroupName), options);
  } catch (error) {
    return {
      logGroupName,
      action: { kind: 'skip', reason: 'filters unreadable' },
      applied: false,
      error: message(error),
    };
  }
  if (!options.apply || (action.kind !== 'create' && action.kind !== 'update')) {
    return { logGroupName, action, applied: false };
  }
  try {
    await api.putSubscriptionFilter({
      logGroupName,
      filterName: FILTER_NAME,
      filterPattern: options.filterPattern,
      destinationArn: options.destinationArn,
    });
    return { logGroupName, action, applied: true };
  } catch (error) {
    return { logGroupName, action, applied: false, error: message(error) };
  }
}

function message(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}
