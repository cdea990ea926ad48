// Which Lambda function wrote a CloudWatch log group (datadog-serverless-functions
// aws/logs_monitoring/customized_log_group.py and steps/handlers/awslogs_handler.py, 5.4.11): `/aws/lambda/<name>`, or,
// for functions that log to a custom log group, a log stream named `YYYY/MM/DD/<name>[<version>]<32 hex>`.
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html

const CUSTOMISED_STREAM =
  /^[0-9]{4}\/[01][0-9]\/[0-3][0-9]\/([0-9a-zA-Z_.-]{1,75})\[(?:\$LATEST|[0-9A-Za-z_-]{1,129})\][0-9a-f]{32}$/;

/** The function name from a customised log stream name, or undefined. */
export function functionNameFromLogStream(logStream: string): string | undefined {
  return CUSTOMISED_STREAM.exec(logStream)?.[1];
}

/** The function whose logs these are (lowercased, as the Datadog Forwarder does), or undefined. */
export function lambdaFunctionName(logGroup: string, logStream: string): string | undefined {
  const fromStream = functionNameFromLogStream(logStream);
  if (fromStream) return fromStream.toLowerCase();
  const index = logGroup.indexOf('/lambda/');
  if (index === -1) return undefined;
  const name = logGroup.slice(index + '/lambda/'.length);
  return name === '' ? undefined : name.toLowerCase();
}

/** Tags derived from a function ARN: region, account, function name (the ARN cut to 7 parts). */
export function lambdaTagsFromArn(arn: string): string[] {
  const parts = arn.split(':');
  if (parts.length < 7) return [];
  return [`region:${parts[3]}`, `aws_account:${parts[4]}`, `functionname:${parts[6]}`];
}
