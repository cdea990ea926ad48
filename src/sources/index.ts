// Event-type detection: which trigger delivered this event, and the source that reads it.
// Every source yields LogChunks (an origin and a bounded run of logs), so large inputs stream.
import { UnsupportedEventError } from '../errors.js';
import type { Tally } from '../tally.js';
import type { LogChunk } from '../types.js';
import { decodeAwsLogsData, isCloudWatchLogsEvent, readAwsLogsPayload } from './cloudwatch-logs.js';

/** What sources need from the invocation. */
export interface SourceContext {
  readonly tally: Tally;
}

export async function* readEvent(event: unknown, context: SourceContext): AsyncGenerator<LogChunk> {
  if (isCloudWatchLogsEvent(event)) {
    const payload = await decodeAwsLogsData(event.awslogs?.data);
    yield* readAwsLogsPayload(payload, context);
    return;
  }
  throw new UnsupportedEventError(describeShape(event));
}

/** A short description of an event's shape for error messages: its type and top-level keys, never values. */
export function describeShape(event: unknown): string {
  if (event === null) return 'null';
  if (Array.isArray(event)) return `an array of ${event.length} item(s)`;
  if (typeof event !== 'object') return `a ${typeof event}`;
  const keys = Object.keys(event).slice(0, 10);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}
