import { BENCH_RULE_COUNT, benchRuleFile } from '../../bench/routing-rules.js';
import { BENCH_LOG_GROUP, BENCH_LOG_STREAM } from '../../bench/payloads.js';
import { originFacts } from '../../src/enrich/routed-origin.js';
import { describeOrigin } from '../../src/enrich/origin.js';
import { readConfig } from '../../src/config/index.js';
import { forwarderIdentity } from '../../src/parse/forwarder-identity.js';
import { loadRe2 } from '../../src/regex/re2-loader.js';
import { compileRuleFile } from '../../src/routing/rule-file.js';
import { matchRules } from '../../src/routing/rules.js';
import { loadYamlParser } from '../../src/routing/yaml-parser.js';
import { TEST_API_KEY, lambdaContext } from '../helpers/lambda.js';

it('the bench rule file is valid, 50 rules long, and only its last rule matches the bench log group', async () => {
  await loadRe2();
  const result = compileRuleFile(benchRuleFile(), 'rules.yaml', { parseYaml: await loadYamlParser() });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  expect(result.rules.rules).toHaveLength(BENCH_RULE_COUNT);
  const identity = forwarderIdentity(lambdaContext());
  const logs = readConfig({ DD_API_KEY: TEST_API_KEY }).logs;
  const source = {
    eventType: 'awslogs',
    awslogs: { logGroup: BENCH_LOG_GROUP, logStream: BENCH_LOG_STREAM, owner: '123456789012' },
  } as const;
  const origin = describeOrigin(source, { logs, identity });
  const match = matchRules(result.rules, originFacts(origin, identity));
  expect(match?.rule.index).toBe(BENCH_RULE_COUNT - 1);
  expect(match?.rule.scrubbingRules).toHaveLength(1);
  expect(match?.rule.filter?.excludeAtMatch).toBeDefined();
});
