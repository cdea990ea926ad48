// ddsource detection as the Datadog Forwarder v5 does it (datadog-serverless-functions
// aws/logs_monitoring/steps/common.py and steps/enums.py, 5.4.11): a few rules, the rest is left to
// Datadog's backend. With FORWARDER_DETECT_SOURCES=true, the richer v3 rules in cloudwatch-source-rules-v3.ts apply.
// Each row: [test on the lowercased key, ddsource, example log group].
import { functionNameFromLogStream } from './lambda-function.js';

type Rule = readonly [test: (key: string) => boolean, source: string, example: string];

export const CLOUDWATCH_RULES_V5: readonly Rule[] = [
  [(k) => k.startsWith('/aws/kinesis'), 'kinesis', '/aws/kinesisfirehose/my-stream'],
  [(k) => k.startsWith('/aws/lambda'), 'lambda', '/aws/lambda/my-function'],
  [(k) => k.startsWith('sns/'), 'sns', 'sns/us-east-1/123456789012/my-topic'],
  [(k) => k.includes('cloudtrail'), 'cloudtrail', 'aws-cloudtrail-logs-123456789012-abcd'],
];

/** ddsource for a CloudWatch log group and stream (v5 rules). */
export function cloudWatchSourceV5(logGroup: string, logStream: string): string {
  return cloudWatchRuleV5(logGroup, logStream).source;
}

/** ddsource for a CloudWatch log group and stream (v5 rules), and which rule gave it, in words. */
export function cloudWatchRuleV5(logGroup: string, logStream: string): { source: string; rule: string } {
  if (functionNameFromLogStream(logStream)) return { source: 'lambda', rule: LAMBDA_STREAM_RULE };
  const onStream = logStream.includes('_CloudTrail_');
  const key = (onStream ? 'cloudtrail' : logGroup).toLowerCase();
  const index = CLOUDWATCH_RULES_V5.findIndex(([test]) => test(key));
  if (index === -1) return { source: 'cloudwatch', rule: 'no v5 CloudWatch rule matched: the default' };
  const rule = describeRule('v5 CloudWatch', index, CLOUDWATCH_RULES_V5[index]![2]);
  return { source: CLOUDWATCH_RULES_V5[index]![1], rule: onStream ? `${rule}, on a _CloudTrail_ log stream` : rule };
}

export const LAMBDA_STREAM_RULE = "the log stream is a Lambda function's (YYYY/MM/DD/<name>[<version>]<id>)";

/** A detection table's row, for `forwarder explain`: `v5 CloudWatch rule 2 (matches e.g. /aws/lambda/my-function)`. */
export function describeRule(table: string, index: number, example: string): string {
  return `${table} rule ${index + 1} (matches e.g. ${example})`;
}
