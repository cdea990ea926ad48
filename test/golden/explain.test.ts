// `forwarder explain --json` on every fixtures/<source>/<case>.event.json (with the case's env and objects files,
// as explain reads them): the output must equal <case>.explain.json (forwarder_version redacted).
// Regenerate with UPDATE_GOLDEN=1 npx jest test/golden/explain.test.ts, and review the diff.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Io } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import { matchGolden } from '../helpers/golden.js';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'fixtures');

function cases(): string[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.event.json') && !file.startsWith('conformance'))
    .sort();
}

async function explain(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(['explain', ...args], {}, ROOT, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('finds the fixtures of every source folder', () => {
  const folders = new Set(cases().map((file) => file.split(path.sep)[0]));
  for (const folder of ['cloudwatch-logs', 'custom', 'eventbridge', 'kinesis', 'metrics', 's3', 'sns', 'sqs']) {
    expect(folders).toContain(folder);
  }
});

it.each(cases())('%s', async (file) => {
  const { code, out, err } = await explain([path.join(FIXTURES, file), '--json']);
  const redact = (text: string) =>
    text
      .replaceAll(`${ROOT}${path.sep}`, '')
      .replace(/forwarder_version:\d+\.\d+\.\d+[^,"]*/g, 'forwarder_version:<version>');
  // An input explain cannot use (an invalid rule file) is exit code 1 and a message on stderr, kept as the golden.
  const outcome = out === '' ? { exitCode: code, stderr: redact(err) } : (JSON.parse(redact(out)) as Outcome);
  if ('format' in outcome) {
    expect(outcome.format).toBe('forwarder-explain/1');
    // An event that cannot be forwarded at all (of unknown shape) is exit code 1; any other, 0.
    expect(code).toBe(outcome.error === undefined ? 0 : 1);
  } else {
    expect(code).toBe(1);
  }
  const { expected, actual } = matchGolden(
    path.join(FIXTURES, file.replace(/\.event\.json$/, '.explain.json')),
    outcome,
  );
  expect(actual).toEqual(expected);
});

type Outcome = { format: string; error?: string } | { exitCode: number; stderr: string };
