// `./forwarder subscribe`: adds the forwarder as a CloudWatch Logs subscription filter to the log groups chosen by
// prefix, regular expression or tag. A dry run unless --apply is given. Respects the two-filter limit per log group
// and never removes or replaces a filter it did not create (ours are named `forwarder-subscription`).
// Credentials and region come from the usual AWS sources (AWS_REGION, AWS_PROFILE, ...).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { parseArgs } from 'node:util';
import { functionLogGroup, parseTagFilter, type LogGroupSelector } from '../subscriptions/log-group-selector.js';
import { SdkLogsApi, type LogsApi } from '../subscriptions/logs-api.js';
import { subscribeLogGroups, type GroupOutcome, type SubscribeOptions } from '../subscriptions/subscribe-log-groups.js';
import { FILTER_NAME } from '../subscriptions/subscription-plan.js';

export const SUBSCRIBE_USAGE = `Usage: forwarder subscribe --forwarder-arn ARN [selection] [--apply]

Subscribes log groups to the forwarder (a CloudWatch Logs subscription filter named "${FILTER_NAME}").
Without --apply nothing is changed: it prints what it would do.

Selection (a log group must pass each kind given; with none, every log group is selected):
  --prefix P            log group names starting with P (repeatable)
  --pattern REGEX       log group names matching REGEX (JavaScript regular expression)
  --tag KEY[=VALUE]     log groups tagged KEY (with VALUE) (repeatable; all must match)

Options:
  --forwarder-arn ARN   the forwarder function's ARN (the stack output DatadogForwarderArn)
  --filter-pattern P    CloudWatch Logs filter pattern (default: "", every event)
  --exclude NAME        never subscribe this log group (repeatable; the forwarder's own is always excluded)
  --apply               make the changes
  --region REGION       AWS region (default: AWS_REGION)
  --endpoint-url URL    CloudWatch Logs endpoint (default: AWS_ENDPOINT_URL_CLOUDWATCH_LOGS or AWS's)
  --help                show this help

Log groups with two subscription filters of others are skipped (CloudWatch Logs allows two). Filters this
command did not create are never removed or replaced.`;

type Env = Record<string, string | undefined>;

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

const OPTIONS = {
  'forwarder-arn': { type: 'string' },
  prefix: { type: 'string', multiple: true },
  pattern: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'filter-pattern': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  apply: { type: 'boolean' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export async function runSubscribe(argv: string[], env: Env, out: (line: string) => void): Promise<number> {
  const parsed = parseSubscribeArgs(argv, env);
  if (!parsed.ok) {
    out(parsed.text);
    return parsed.code;
  }
  const api = new SdkLogsApi(buildClient(env, parsed.region, parsed.endpointUrl));
  return report(api, parsed.options, out);
}

type ParsedArgs =
  | { ok: true; options: SubscribeOptions; region: string; endpointUrl?: string }
  | { ok: false; code: number; text: string };

export function parseSubscribeArgs(argv: string[], env: Env): ParsedArgs {
  let values;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { ok: false, code: 2, text: `forwarder subscribe: ${(error as Error).message}\n\n${SUBSCRIBE_USAGE}` };
  }
  if (values.help) return { ok: false, code: 0, text: SUBSCRIBE_USAGE };
  const problems: string[] = [];
  const destinationArn = values['forwarder-arn'] ?? '';
  if (!FUNCTION_ARN.test(destinationArn)) {
    problems.push(
      "--forwarder-arn must be the forwarder function's ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME).",
    );
  }
  let pattern: RegExp | undefined;
  try {
    pattern = values.pattern === undefined ? undefined : new RegExp(values.pattern);
  } catch (error) {
    problems.push(`--pattern is not a valid regular expression: ${(error as Error).message}`);
  }
  const region = values.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? destinationArn.split(':')[3];
  if (!region) problems.push('No region: pass --region or set AWS_REGION.');
  if (problems.length > 0)
    return { ok: false, code: 2, text: problems.map((p) => `forwarder subscribe: ${p}`).join('\n') };
  const own = functionLogGroup(destinationArn);
  const selector: LogGroupSelector = {
    prefixes: values.prefix ?? [],
    pattern,
    tags: Object.fromEntries((values.tag ?? []).map(parseTagFilter)),
    excluded: [...(values.exclude ?? []), ...(own ? [own] : [])],
  };
  const options = { selector, destinationArn, filterPattern: values['filter-pattern'] ?? '', apply: !!values.apply };
  return { ok: true, options, region: region!, endpointUrl: values['endpoint-url'] };
}

async function report(api: LogsApi, options: SubscribeOptions, out: (line: string) => void): Promise<number> {
  if (!options.apply) out('Dry run: nothing will be changed. Run again with --apply to make these changes.');
  const counts = { subscribe: 0, unchanged: 0, skipped: 0, failed: 0 };
  try {
    for await (const outcome of subscribeLogGroups(api, options)) {
      out(describe(outcome, options.apply));
      if (outcome.error) counts.failed++;
      else if (outcome.action.kind === 'create' || outcome.action.kind === 'update') counts.subscribe++;
      else if (outcome.action.kind === 'keep') counts.unchanged++;
      else counts.skipped++;
    }
  } catch (error) {
    out(`forwarder subscribe: listing log groups failed: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
  const verb = options.apply ? 'subscribed' : 'to subscribe';
  out(
    `${counts.subscribe} ${verb}, ${counts.unchanged} already subscribed, ${counts.skipped} skipped, ${counts.failed} failed.`,
  );
  return counts.failed > 0 ? 1 : 0;
}

function describe(outcome: GroupOutcome, apply: boolean): string {
  const { action, logGroupName } = outcome;
  if (outcome.error) return `failed          ${logGroupName}: ${outcome.error}`;
  switch (action.kind) {
    case 'create':
      return `${apply ? 'subscribed     ' : 'would subscribe'} ${logGroupName}`;
    case 'update':
      return `${apply ? 'updated        ' : 'would update   '} ${logGroupName} (${action.reason})`;
    case 'keep':
      return `unchanged       ${logGroupName} (${action.reason})`;
    case 'skip':
      return `skipped         ${logGroupName} (${action.reason})`;
  }
}

function buildClient(env: Env, region: string, endpointUrl: string | undefined): CloudWatchLogsClient {
  const endpoint = endpointUrl ?? env['AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'] ?? env['AWS_ENDPOINT_URL'];
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  return new CloudWatchLogsClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, sessionToken: env['AWS_SESSION_TOKEN'] } }
      : {}),
    // DescribeSubscriptionFilters is throttled at a few calls a second: adaptive retries slow down instead of failing.
    retryMode: 'adaptive',
    maxAttempts: 8,
  });
}
