import { ParsedMessage } from '../../../../src/parse/parsed-message.js';
import { parsePlatformEvent as inView } from '../../../../src/signals/metrics/lambda-report.js';

const parsePlatformEvent = (message: string) => inView(new ParsedMessage(message));

const jsonReport = (record: Record<string, unknown>) =>
  JSON.stringify({ time: '2024-01-01T00:00:00.000Z', type: 'platform.report', record });

describe('parsePlatformEvent', () => {
  it.each([
    [
      'a standard REPORT',
      'REPORT RequestId: 8edab1f8-7d34-4a8e-a965-15ccbbb78d4c\tDuration: 0.62 ms\tBilled Duration: 100 ms\tMemory Size: 128 MB\tMax Memory Used: 51 MB',
      { durationMs: 0.62, billedDurationMs: 100, memorySizeMb: 128, maxMemoryUsedMb: 51, initDurationMs: undefined },
    ],
    [
      'a cold start REPORT with X-Ray',
      'REPORT RequestId: a\tDuration: 1.76 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 48 MB\tInit Duration: 120.96 ms\t\nXRAY TraceId: 1-5e61292c-cc1229a4dfbeae1043928548\tSegmentId: 07a85e713f6302b2\tSampled: true\t\n',
      { durationMs: 1.76, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: 48, initDurationMs: 120.96 },
    ],
  ])('reads %s', (_, message, expected) => {
    expect(parsePlatformEvent(message)).toEqual({ kind: 'report', timedOut: false, outOfMemory: false, ...expected });
  });

  it('does not read a REPORT whose tabs arrive escaped, as the Datadog Forwarder does not', () => {
    const escaped =
      'REPORT RequestId: db275f87-a934-471a-8980-b63bf4dc1beb\\tDuration: 1.76 ms\\tBilled Duration: 100 ms\\tMemory Size: 128 MB\\tMax Memory Used: 48 MB\\t\\n';
    expect(parsePlatformEvent(escaped)).toBeUndefined();
  });

  it('reads a JSON platform.report, timeout status and cold start included', () => {
    const message = jsonReport({
      requestId: 'r',
      status: 'timeout',
      metrics: {
        durationMs: 30000,
        billedDurationMs: 30000,
        memorySizeMB: 128,
        maxMemoryUsedMB: 74,
        initDurationMs: 985.413,
      },
    });
    expect(parsePlatformEvent(message)).toEqual({
      kind: 'report',
      durationMs: 30000,
      billedDurationMs: 30000,
      memorySizeMb: 128,
      maxMemoryUsedMb: 74,
      initDurationMs: 985.413,
      timedOut: true,
      outOfMemory: false,
    });
  });

  it('reads a partial JSON report (Lambda Managed Instances have no billed duration)', () => {
    const message = jsonReport({ status: 'success', metrics: { durationMs: 12, maxMemoryUsedMB: 60 } });
    expect(parsePlatformEvent(message)).toMatchObject({
      durationMs: 12,
      maxMemoryUsedMb: 60,
      billedDurationMs: undefined,
    });
  });

  it('reads an out-of-memory exit in a JSON report', () => {
    const message = jsonReport({ status: 'error', errorType: 'Runtime.OutOfMemory', metrics: { durationMs: 5 } });
    expect(parsePlatformEvent(message)).toMatchObject({ outOfMemory: true });
  });

  it.each([
    ['another platform event', JSON.stringify({ type: 'platform.start', record: { requestId: 'r' } })],
    ['a report without metrics', jsonReport({ status: 'success', metrics: {} })],
    ['an ordinary log', 'Processed 3 orders'],
    ['a mention of REPORT', 'REPORT generation finished'],
  ])('finds nothing in %s', (_, message) => {
    expect(parsePlatformEvent(message)).toBeUndefined();
  });

  it('reads a timeout', () => {
    expect(parsePlatformEvent('2020-06-04T15:29:19.101Z db275f87 Task timed out after 3.00 seconds\n')).toEqual({
      kind: 'timeout',
    });
  });

  it.each([
    'fatal error: runtime: out of memory',
    'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
    'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    '[ERROR] MemoryError',
    'failed to allocate memory (NoMemoryError)',
  ])('reads an out-of-memory message: %s', (message) => {
    expect(parsePlatformEvent(message)).toEqual({ kind: 'out_of_memory' });
  });
});
