// How event sources are read: the S3 client's addressing (DD_USE_VPC, datadog-serverless-functions
// aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11), partial-batch responses for SQS and Kinesis triggers
// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting),
// and what the function's own runtime says about it (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime):
// its memory, which bounds what a payload may decompress to, and its own log group, whose logs it must not read.
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
  /**
   * The most a payload decompressed whole (`awslogs.data`, a Kinesis record, a JSON S3 object parsed whole) may
   * take: an eighth of the function's memory (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, set by Lambda; 1,024 MB when
   * unset), which leaves room for the text and objects read out of it; at most 256 MB, half the longest string V8
   * makes. A gzip bomb stops there.
   */
  readonly maxDecompressedBytes: number;
  /** `AWS_LAMBDA_LOG_GROUP_NAME` (set by Lambda, custom LoggingConfig groups included): never read as input. */
  readonly ownLogGroup?: string;
}

/** The function memory assumed when Lambda does not say (tests, the command line): the template's default. */
const DEFAULT_MEMORY_MB = 1024;

/** `useVpc`: DD_USE_VPC, read once by network.ts; the S3 client then needs the function's region. */
export function readSources(env: EnvReader, useVpc: boolean): SourcesConfig {
  const region = env.optionalString('AWS_REGION');
  if (useVpc && region === undefined) env.problem('DD_USE_VPC is true but AWS_REGION is not set (Lambda sets it).');
  const memoryMb = env.int('AWS_LAMBDA_FUNCTION_MEMORY_SIZE', DEFAULT_MEMORY_MB, { min: 128, max: 10_240 });
  return {
    region,
    reportBatchItemFailures: env.bool('FORWARDER_REPORT_BATCH_ITEM_FAILURES', false),
    maxDecompressedBytes: Math.min(memoryMb / 8, 256) * 1024 * 1024,
    ownLogGroup: env.optionalString('AWS_LAMBDA_LOG_GROUP_NAME'),
  };
}
