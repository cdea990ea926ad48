// The command line: help everywhere, clear usage errors, and `invoke` against the embedded capture intake.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { FORWARDER_VERSION } from '../../../src/version.js';

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
  ['explain', '--help'],
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
  rmSync(dir, { recursive: true, force: true });
});

it.each(['demo', 'invoke', 'intake', 'subscribe', 'unsubscribe', 'account-policy'])(
  'prints the version for %s --version',
  async (command) => {
    const t = io();
    await expect(main([command, '--version'], {}, root, t.io)).resolves.toBe(0);
    expect(t.out).toEqual([`forwarder ${FORWARDER_VERSION}`]);
  },
);

it.each<[string, string[], string]>([
  ['a negative number', ['intake', '--port=-1'], "--port must be a whole number ≥ 0, got '-1'."],
  ['NaN', ['intake', '--port', 'NaN'], "--port must be a whole number ≥ 0, got 'NaN'."],
  [
    'a fraction',
    ['invoke', 'e.json', '--timeout-seconds', '1.5'],
    "--timeout-seconds must be a whole number ≥ 1, got '1.5'.",
  ],
  [
    'a word not allowed',
    ['invoke', 'e.json', '--log-level', 'loud'],
    "--log-level must be one of debug, info, warn, error, got 'loud'.",
  ],
  ['a missing value', ['subscribe', '--forwarder-arn'], "Option '--forwarder-arn <value>' argument missing"],
  ['a stray argument', ['demo', 'now'], "unexpected argument 'now'."],
  ['no event file', ['invoke'], 'which event? Give the event file: forwarder invoke <event.json>.'],
  [
    'a malformed ARN',
    ['subscribe', '--forwarder-arn', 'forwarder', '--prefix', '/x'],
    "--forwarder-arn must be the forwarder function's ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME), got 'forwarder'.",
  ],
  [
    'a bad regular expression',
    ['subscribe', '--forwarder-arn', 'arn:aws:lambda:us-east-1:123456789012:function:f', '--pattern', '('],
    '--pattern is not a valid regular expression: ',
  ],
  [
    'another region than the forwarder\u2019s',
    ['unsubscribe', '--forwarder-arn', 'arn:aws:lambda:us-east-1:123456789012:function:f', '--region', 'eu-west-1'],
    "--region eu-west-1 differs from the forwarder's region us-east-1: subscriptions live in the function's region.",
  ],
  [
    'a --move-from that is no ARN',
    ['subscribe', '--forwarder-arn', 'arn:aws:lambda:us-east-1:123456789012:function:f', '--move-from', 'old'],
    "--move-from must be the other forwarder's ARN, got 'old'.",
  ],
])('exits 2 naming %s, before any AWS call', async (_case, argv, message) => {
  const t = io();
  await expect(main(argv, {}, root, t.io)).resolves.toBe(2);
  expect(t.err[0]).toContain(`forwarder ${argv[0]}: ${message}`);
  expect(t.out).toEqual([]);
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
