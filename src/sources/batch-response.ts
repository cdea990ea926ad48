// Partial-batch responses for SQS and Kinesis triggers
// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting,
// https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html):
// `{"batchItemFailures": [{"itemIdentifier": "<message id | sequence number>"}]}` makes Lambda retry only those
// records. Lambda reads that answer only when the event source mapping has ReportBatchItemFailures on; without
// it the answer is ignored and the whole batch counts as processed, so unless FORWARDER_REPORT_BATCH_ITEM_FAILURES
// says the mapping has it, any failure fails the invocation and the whole batch is retried (duplicates, not loss).
// Which events are such batches is the classified trigger's to say (trigger.ts, `isBatch`).
import { DeliveryError } from '../errors.js';
import type { InvocationSummary } from '../summary.js';

interface BatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

export function batchResponse(summary: InvocationSummary, reportItemFailures: boolean): BatchResponse {
  const ids = summary.failedItemIds;
  if (ids.length === 0 && summary.failed === 0) return { batchItemFailures: [] };
  if (reportItemFailures && ids.length > 0) {
    return { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) };
  }
  throw new DeliveryError(
    `${ids.length} record(s) of the batch could not be read or delivered (${summary.lastError ?? 'see the logs above'}). ` +
      'The invocation fails so that Lambda retries the batch; turn on ReportBatchItemFailures on the trigger and ' +
      'set FORWARDER_REPORT_BATCH_ITEM_FAILURES=true to retry only the failed records.',
  );
}
