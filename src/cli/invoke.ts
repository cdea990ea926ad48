// `forwarder invoke <event.json>`: the real handler on one event file. Against the embedded capture intake by
// default; against the real intake when DD_API_KEY is set in the environment (with DD_SITE and the rest).
import { readFile } from 'node:fs/promises';
import { createHandler } from '../handler.js';
import { Logger } from '../log.js';
import type { Io } from './args.js';
import { startCaptureIntake, type CaptureIntake } from './local/capture-intake.js';
import { describeReceived, localContext, localEnv } from './local/local-run.js';
import { encodeReadableEvent } from './readable-event.js';

export const INVOKE_HELP = `Usage: forwarder invoke <event.json> [--timeout-seconds N]

Runs the real handler on the Lambda event in <event.json> and prints the handler's result.
Without DD_API_KEY in the environment, telemetry goes to an embedded capture intake on 127.0.0.1 and what it
received is printed. With DD_API_KEY set, the environment configures the forwarder as in Lambda (DD_SITE,
DD_URL, ...) and telemetry goes to the real intakes.
For readability, awslogs.data (and a Kinesis record's kinesis.data) may be the decoded JSON object: it is
gzipped and base64-encoded before the handler sees it.`;

export async function runInvoke(
  file: string,
  options: { timeoutSeconds?: number },
  env: Readonly<Record<string, string | undefined>>,
  io: Io,
): Promise<number> {
  const event = encodeReadableEvent(JSON.parse(await readFile(file, 'utf8')));
  const useRealIntake = env.DD_API_KEY !== undefined && env.DD_API_KEY !== '';
  let intake: CaptureIntake | undefined;
  if (!useRealIntake) {
    intake = await startCaptureIntake();
    io.out(`No DD_API_KEY set: sending to the capture intake on ${intake.url}`);
  }
  const logger = new Logger('info', (line) => io.err(line));
  const handler = createHandler(intake ? localEnv(intake.url, env) : env, { logger });
  try {
    const result = await handler(event, localContext((options.timeoutSeconds ?? 120) * 1000));
    io.out(`Result: ${JSON.stringify(result)}`);
    if (intake) for (const line of describeReceived(intake.requests, 5)) io.out(line);
    return 0;
  } finally {
    await intake?.close();
  }
}
