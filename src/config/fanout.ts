// DD_ADDITIONAL_TARGET_LAMBDAS (reference §7.4): other functions that receive every event, unmodified.
import type { EnvReader } from './env-reader.js';

export function readAdditionalTargetLambdas(env: EnvReader): readonly string[] {
  return (env.raw('DD_ADDITIONAL_TARGET_LAMBDAS') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
