// Builds CloudWatch Logs subscription events whose log events carry distinct ids, and reads back which ids an
// intake received, so delivery tests can count every log.
import type { CapturedRequest } from '../../src/cli/local/capture-intake.js';
import { awslogsEvent } from './lambda.js';

let sequence = 0;

/** An awslogs event with `count` log events, ids `<prefix>-<n>`; returns the event and its ids. */
export function logsEventWithIds(count: number, prefix = 'log'): { event: unknown; ids: string[] } {
  const ids: string[] = [];
  const logEvents = [];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${sequence++}`;
    ids.push(id);
    logEvents.push({ id, timestamp: 1_700_000_000_000 + i, message: `message ${id}` });
  }
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/lambda/app',
    logStream: '2024/01/01/[$LATEST]abc',
    subscriptionFilters: ['f'],
    logEvents,
  };
  return { event: awslogsEvent(payload), ids };
}

/** The log ids in one captured logs request. */
export function idsIn(request: CapturedRequest): string[] {
  return Array.isArray(request.json) ? request.json.map((log: { id?: string }) => String(log.id)) : [];
}
