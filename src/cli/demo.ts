// `forwarder demo`: the real handler on the bundled fixtures (listed in fixtures/demo.json) against the
// embedded capture intake on 127.0.0.1, then what each intake received.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import { createHandler } from '../handler.js';
import { Logger } from '../log.js';
import type { Io } from './args.js';
import type { Command } from './command.js';
import { startCaptureIntake } from './local/capture-intake.js';
import { describeReceived, localContext, localEnv } from './local/local-run.js';
import { encodeReadableEvent } from './readable-event.js';

export const DEMO: Command = {
  name: 'demo',
  summary: 'Run the handler on the bundled fixtures against an embedded local intake, and show what arrived.',
  usage: '',
  description: `Runs the real handler on the bundled fixtures (fixtures/demo.json lists them) against an embedded
capture intake on 127.0.0.1, and prints what each intake received: requests, records, bytes and sample records.
Nothing leaves this machine.`,
  options: {},
  run: ({ root, io }) => runDemo(root, io),
};

interface DemoCase {
  readonly file: string;
  readonly description: string;
}

async function runDemo(root: string, io: Io): Promise<number> {
  const cases = JSON.parse(await readFile(join(root, 'fixtures', 'demo.json'), 'utf8')) as DemoCase[];
  const intake = await startCaptureIntake();
  io.out(`Capture intake listening on ${intake.url}`);
  const logger = new Logger('warn', (line) => io.err(line));
  const handler = createHandler(localEnv(intake.url), { logger });
  let failures = 0;
  try {
    for (const [index, demoCase] of cases.entries()) {
      const event = encodeReadableEvent(JSON.parse(await readFile(join(root, demoCase.file), 'utf8')));
      const before = intake.requests.length;
      try {
        await handler(event, localContext());
        io.out(
          `[${index + 1}/${cases.length}] ${demoCase.file} (${demoCase.description}): ${intake.requests.length - before} request(s)`,
        );
      } catch (error) {
        failures++;
        io.out(`[${index + 1}/${cases.length}] ${demoCase.file}: failed: ${errorMessage(error)}`);
      }
    }
    io.out('');
    io.out('What the intakes received:');
    for (const line of describeReceived(intake.requests)) io.out(line);
  } finally {
    await intake.close();
  }
  return failures === 0 ? 0 : 1;
}
