// One pipeline scenario in a fresh process: the real handler (createHandler from the packaged dist/handler.mjs)
// with the environment the runner gives it (a default deployment's, pointed at the bench's servers). Like a warm
// Lambda container, it first answers one small invocation (configuration, API key, tags, clients and
// connections are built then), then runs the scenario's payload `--runs` times. With `--count-work` it times
// nothing: it counts JSON.parse calls and heap allocation over the same runs instead (bench/work-count.ts).
import { readFileSync } from 'node:fs';
import { lambdaContext } from './deployment.js';
import { cloudWatchPayload, type BenchPayload } from './payloads.js';
import { argValue, importHandlerBundle, markTimedStart, peakRssBytes, sendReport, timed } from './protocol.js';
import { countWork, installParseCounter } from './work-count.js';

// Before the bundle is imported, so that it calls the counter whatever reference to JSON.parse it keeps.
const counter = process.argv.includes('--count-work') ? installParseCounter() : undefined;
const { createHandler } = await importHandlerBundle(argValue('bundle'));
const handler = createHandler(process.env);
const runs = Number(argValue('runs', '5'));

await invoke(cloudWatchPayload(100, 7));
const payload = JSON.parse(readFileSync(argValue('payload'), 'utf8')) as BenchPayload;
if (counter) {
  const work = await countWork(counter, runs, payload.events, () => invoke(payload));
  const { events, messageBytes: rawBytes } = payload;
  sendReport({ kind: 'forward', runsMs: [], cpuMs: [], events, rawBytes, peakRssBytes: peakRssBytes(), work });
} else {
  await markTimedStart();
  const times = { runsMs: [] as number[], cpuMs: [] as number[] };
  for (let i = 0; i < runs; i++) await timed(() => invoke(payload), times);
  sendReport({
    kind: 'forward',
    ...times,
    events: payload.events,
    rawBytes: payload.messageBytes,
    peakRssBytes: peakRssBytes(),
  });
}

/** Invokes the handler and checks that every event was forwarded, so a broken run cannot pass for a fast one. */
async function invoke(input: BenchPayload): Promise<void> {
  const result = (await handler(input.event, lambdaContext())) as { forwarded?: number };
  if (result.forwarded !== input.events) {
    throw new Error(`Forwarded ${String(result.forwarded)} of ${input.events} events: the bench run is invalid.`);
  }
}
