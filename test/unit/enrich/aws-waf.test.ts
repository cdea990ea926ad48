import { rewriteWafMessage } from '../../../src/enrich/aws-waf.js';

describe('rewriteWafMessage', () => {
  it('nests headers by name and rule lists by rule id, and writes JSON as Python does', () => {
    const waf = {
      action: 'BLOCK',
      httpRequest: { headers: [{ name: 'Host', value: 'example.com' }] },
      ruleGroupList: [
        {
          ruleGroupId: 'AWS#Common',
          terminatingRule: { ruleId: 'SizeRestrictions_BODY', action: 'BLOCK' },
          nonTerminatingMatchingRules: [{ ruleId: 'NoUserAgent', action: 'COUNT' }],
          excludedRules: null,
        },
      ],
      rateBasedRuleList: [{ rateBasedRuleName: 'limit', limitKey: 'IP' }],
      nonTerminatingMatchingRules: [],
    };
    expect(JSON.parse(rewriteWafMessage(JSON.stringify(waf))!)).toEqual({
      action: 'BLOCK',
      httpRequest: { headers: { Host: 'example.com' } },
      ruleGroupList: {
        'AWS#Common': {
          terminatingRule: { SizeRestrictions_BODY: { action: 'BLOCK' } },
          nonTerminatingMatchingRules: { NoUserAgent: { action: 'COUNT' } },
        },
      },
      rateBasedRuleList: { limit: { limitKey: 'IP' } },
      nonTerminatingMatchingRules: [],
    });
    expect(rewriteWafMessage('{"action": "ALLOW"}')).toBe('{"action": "ALLOW"}');
  });

  it('leaves messages that are not JSON objects alone', () => {
    expect(rewriteWafMessage('not json')).toBeUndefined();
    expect(rewriteWafMessage('[1]')).toBeUndefined();
  });
});
