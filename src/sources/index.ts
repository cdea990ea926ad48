// The source stage: reads the classified trigger (trigger.ts) into LogChunks (an origin and a bounded run of
// logs), so large inputs stream.
//   awslogs                        CloudWatch Logs subscription             cloudwatch-logs.ts
//   s3, sns, sqs, kinesis          Records, read record by record           records.ts
//   eventbridge_s3, events         EventBridge (and S3 Object Created)      eventbridge.ts
//   custom                         any other non-empty object               eventbridge.ts
import { UnsupportedEventError } from '../errors.js';
import type { LogChunk } from '../types.js';
import { readAwsLogsData } from './cloudwatch-logs.js';
import { readCustomEvent, readEventBridgeEvent } from './eventbridge.js';
import { readRecords } from './records.js';
import type { SourceContext } from './source-context.js';
import type { Trigger } from './trigger.js';

export async function* readEvent(trigger: Trigger, context: SourceContext): AsyncGenerator<LogChunk> {
  switch (trigger.kind) {
    case 'awslogs':
      return yield* readAwsLogsData(trigger.data, context);
    case 's3':
    case 'sns':
    case 'sqs':
    case 'kinesis':
    case 'records':
      return yield* readRecords(trigger.records, context);
    case 'eventbridge_s3':
    case 'events':
      return yield* readEventBridgeEvent(trigger.event, trigger.kind, context);
    case 'custom':
      return yield* readCustomEvent(trigger.event, context);
    case 'retry':
      return;
    case 'unsupported':
      throw new UnsupportedEventError(trigger.shape);
  }
}
