// How event sources are read: the S3 client's addressing (DD_USE_VPC, reference §1.4) and partial-batch
// responses for SQS and Kinesis triggers
// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting).
import type { EnvReader } from './env-reader.js';

export interface SourcesConfig {
  /** `AWS_REGION` (set by Lambda): the S3 client's region when DD_USE_VPC is on. */
  readonly region?: string;
  /**
   * `FORWARDER_REPORT_BATCH_ITEM_FAILURES`: answer SQS and Kinesis triggers with `batchItemFailures`. Only safe
   * when the event source mapping has ReportBatchItemFailures on; otherwise Lambda ignores the answer and the
   * failed records would be lost, so by default a failure fails the whole invocation instead.
   */
  readonly reportBatchItemFailures: boolean;
}

/** `useVpc`: DD_USE_VPC, read once by network.ts; the S3 client then needs the function's region. */
export function readSources(env: EnvReader, useVpc: boolean): SourcesConfig {
  const region = env.optionalString('AWS_REGION');
  if (useVpc && region === undefined) env.problem('DD_USE_VPC is true but AWS_REGION is not set (Lambda sets it).');
  return {
    region,
    reportBatchItemFailures: env.bool('FORWARDER_REPORT_BATCH_ITEM_FAILURES', false),
  };
}
