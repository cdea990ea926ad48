// Who is forwarding: derived once per invocation from the Lambda context. The forwarder's ARN gives the
// default partition, region and account; `forwardername`/`forwarder_version` tag every log
// (datadog-serverless-functions aws/logs_monitoring/steps/common.py `generate_metadata`, 5.4.11).
import { FORWARDER_VERSION } from '../version.js';
import type { InvocationContext } from '../types.js';

export interface ForwarderIdentity {
  readonly arn: string;
  readonly name: string;
  readonly version: string;
  /** The function version the forwarder runs as (`$LATEST` or a number). */
  readonly functionVersion: string;
  readonly memorySizeMb: number;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export function forwarderIdentity(context: InvocationContext): ForwarderIdentity {
  const arn = context.invokedFunctionArn;
  const parts = arn.split(':');
  return {
    arn,
    name: context.functionName.toLowerCase(),
    version: FORWARDER_VERSION,
    functionVersion: context.functionVersion,
    memorySizeMb: Number(context.memoryLimitInMB),
    partition: parts[1] ?? 'aws',
    region: parts[3] ?? '',
    account: parts[4] ?? '',
  };
}
