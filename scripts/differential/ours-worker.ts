// Runs Forwarder's handler (the bundle `npm run build` makes) on one case at a time, in a worker thread, so that
// the harness can stop a case that never ends (a pattern that backtracks for ever holds the thread) and go on.
import { parentPort, workerData } from 'node:worker_threads';
import { CONTEXT } from './cases.js';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
export interface OursRequest {
  readonly env: Record<string, string>;
  readonly event: unknown;
}
export interface OursResult {
  readonly error: string | null;
  readonly lines: string[];
}

const { createHandler } = (await import((workerData as { handlerModule: string }).handlerModule)) as {
  createHandler: (env: unknown) => Handler;
};

parentPort?.on('message', async ({ env, event }: OursRequest) => {
  const deadline = Date.now() + 60_000;
  const context = { ...CONTEXT, getRemainingTimeInMillis: () => deadline - Date.now() };
  // The handler's log lines are the case's diagnostics, not the harness's output.
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
  let error: string | null = null;
  try {
    await createHandler(env)(event, context);
  } catch (thrown) {
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  } finally {
    process.stdout.write = write;
  }
  parentPort?.postMessage({ error, lines } satisfies OursResult);
});
