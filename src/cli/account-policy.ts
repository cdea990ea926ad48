// `./forwarder account-policy`: CloudWatch Logs' account-level subscription filter policy, the alternative to
// per-group filters: one policy sends every log group of the region (those created later included) to the
// forwarder, and does not use either of a group's two subscription filter slots. Its selection criteria exclude
// the forwarder's own log group (and any --exclude): `LogGroupName NOT IN ["...", ...]`, the only form CloudWatch
// Logs supports for this policy type. template.yaml's AccountSubscriptionPolicy creates the same policy.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters-AccountLevel.html
import { FORWARDER_OPTIONS } from './aws-options.js';
import { DEFAULT_POLICY_NAME } from './account-policy-selection.js';
import type { Command } from './command.js';

export const ACCOUNT_POLICY: Command = {
  name: 'account-policy',
  summary: "Send every log group of the region (but the forwarder's own) with one account-level policy.",
  usage: '--forwarder-arn ARN [--exclude NAME] [--filter-pattern P] [--remove] [--apply]',
  description: `Sets CloudWatch Logs' account-level subscription filter policy "${DEFAULT_POLICY_NAME}" (or --policy-name):
every log group of the region, present and future, sends to the forwarder, except the forwarder's own log group
and those given with --exclude. It uses neither of a log group's two subscription filter slots. Without --apply
nothing is changed; with --apply it asks first (--yes to skip the question; without a terminal, --yes is
required). --remove deletes the policy instead.
A log group that also has a subscription filter to the forwarder would send its logs twice: remove those with
'forwarder unsubscribe'.`,
  options: {
    'filter-pattern': {
      type: 'string',
      placeholder: 'P',
      help: 'CloudWatch Logs filter pattern (default: "", every event)',
    },
    'policy-name': { type: 'string', placeholder: 'NAME', help: `the policy's name (default ${DEFAULT_POLICY_NAME})` },
    remove: { type: 'boolean', help: 'delete the policy instead of setting it' },
    ...FORWARDER_OPTIONS,
  },
  run: async (context) => (await import('./account-policy-run.js')).runAccountPolicy(context),
};
