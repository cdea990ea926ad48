// `forwarder intake`: the capture intake alone, so other tools can point at it. Every request is written,
// decoded, as one JSON line to --out (API keys masked), and summarised on stdout as it arrives.
import { createWriteStream } from 'node:fs';
import type { Io } from './args.js';
import type { Command } from './command.js';
import { startCaptureIntake, type CapturedRequest } from './local/capture-intake.js';

export const INTAKE: Command = {
  name: 'intake',
  summary: 'Run the local capture intake alone, recording every request to a JSON-lines file.',
  usage: '[--port N] [--host 127.0.0.1] [--out requests.jsonl]',
  description: `Runs the capture intake: it accepts what Datadog's logs, metrics and trace intakes accept (answering
202), decodes each request (gzip, deflate, JSON) and appends it as one JSON line to --out, with API keys masked.
Point the forwarder at it with DD_URL/DD_PORT/DD_NO_SSL=true, DD_API_URL and DD_TRACE_INTAKE_URL. Stop it with
Ctrl-C.`,
  options: {
    port: { type: 'string', value: 'count', help: 'the port to listen on (default 8080; 0 for any free port)' },
    host: { type: 'string', placeholder: 'ADDRESS', help: 'the address to listen on (default 127.0.0.1)' },
    out: { type: 'string', placeholder: 'FILE', help: 'where requests are appended (default intake-requests.jsonl)' },
  },
  run: ({ values, io }) =>
    runIntake(
      {
        port: values.port === undefined ? undefined : Number(values.port),
        host: values.host as string | undefined,
        out: values.out as string | undefined,
      },
      io,
    ),
};

const SECRET_HEADERS = new Set(['dd-api-key', 'authorization']);

function requestLine(request: CapturedRequest): string {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k, SECRET_HEADERS.has(k) ? '***' : v]),
  );
  const body = request.json !== undefined ? { json: request.json } : { base64: request.body.toString('base64') };
  return JSON.stringify({
    receivedAt: new Date(request.receivedAtMs).toISOString(),
    method: request.method,
    path: request.path,
    headers,
    ...body,
  });
}

async function runIntake(options: { port?: number; host?: string; out?: string }, io: Io): Promise<number> {
  const outFile = options.out ?? 'intake-requests.jsonl';
  const out = createWriteStream(outFile, { flags: 'a' });
  let count = 0;
  const intake = await startCaptureIntake({
    port: options.port ?? 8080,
    host: options.host ?? '127.0.0.1',
    onRequest: (request) => {
      out.write(requestLine(request) + '\n');
      count++;
      io.out(`#${count} ${request.method} ${request.path} ${request.body.length} bytes`);
      // Keep memory flat on long runs: the file has the request.
      intake.requests.length = 0;
    },
  });
  io.out(`Capture intake listening on ${intake.url}, recording to ${outFile}. Ctrl-C to stop.`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await intake.close();
  out.end();
  io.out(`Recorded ${count} request(s) to ${outFile}.`);
  return 0;
}
