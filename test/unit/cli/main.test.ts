// The command line: help everywhere, clear usage errors, and `invoke` against the embedded capture intake.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

const root = join(__dirname, '..', '..', '..');

it.each([
  ['--help'],
  ['demo', '--help'],
  ['invoke', '--help'],
  ['intake', '-h'],
  ['subscribe', '--help'],
  ['unsubscribe', '--help'],
  ['account-policy', '--help'],
])('prints help for %s', async (...argv) => {
  const t = io();
  await expect(main(argv, {}, root, t.io)).resolves.toBe(0);
  expect(t.out.join('\n')).toMatch(/^Usage: forwarder/);
});

it('rejects an unknown command with usage on stderr', async () => {
  const t = io();
  await expect(main(['frobnicate'], {}, root, t.io)).resolves.toBe(2);
  expect(t.err.join('\n')).toContain("forwarder: unknown command 'frobnicate'.");
  expect(t.err.join('\n')).toContain('Usage: forwarder <command>');
});

it('invokes the handler on a readable event file against the capture intake', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'forwarder-cli-'));
  const file = join(dir, 'event.json');
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: 'g',
    logStream: 's',
    logEvents: [{ id: '1', timestamp: 1, message: 'hello from the cli' }],
  };
  writeFileSync(file, JSON.stringify({ awslogs: { data: payload } }));
  const t = io();
  await expect(main(['invoke', file], {}, root, t.io)).resolves.toBe(0);
  const printed = t.out.join('\n');
  expect(printed).toContain('/api/v2/logs: 1 request(s), 1 record(s)');
  expect(printed).toContain('hello from the cli');
});

it('names the option a command does not know, and the command', async () => {
  const t = io();
  await expect(main(['demo', '--verbose'], {}, root, t.io)).resolves.toBe(2);
  expect(t.err).toEqual([
    "forwarder demo: unknown option '--verbose'.",
    "Run 'forwarder demo --help' for its options.",
  ]);
});

it('runs the demo on the bundled fixtures', async () => {
  const t = io();
  await expect(main(['demo'], {}, root, t.io)).resolves.toBe(0);
  expect(t.out.join('\n')).toMatch(/\/api\/v2\/logs: \d+ request\(s\), \d+ record\(s\)/);
});

it('explains a missing event file without a stack trace', async () => {
  const t = io();
  await expect(main(['invoke', join(root, 'no-such-file.json')], {}, root, t.io)).resolves.toBe(1);
  expect(t.err.join('\n')).toMatch(/^forwarder invoke: ENOENT/);
});
