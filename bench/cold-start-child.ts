// Cold start, as Lambda sees it after its runtime is up: import the bundled handler, then answer a first small
// invocation (configuration read, clients built, one request to the intake). Measured in a fresh process from
// just before the import; `processMs` adds Node's own start-up (time since the process began).
import { performance } from 'node:perf_hooks';
import { argValue, importHandlerBundle, peakRssBytes, sendReport } from './protocol.js';

const cpu = process.cpuUsage();
const startMs = performance.now();
const { handler } = await importHandlerBundle(argValue('bundle'));
const importedMs = performance.now();
const event = JSON.parse(argValue('event')) as unknown;
await handler(event, context());
const endMs = performance.now();
const used = process.cpuUsage(cpu);
sendReport({
  kind: 'cold-start',
  runsMs: [endMs - startMs],
  cpuMs: [(used.user + used.system) / 1000],
  events: Number(argValue('events')),
  rawBytes: 0,
  peakRssBytes: peakRssBytes(),
  details: { importMs: importedMs - startMs, invokeMs: endMs - importedMs, processMs: endMs },
});

/** A Lambda context, written out here so that no helper module loads node:zlib before the timed import. */
function context() {
  const deadlineMs = Date.now() + 60_000;
  return {
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:forwarder',
    functionName: 'forwarder',
    functionVersion: '$LATEST',
    memoryLimitInMB: '1024',
    awsRequestId: '00000000-0000-4000-8000-000000000000',
    getRemainingTimeInMillis: () => deadlineMs - Date.now(),
  };
}
