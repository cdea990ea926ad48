// DD_ADDITIONAL_TARGET_LAMBDAS: every event the forwarder receives is also sent, unmodified and before it is
// parsed, to each listed function as an asynchronous invocation (InvocationType Event), as the Datadog
// Forwarder does (datadog-serverless-functions aws/logs_monitoring/lambda_function.py
// `invoke_additional_target_lambdas`, 5.4.11). https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
// A failure to reach one target is logged and does not affect forwarding or the other targets. Beware loops:
// a target must not be a forwarder that receives this forwarder's own logs.
import { errorMessage } from '../errors.js';
import { stringifyJson } from '../parse/stringify-json.js';
import type { Logger } from '../log.js';

/** The port: one asynchronous invocation. */
export interface LambdaInvoker {
  invokeAsync(functionName: string, payload: string): Promise<void>;
}

export async function invokeAdditionalTargets(
  targets: readonly string[],
  event: unknown,
  invoker: LambdaInvoker,
  logger: Logger,
): Promise<number> {
  if (targets.length === 0) return 0;
  // However deeply nested: the event is untrusted input (parse/stringify-json.ts).
  const payload = stringifyJson(event) ?? 'null';
  const results = await Promise.allSettled(targets.map((target) => invoker.invokeAsync(target, payload)));
  let failed = 0;
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') return;
    failed++;
    logger.error('Could not invoke an additional target Lambda function.', {
      target: targets[index],
      error: errorMessage(result.reason),
      fix: 'Check the name in DD_ADDITIONAL_TARGET_LAMBDAS and that the forwarder role may lambda:InvokeFunction it.',
    });
  });
  return failed;
}
