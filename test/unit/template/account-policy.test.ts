// template.yaml's AccountSubscriptionPolicy: the account-level subscription filter policy it creates sends to the
// forwarder, excludes the log group the forwarder logs to (the one its LoggingConfig names), in the selection
// form `./forwarder account-policy` writes, and exists only when asked for.
import { selectionCriteria } from '../../../src/cli/account-policy-selection.js';
import { checkResourceProperties } from '../../helpers/cfn-spec.js';
import { intrinsic, loadTemplate, type Json } from '../../helpers/cfn-template.js';

const template = loadTemplate();
const policy = template.Resources['AccountSubscriptionFilterPolicy']!;
const properties = policy.Properties as Record<string, Json>;
const sub = (value: Json) => String(intrinsic(value)?.[1]);

it('is created only with AccountSubscriptionPolicy=true, off by default', () => {
  expect(template.Parameters['AccountSubscriptionPolicy']).toMatchObject({ Default: 'false' });
  expect(template.Conditions[policy.Condition!]).toEqual({
    'Fn::Equals': [{ Ref: 'AccountSubscriptionPolicy' }, 'true'],
  });
  expect(checkResourceProperties('AWS::Logs::AccountPolicy', properties)).toEqual([]);
});

it('sends every log group to the forwarder but the one the forwarder logs to', () => {
  expect(properties['PolicyType']).toBe('SUBSCRIPTION_FILTER_POLICY');
  expect(JSON.parse(sub(properties['PolicyDocument']!).replace('${Forwarder.Arn}', 'ARN'))).toEqual({
    DestinationArn: 'ARN',
    FilterPattern: '',
  });
  const forwarderLogGroup = (template.Resources['Forwarder']!.Properties as { LoggingConfig: { LogGroup: Json } })
    .LoggingConfig.LogGroup;
  expect(forwarderLogGroup).toEqual({ Ref: 'LogGroup' });
  expect(sub(properties['SelectionCriteria']!)).toBe(selectionCriteria(['${LogGroup}']));
});

it('waits for the permission that lets CloudWatch Logs invoke the forwarder', () => {
  expect(policy.DependsOn).toBe('CloudWatchLogsInvokePermission');
});
