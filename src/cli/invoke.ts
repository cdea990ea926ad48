// `forwarder invoke <event.json>`: the real handler on one event file. Against the embedded capture intake by
// default; against the real intake when DD_API_KEY is set in the environment (with DD_SITE and the rest). The S3
// objects the event names are served by a local S3 when an objects file describes them (fixtures/README.md).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHandler } from '../handler.js';
import { Logger } from '../log.js';
import type { DepsOverrides } from '../deps.js';
import { UsageError, type Io } from './args.js';
import type { Command } from './command.js';
import { startCaptureIntake, type CaptureIntake } from './local/capture-intake.js';
import { objectsFileFor, type ObjectSpecs } from './local/fixture-objects.js';
import type { LocalS3 } from './local/local-s3.js';
import { describeReceived, localContext, localEnv } from './local/local-run.js';
import { encodeReadableEvent } from './readable-event.js';

type Env = Readonly<Record<string, string | undefined>>;

export const INVOKE: Command = {
  name: 'invoke',
  summary: 'Run the handler on an event file (local intake by default, the real one with DD_API_KEY set).',
  usage: '<event.json> [--timeout-seconds N] [--objects FILE]',
  description: `Runs the real handler on the Lambda event in <event.json> and prints the handler's result.
Without DD_API_KEY in the environment, telemetry goes to an embedded capture intake on 127.0.0.1 and what it
received is printed. With DD_API_KEY set, the environment configures the forwarder as in Lambda (DD_SITE,
DD_URL, ...), telemetry goes to the real intakes, and the forwarder's log lines (retries included) go to stderr.
S3 objects the event names are served by a local S3 (s3rver, on 127.0.0.1) when an objects file describes them:
--objects FILE, or <case>.objects.json beside <case>.event.json (the fixtures' layout). Without one, they are
read from AWS (AWS_REGION and credentials needed).
For readability, awslogs.data (and a Kinesis record's kinesis.data) may be the decoded JSON object: it is
gzipped and base64-encoded before the handler sees it.`,
  positionals: 1,
  options: {
    'timeout-seconds': {
      type: 'string',
      value: 'positive',
      help: "the invocation's deadline, as Lambda's function timeout (default 120)",
    },
    'log-level': {
      type: 'string',
      value: ['debug', 'info', 'warn', 'error'],
      help: "the forwarder's log level, as DD_LOG_LEVEL (default: DD_LOG_LEVEL, else info; warn locally)",
    },
    objects: {
      type: 'string',
      placeholder: 'FILE',
      help: 'the S3 objects the event names, served by a local S3 (default: <case>.objects.json beside it)',
    },
  },
  run: async ({ positionals, values, env, io }) => {
    const file = positionals[0];
    if (file === undefined) throw new UsageError('which event? Give the event file: forwarder invoke <event.json>.');
    const objectsFile = (values.objects as string | undefined) ?? objectsFileFor(file);
    if (values.objects !== undefined && !existsSync(objectsFile)) throw new Error(`no objects file ${objectsFile}.`);
    const timeoutSeconds = Number(values['timeout-seconds'] ?? 120);
    const level = values['log-level'] as string | undefined;
    const withLevel = level ? { ...env, DD_LOG_LEVEL: level } : env;
    return invoke(file, existsSync(objectsFile) ? objectsFile : undefined, timeoutSeconds, withLevel, io);
  },
};

async function invoke(
  file: string,
  objectsFile: string | undefined,
  timeoutSeconds: number,
  env: Env,
  io: Io,
): Promise<number> {
  const event = encodeReadableEvent(JSON.parse(await readFile(file, 'utf8')));
  const useRealIntake = env.DD_API_KEY !== undefined && env.DD_API_KEY !== '';
  let intake: CaptureIntake | undefined;
  let s3: LocalS3 | undefined;
  try {
    if (objectsFile) s3 = await localS3(objectsFile, io);
    if (!useRealIntake) {
      intake = await startCaptureIntake();
      io.out(`No DD_API_KEY set: sending to the capture intake on ${intake.url}`);
    } else {
      io.err(
        `Sending to the intakes of ${env.DD_SITE ?? 'datadoghq.com'}; retries are logged below, for up to ${timeoutSeconds} s.`,
      );
    }
    const logger = new Logger('info', (line) => io.err(line));
    const overrides: DepsOverrides = { logger, ...(s3 ? { objects: s3.reader } : {}) };
    const handler = createHandler(intake ? localEnv(intake.url, env) : env, overrides);
    const result = await handler(event, localContext(timeoutSeconds * 1000));
    io.out(`Result: ${JSON.stringify(result)}`);
    if (intake) for (const line of describeReceived(intake.requests, 5)) io.out(line);
    return 0;
  } finally {
    await intake?.close();
    await s3?.close();
  }
}

async function localS3(objectsFile: string, io: Io): Promise<LocalS3> {
  const specs = JSON.parse(await readFile(objectsFile, 'utf8')) as ObjectSpecs;
  // Loaded only here: it brings the S3 client.
  const { startLocalS3 } = await import('./local/local-s3.js');
  const s3 = await startLocalS3(path.dirname(objectsFile), specs);
  io.out(`Serving ${Object.keys(specs).length - s3.absent.length} S3 object(s) from ${objectsFile} on ${s3.endpoint}`);
  for (const line of s3.absent) io.err(`Not stored: ${line}`);
  return s3;
}
