// EventBridge / CloudWatch Events (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html):
// an event with `detail`. S3 `Object Created` events name an object to read
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html); any other event is one log whose fields are
// the event's own, top-level, and whose ddsource comes from `source` (both as in datadog-serverless-functions
// aws/logs_monitoring/steps/parsing.py, 5.4.11).
import { MalformedPayloadError } from '../errors.js';
import { stringifyJson } from '../parse/stringify-json.js';
import type { LogChunk } from '../types.js';
import { s3RefOfEventBridge } from './s3-notification.js';
import { readS3Object } from './s3-object.js';
import { isolated, type SourceContext } from './source-context.js';

/** An EventBridge event; `kind` is the trigger's (trigger.ts): an S3 `Object Created` event, or any other. */
export async function* readEventBridgeEvent(
  event: Record<string, unknown>,
  kind: 'eventbridge_s3' | 'events',
  context: SourceContext,
): AsyncGenerator<LogChunk> {
  if (kind === 'eventbridge_s3') {
    const ref = s3RefOfEventBridge(event);
    if (ref === undefined) {
      throw new MalformedPayloadError('EventBridge S3 event', 'detail.bucket.name or detail.object.key is missing');
    }
    return yield* isolated(readS3Object(ref, context, 'eventbridge_s3'), context);
  }
  const source = typeof event.source === 'string' ? event.source : undefined;
  context.tally.received(1);
  yield { origin: { eventType: 'events', eventSource: source }, logs: [{ fields: event }] };
}

/** Any other JSON object invoked directly (a test, a custom integration) is logged as a custom event. */
export function* readCustomEvent(event: Record<string, unknown>, context: SourceContext): Generator<LogChunk> {
  context.tally.received(1);
  yield { origin: { eventType: 'custom' }, logs: [{ message: stringifyJson(event) }] };
}
