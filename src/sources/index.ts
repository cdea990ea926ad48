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
import { joinMultiline, startsJoining } from './split-multiline.js';
import type { Trigger } from './trigger.js';

export type { SourceContext } from './source-context.js';

export async function* readEvent(trigger: Trigger, context: SourceContext): AsyncGenerator<LogChunk> {
  switch (trigger.kind) {
    case 'awslogs':
      return yield* withMultiline(readAwsLogsData(trigger.data, context), context);
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

/**
 * CloudWatch Logs events that continue the previous one (a stack trace, line by line) join it, across the
 * slices a payload is read in: each slice's last log is held back until the next slice of the same payload
 * shows whether it continues. Whether a payload joins at all is decided by its first event (split-multiline.ts).
 */
function* withMultiline(chunks: Iterable<LogChunk>, context: SourceContext): Generator<LogChunk> {
  const pattern = context.multilinePattern;
  if (pattern === undefined) return yield* chunks;
  let held: { chunk: LogChunk; joins: boolean } | undefined;
  for (const chunk of chunks) {
    if (held !== undefined && held.chunk.origin !== chunk.origin) {
      yield held.chunk;
      held = undefined;
    }
    const joins = held?.joins ?? startsJoining(chunk.logs, pattern);
    const logs = held ? [...held.chunk.logs, ...chunk.logs] : chunk.logs;
    const joined = joinMultiline(logs, pattern, joins);
    context.tally.drop('joined_multiline', joined.joined);
    const last = joined.logs.pop();
    if (joined.logs.length > 0) yield { ...chunk, logs: joined.logs };
    held = last === undefined ? undefined : { chunk: { ...chunk, logs: [last] }, joins };
  }
  if (held !== undefined) yield held.chunk;
}
