// The bench's routing rule file (docs/routing.md): 50 rules of every kind of condition, of which only the last
// matches the bench's log group, so every origin is matched against all 50; that rule sets the source, service,
// host and tags, and adds an exclude filter and a scrubbing rule that find nothing in the bench's logs (every
// event must still be forwarded), so the per-log part of routing is paid on every log.
import { BENCH_LOG_GROUP } from './payloads.js';

export const BENCH_RULE_COUNT = 50;

export function benchRuleFile(): string {
  const rules: string[] = [];
  for (let i = 0; rules.length < BENCH_RULE_COUNT - 1; i++) {
    const kind = i % 4;
    if (kind === 0) rules.push(rule(`prefix ${i}`, `{ log_group_prefix: [/ecs/team-${i}/, /eks/team-${i}/] }`));
    if (kind === 1) rules.push(rule(`pattern ${i}`, `{ log_group_pattern: '^/aws/lambda/(svc|job)-${i}-[a-z]+$' }`));
    if (kind === 2) rules.push(rule(`bucket ${i}`, `{ event_source: s3, bucket: logs-${i}, key_prefix: AWSLogs/ }`));
    if (kind === 3)
      rules.push(
        rule(`function ${i}`, `{ function: [worker-${i}, api-${i}], account: '1234567890${i % 10}${i % 10}' }`),
      );
  }
  const functionName = BENCH_LOG_GROUP.slice('/aws/lambda/'.length);
  rules.push(
    [
      `  - name: checkout`,
      `    match: { event_source: awslogs, function: ${functionName} }`,
      `    ddsource: nodejs`,
      `    service: checkout`,
      `    host: checkout-fleet`,
      `    tags: [team:payments, tier:1]`,
      `    exclude: 'BENCH-NEVER-\\d{6}-MATCHES'`,
      `    scrub:`,
      `      - pattern: 'password=[^&\\s]+'`,
      `        replacement: 'password=***'`,
    ].join('\n'),
  );
  return `version: 1\nrules:\n${rules.join('\n')}\n`;
}

function rule(name: string, match: string): string {
  return `  - name: ${name}\n    match: ${match}\n    ddsource: src-${name.replace(/\D/g, '')}\n    tags: [rule:${name.replace(' ', '-')}]`;
}
