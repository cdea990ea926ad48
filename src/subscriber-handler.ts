// The auto-subscriber's Lambda entry (template.yaml's `Subscriber`, when AutoSubscribeLogGroups is true). Two
// triggers: an EventBridge rule on CloudTrail's CreateLogGroup, which subscribes that one new group at once, and
// a schedule, which reconciles every selected group (catching any the event missed: CloudTrail delivery is
// best-effort, and groups may predate the stack). Same rules as `./forwarder subscribe --apply`.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html (events via CloudTrail)
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { REQUEST_HANDLER } from './aws/client-config.js';
import { log as defaultLogger, type Logger } from './log.js';
import { mapStackTracesOnDemand } from './stack-traces.js';
import { SdkLogsApi, type LogsApi } from './subscriptions/logs-api.js';
import { readSubscriberConfigTracked, type SubscriberConfig } from './subscriptions/subscriber-config.js';
import {
  subscribeLogGroupByName,
  subscribeLogGroups,
  type GroupOutcome,
} from './subscriptions/subscribe-log-groups.js';

type Env = Readonly<Record<string, string | undefined>>;

interface SubscriberResult {
  readonly changed: number;
  readonly failed: number;
  readonly seen: number;
}

export function createSubscriberHandler(
  env: Env = process.env,
  // A call that does not answer within the request timeout fails (and is retried): the pass is idempotent, and
  // the schedule runs it again.
  makeApi: () => LogsApi = () =>
    new SdkLogsApi(
      new CloudWatchLogsClient({ retryMode: 'adaptive', maxAttempts: 8, requestHandler: REQUEST_HANDLER }),
    ),
  log: Logger = defaultLogger,
): (event: unknown) => Promise<SubscriberResult> {
  let ready: { config: SubscriberConfig; api: LogsApi } | undefined;
  return async (event) => {
    ready ??= { config: readSubscriberConfigTracked(env).config, api: makeApi() };
    const { config, api } = ready;
    const options = { ...config, apply: true };
    const created = createdLogGroupName(event);
    const outcomes: GroupOutcome[] = [];
    if (created !== undefined) {
      const outcome = await subscribeLogGroupByName(api, created, options);
      if (outcome) outcomes.push(outcome);
    } else {
      for await (const outcome of subscribeLogGroups(api, options)) outcomes.push(outcome);
    }
    const result = summarise(outcomes, log);
    log.info('Subscription pass done.', { trigger: created === undefined ? 'reconcile' : 'created', ...result });
    if (result.failed > 0)
      throw new Error(`${result.failed} log group(s) could not be subscribed; see the log lines above.`);
    return result;
  };
}

/** The log group a CloudTrail CreateLogGroup event (through EventBridge) names, else undefined. */
export function createdLogGroupName(event: unknown): string | undefined {
  const detail = (event as { detail?: { eventName?: unknown; requestParameters?: { logGroupName?: unknown } } })
    ?.detail;
  const name = detail?.requestParameters?.logGroupName;
  return detail?.eventName === 'CreateLogGroup' && typeof name === 'string' ? name : undefined;
}

function summarise(outcomes: readonly GroupOutcome[], log: Logger): SubscriberResult {
  for (const o of outcomes) {
    if (o.error) log.warn('Log group not subscribed.', { logGroup: o.logGroupName, error: o.error });
    else if (o.applied) log.info('Log group subscribed.', { logGroup: o.logGroupName, action: o.action.kind });
    else if (o.action.kind === 'skip')
      log.warn('Log group skipped.', { logGroup: o.logGroupName, reason: o.action.reason });
  }
  return {
    changed: outcomes.filter((o) => o.applied).length,
    failed: outcomes.filter((o) => o.error).length,
    seen: outcomes.length,
  };
}

// The Lambda entry: its stack traces point at src/ (stack-traces.ts).
mapStackTracesOnDemand();
export const handler = createSubscriberHandler();
