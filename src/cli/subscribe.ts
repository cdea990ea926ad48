// `./forwarder subscribe` and `./forwarder unsubscribe`: add the forwarder as a CloudWatch Logs subscription filter
// to the log groups chosen by prefix, regular expression or tag (or move them from another forwarder), or remove
// it. A dry run unless --apply; over a whole region (no selection) it asks first, unless --yes. Respects the
// two-filter limit per log group and never changes a filter that sends elsewhere, except the one of the forwarder
// named by --move-from. The forwarder's own log group is never touched (forwarder-target.ts).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample
import { FILTER_NAME } from '../subscriptions/subscription-plan.js';
import type { OptionTable } from './args.js';
import { FORWARDER_OPTIONS } from './aws-options.js';
import type { Command } from './command.js';

const SELECTION_OPTIONS: OptionTable = {
  prefix: {
    type: 'string',
    multiple: true,
    placeholder: 'P',
    help: 'log groups whose names start with P (repeatable)',
  },
  pattern: { type: 'string', placeholder: 'REGEX', help: 'log groups whose names match REGEX (JavaScript)' },
  tag: {
    type: 'string',
    multiple: true,
    placeholder: 'KEY[=VALUE]',
    help: 'log groups tagged KEY (with VALUE) (repeatable; all must match)',
  },
};

export const SUBSCRIBE: Command = {
  name: 'subscribe',
  summary: 'Subscribe log groups (by prefix, pattern or tag) to the forwarder: a dry run unless --apply.',
  usage: '--forwarder-arn ARN [--prefix P] [--pattern REGEX] [--tag K=V] [--move-from ARN] [--apply]',
  description: `Subscribes log groups to the forwarder with a CloudWatch Logs subscription filter named
"${FILTER_NAME}". Without --apply nothing is changed: it prints what it would do. A log group must pass
each kind of selection given; with none, every log group of the region is selected, and --apply asks first
(--yes to skip the question; without a terminal, --yes is required).

Log groups with two subscription filters of others are skipped (CloudWatch Logs allows two); filters sending
elsewhere are never changed. --move-from OLD_ARN selects only the groups subscribed to another forwarder and
points that forwarder's filter at this one in place (same name and pattern): never both, never neither.
The forwarder's own log group, read from its configuration, is never subscribed.`,
  options: {
    ...SELECTION_OPTIONS,
    'filter-pattern': {
      type: 'string',
      placeholder: 'P',
      help: 'CloudWatch Logs filter pattern of new filters (default: "", every event)',
    },
    'move-from': {
      type: 'string',
      placeholder: 'ARN',
      help: "move the groups subscribed to this other forwarder (the Datadog Forwarder's ARN)",
    },
    ...FORWARDER_OPTIONS,
  },
  run: async (context) => (await import('./subscribe-run.js')).runSubscribe(context),
};

export const UNSUBSCRIBE: Command = {
  name: 'unsubscribe',
  summary: 'Remove the subscription filters that send to the forwarder: a dry run unless --apply.',
  usage: '--forwarder-arn ARN [--prefix P] [--pattern REGEX] [--tag K=V] [--apply]',
  description: `Deletes, from the selected log groups, every subscription filter that sends to the forwarder
(whoever created it); filters sending elsewhere are never touched. Without --apply nothing is changed. With no
selection every log group of the region is looked at, and --apply asks first (--yes to skip the question).`,
  options: { ...SELECTION_OPTIONS, ...FORWARDER_OPTIONS },
  run: async (context) => (await import('./subscribe-run.js')).runUnsubscribe(context),
};
