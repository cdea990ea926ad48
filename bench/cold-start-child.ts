// Cold start, as Lambda's runtime sees it: a fresh Node process (the runner times it from spawn) imports the
// packaged handler and answers a first small invocation with a default deployment's environment: the API key
// read (from Secrets Manager or DD_API_KEY), the Lambda tags fetched, the logs and the telemetry sent. The
// report goes to stdout once the answer is in, so the runner's clock stops at the first answer. `importMs`,
// `invokeMs` and `processMs` (since the process began, Node's own start-up included) are the child's own view.
import { performance } from 'node:perf_hooks';
import { argValue, importHandlerBundle, peakRssBytes, sendReport } from './protocol.js';

const cpu = process.cpuUsage();
const startMs = performance.now();
const { handler } = await importHandlerBundle(argValue('bundle'));
const importedMs = performance.now();
const event = JSON.parse(argValue('event')) as unknown;
const result = (await handler(event, context())) as { forwarded?: number };
const endMs = performance.now();
const used = process.cpuUsage(cpu);
if (result.forwarded !== Number(argValue('events'))) {
  throw new Error(`Forwarded ${String(result.forwarded)} events of ${argValue('events')}: the bench run is invalid.`);
}
sendReport({
  kind: 'cold-start',
  runsMs: [endMs - startMs],
  cpuMs: [(used.user + used.system) / 1000],
  events: Number(argValue('events')),
  rawBytes: 0,
  peakRssBytes: peakRssBytes(),
  details: { importMs: importedMs - startMs, invokeMs: endMs - importedMs, processMs: endMs },
});

/** A Lambda context, written out here so that no module loads before the timed import. */
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
