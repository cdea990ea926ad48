// What `forwarder account-policy` runs (account-policy.ts defines it): loaded only when it runs, with the AWS SDK.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html
import {
  DeleteAccountPolicyCommand,
  DescribeAccountPoliciesCommand,
  PutAccountPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Io } from './args.js';
import { DEFAULT_POLICY_NAME, selectionCriteria } from './account-policy-selection.js';
import { explainAwsError } from './aws.js';
import type { CommandContext } from './command.js';
import { confirmWholeRegion, openForwarderTarget, type ForwarderTarget } from './forwarder-target.js';

const POLICY_TYPE = 'SUBSCRIPTION_FILTER_POLICY';

export async function runAccountPolicy({ values, env, io }: CommandContext): Promise<number> {
  const target = await openForwarderTarget(values, env, io);
  try {
    const name = (values['policy-name'] as string | undefined) ?? DEFAULT_POLICY_NAME;
    const apply = values.apply === true;
    const yes = values.yes === true;
    await describeExisting(target, io);
    if (values.remove === true) return await remove(target, name, apply, yes, io);
    return await put(target, name, (values['filter-pattern'] as string | undefined) ?? '', apply, yes, io);
  } finally {
    target.clients.destroy();
  }
}

async function describeExisting(target: ForwarderTarget, io: Io): Promise<void> {
  const out = await call(target, 'listing account policies', () =>
    target.clients.logs.send(new DescribeAccountPoliciesCommand({ policyType: POLICY_TYPE })),
  );
  for (const policy of out.accountPolicies ?? []) {
    io.out(`Existing policy "${policy.policyName}": ${policy.policyDocument} (${policy.selectionCriteria ?? 'all'})`);
  }
}

async function put(
  target: ForwarderTarget,
  policyName: string,
  filterPattern: string,
  apply: boolean,
  yes: boolean,
  io: Io,
): Promise<number> {
  const policyDocument = JSON.stringify({ DestinationArn: target.arn, FilterPattern: filterPattern });
  const criteria = selectionCriteria(target.excluded);
  io.out(`${apply ? 'Setting' : 'Would set'} account policy "${policyName}" in ${target.region}:`);
  io.out(`  policy document:    ${policyDocument}`);
  io.out(`  selection criteria: ${criteria}`);
  if (!apply) {
    io.out('Dry run: nothing was changed. Run again with --apply to set it.');
    return 0;
  }
  const what = `This sends every log group of ${target.region} but ${target.excluded.length} to ${target.arn}`;
  if (!(await confirmWholeRegion(io, yes, what))) return 1;
  await call(target, 'setting the account policy', () =>
    target.clients.logs.send(
      new PutAccountPolicyCommand({
        policyName,
        policyType: POLICY_TYPE,
        policyDocument,
        selectionCriteria: criteria,
        scope: 'ALL',
      }),
    ),
  );
  io.out(`Account policy "${policyName}" set.`);
  return 0;
}

async function remove(target: ForwarderTarget, policyName: string, apply: boolean, yes: boolean, io: Io) {
  if (!apply) {
    io.out(`Would delete account policy "${policyName}". Dry run: run again with --apply to delete it.`);
    return 0;
  }
  const what = `This stops every log group of ${target.region} sending through policy "${policyName}"`;
  if (!(await confirmWholeRegion(io, yes, what))) return 1;
  await call(target, 'deleting the account policy', () =>
    target.clients.logs.send(new DeleteAccountPolicyCommand({ policyName, policyType: POLICY_TYPE })),
  );
  io.out(`Account policy "${policyName}" deleted.`);
  return 0;
}

async function call<T>(target: ForwarderTarget, what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw new Error(explainAwsError(error, what, target.clients.endpoints.logs, target.requestTimeoutMs));
  }
}
