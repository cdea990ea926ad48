// `./forwarder explain` through the real entry point (the shell script and its esbuild bundle, as a user runs it):
// a YAML rule file loads in the bundle as under jest, and an invalid one is exit code 1 naming the rule and field.
import { runForwarder } from '../helpers/forwarder-cli.js';

it('explains a fixture with a YAML rule file, in the bundle', async () => {
  const result = await runForwarder([
    'explain',
    'fixtures/routing/ecs-filter-scrub.event.json',
    '--rules',
    'fixtures/routing/rules.yaml',
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    'set by routing rule: rules[1] "ecs web", matched on event_source, log_group_pattern',
  );
});

it('refuses the invalid rule file with exit code 1, naming the file, the rules and the fields', async () => {
  const result = await runForwarder([
    'explain',
    'fixtures/routing/no-match.event.json',
    '--rules',
    'fixtures/routing/invalid.yaml',
  ]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(
    'forwarder explain: the configuration from fixtures/routing/no-match.env.json and fixtures/routing/invalid.yaml cannot be used',
  );
  expect(result.stderr).toContain(
    'FORWARDER_ROUTING_RULES (fixtures/routing/invalid.yaml): rules[1] "ecs web": servce is not a rule field',
  );
});
