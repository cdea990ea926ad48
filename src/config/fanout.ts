// DD_ADDITIONAL_TARGET_LAMBDAS (datadog-serverless-functions aws/logs_monitoring/lambda_function.py
// `invoke_additional_target_lambdas`, 5.4.11): other functions that receive every event, unmodified.
import type { EnvReader } from './env-reader.js';

export function readAdditionalTargetLambdas(env: EnvReader): readonly string[] {
  return (env.raw('DD_ADDITIONAL_TARGET_LAMBDAS') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
