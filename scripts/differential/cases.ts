// The differential run's cases: generated from a seed, so a run can be repeated exactly. Each case is one Lambda
// event, the settings both forwarders get, and the S3 objects it needs; `python` says which Datadog Forwarder
// version it is compared with (5.4.11 for logs, 3.99.0 for metrics and traces).
import { seededRandom } from '../../bench/payloads.js';
import { cloudWatchCases } from './cases-cloudwatch.js';
import { eventBridgeCases, kinesisCases, snsCases } from './cases-records.js';
import { s3Cases, sqsOtherCases } from './cases-s3.js';
import { metricsAndTracesCases } from './cases-signals.js';
import type { Case } from './case-kit.js';

export { CONTEXT, type Case, type S3Object } from './case-kit.js';

export function generateCases(seed: number): Case[] {
  const rng = seededRandom(seed);
  return [
    ...cloudWatchCases(rng, 110),
    ...snsCases(rng, 12),
    ...eventBridgeCases(rng, 12),
    ...kinesisCases(rng, 10),
    ...sqsOtherCases(rng, 3),
    ...s3Cases(rng, 50),
    ...metricsAndTracesCases(rng, 20, 'v3'),
    ...metricsAndTracesCases(rng, 10, 'v5'),
  ];
}
