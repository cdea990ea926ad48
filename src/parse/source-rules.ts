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
  if (functionNameFromLogStream(logStream)) return 'lambda';
  const key = (logStream.includes('_CloudTrail_') ? 'cloudtrail' : logGroup).toLowerCase();
  for (const [test, source] of CLOUDWATCH_RULES_V5) if (test(key)) return source;
  return 'cloudwatch';
}
