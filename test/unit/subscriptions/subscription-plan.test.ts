import {
  FILTER_NAME,
  planLogGroup,
  planUnsubscribe,
  type ExistingFilter,
} from '../../../src/subscriptions/subscription-plan.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:forwarder';
const wanted = { destinationArn: ARN, filterPattern: '' };
const f = (filterName: string, destinationArn = 'arn:aws:firehose:other', filterPattern = ''): ExistingFilter => ({
  filterName,
  destinationArn,
  filterPattern,
});

describe('planLogGroup', () => {
  it.each<[string, ExistingFilter[], string]>([
    ['no filters', [], 'create'],
    ['one filter of others', [f('theirs')], 'create'],
    ['two filters of others', [f('a'), f('b')], 'skip'],
    ['ours, same destination and pattern', [f(FILTER_NAME, ARN)], 'keep'],
    ['ours, old destination', [f(FILTER_NAME, 'arn:aws:lambda:us-east-1:1:function:old')], 'update'],
    ['ours, other pattern', [f(FILTER_NAME, ARN, '?ERROR')], 'update'],
    ['ours beside one of others (at the limit, but ours may change)', [f('a'), f(FILTER_NAME, 'x')], 'update'],
    ['someone else already sends to the forwarder', [f('by-hand', ARN)], 'keep'],
    ['someone else sends to the forwarder, at the limit', [f('a'), f('by-hand', ARN)], 'keep'],
  ])('%s → %s', (_case, existing, kind) => {
    expect(planLogGroup(existing, wanted).kind).toBe(kind);
  });

  it('names the filters that fill a group it skips', () => {
    const action = planLogGroup([f('a'), f('b')], wanted);
    expect(action).toEqual({ kind: 'skip', reason: expect.stringMatching(/"a", "b".*allows 2/) });
  });
});

it('warns when a group it subscribes already sends to another Lambda function, perhaps another forwarder', () => {
  const other = 'arn:aws:lambda:us-east-1:123456789012:function:DatadogForwarder';
  expect(planLogGroup([f('dd', other)], wanted)).toEqual({
    kind: 'create',
    note: `also sends to ${other}: if that is another forwarder, logs arrive twice; move the group with --move-from instead`,
  });
  expect(planLogGroup([f('firehose')], wanted)).toEqual({ kind: 'create' });
});

describe('planLogGroup, moving from another forwarder', () => {
  const OLD = 'arn:aws:lambda:us-east-1:123456789012:function:DatadogForwarder';
  const moving = { ...wanted, moveFrom: OLD };

  it('ignores a group that does not send to the other forwarder', () => {
    expect(planLogGroup([f('theirs')], moving)).toEqual({ kind: 'ignore' });
  });

  it('moves the other forwarder\u2019s filter in place, with its name and pattern, even at the limit', () => {
    expect(planLogGroup([f('a'), f('dd', OLD, '?ERROR')], moving)).toEqual({
      kind: 'move',
      filterName: 'dd',
      filterPattern: '?ERROR',
      reason: `filter "dd" moved from ${OLD}`,
    });
  });

  it('deletes the other forwarder\u2019s filter when the group already sends here', () => {
    expect(planLogGroup([f('dd', OLD), f(FILTER_NAME, ARN)], moving)).toMatchObject({
      kind: 'delete',
      filterNames: ['dd'],
    });
  });
});

describe('planUnsubscribe', () => {
  it('deletes every filter that sends to the forwarder, whoever named it, and nothing else', () => {
    expect(planUnsubscribe([f('a'), f(FILTER_NAME, ARN), f('by-hand', ARN)], ARN)).toEqual({
      kind: 'delete',
      filterNames: [FILTER_NAME, 'by-hand'],
      reason: `filter "${FILTER_NAME}", "by-hand"`,
    });
    expect(planUnsubscribe([f('a')], ARN)).toEqual({ kind: 'ignore' });
  });
});
