// `forwarder explain` through main(): the text output, --env files (JSON and NAME=value lines), --tags, --dry-run
// on a folder of sample events, and the exit codes (2 misused, 1 an input that cannot be used, 0 done).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Io } from '../../../src/cli/args.js';
import { main } from '../../../src/cli/main.js';

const ROOT = path.resolve(__dirname, '../../..');
const LAMBDA_FIXTURE = path.join(ROOT, 'fixtures/cloudwatch-logs/lambda-function.event.json');

async function explain(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(['explain', ...args], {}, ROOT, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'explain-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown) => {
  const at = path.join(dir, name);
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
  return at;
};

const awslogs = (logGroup: string, messages: string[]) => ({
  awslogs: {
    data: {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup,
      logStream: 'stream',
      logEvents: messages.map((message, i) => ({ id: `e${i}`, timestamp: 1700000000000 + i, message })),
    },
  },
});

describe('forwarder explain', () => {
  it('says, for each log, its ddsource and what set it, the filter verdict, redactions and what it became', async () => {
    const event = file(
      'app.event.json',
      awslogs('/ecs/a@example.com', ['user a@example.com logged in', 'DEBUG noise']),
    );
    const env = file('env', '# the forwarder’s variables\nREDACT_EMAIL=true\nexport EXCLUDE_AT_MATCH="^DEBUG"\n');
    const { code, out } = await explain(event, '--env', env);
    expect(code).toBe(0);
    expect(out).toContain('app.event.json (awslogs): 2 log(s) received, 1 would be sent as logs.');
    expect(out).toContain('ddsource  cloudwatch, set by detection rule: no v5 CloudWatch rule matched: the default');
    expect(out).toContain('filter    keep: EXCLUDE_AT_MATCH ^DEBUG did not match');
    // In the message, the host and aws.awslogs.logGroup.
    expect(out).toContain('redacted  REDACT_EMAIL (3 hits)');
    expect(out).toContain('Log 1 of 2 (awslogs, logGroup /ecs/xxxxx@xxxxx.com, logStream stream');
    expect(out).toContain('filter    filtered_exclude: EXCLUDE_AT_MATCH ^DEBUG matched');
    expect(out).toMatch(/sent {6}\{"id":"e0",.*"message":"user xxxxx@xxxxx.com logged in"/);
    // Never the redacted value, not even in the origin or the id shown beside the log.
    expect(out).not.toContain('a@example.com');
  });

  it('reads an --env JSON file, and never shows or uses the API key it names', async () => {
    const event = file('e.json', awslogs('/ecs/app', ['hello']));
    const key = 'abcdefghijklmnopqrstuvwxyz012345';
    const env = file('env.json', { DD_SOURCE: 'shop', DD_API_KEY: key, DD_API_KEY_SECRET_ARN: 'arn:aws:x' });
    const { code, out } = await explain(event, '--env', env, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { records: { ddsource: unknown }[] };
    expect(report.records[0]!.ddsource).toEqual({ value: 'shop', setBy: { kind: 'setting', detail: 'DD_SOURCE' } });
    expect(out).not.toContain(key);
  });

  it('answers tag lookups from --tags', async () => {
    const event = file('e.json', awslogs('/aws/lambda/shop', ['hello']));
    const tags = file('tags.json', { 'arn:aws:lambda:us-east-1:123456789012:function:shop': ['team:payments'] });
    const env = file('env.json', { DD_FETCH_LAMBDA_TAGS: 'true' });
    const { code, out } = await explain(event, '--env', env, '--tags', tags, '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { records: { sent: { ddtags: string } }[] }).records[0]!.sent.ddtags).toContain(
      'team:payments',
    );
  });

  it('says a routing tag from --tags set the ddsource', async () => {
    const event = file('e.json', awslogs('/aws/lambda/shop', ['hello']));
    const tags = file('tags.json', { 'arn:aws:lambda:us-east-1:123456789012:function:shop': ['dd_source:nodejs'] });
    const env = file('env.json', { DD_FETCH_LAMBDA_TAGS: 'true' });
    const { code, out } = await explain(event, '--env', env, '--tags', tags);
    expect(code).toBe(0);
    expect(out).toContain('ddsource  nodejs, set by resource tag: the tag dd_source:nodejs of the lambda');
  });

  it('routes with a --rules file, and says which rule set the ddsource and which pattern filtered', async () => {
    const event = file('e.json', awslogs('/ecs/web-prod', ['GET /health 200', 'GET /cart 200']));
    const rules = file('rules.json', {
      rules: [
        { name: 'other', match: { log_group: '/elsewhere' }, ddsource: 'x' },
        { name: 'web', match: { log_group_prefix: '/ecs/web' }, ddsource: 'nginx', exclude: '/health' },
      ],
    });
    const { code, out } = await explain(event, '--rules', rules);
    expect(code).toBe(0);
    expect(out).toContain('ddsource  nginx, set by routing rule: rules[1] "web", matched on log_group_prefix');
    expect(out).toContain('rule      rules[1] "web", matched on log_group_prefix; sets ddsource');
    expect(out).toContain('filter    filtered_exclude: routing rule "web" exclude /health matched');
    expect(out).toContain('filter    keep: routing rule "web" exclude /health did not match');
  });

  it('refuses an invalid --rules file: exit code 1, naming the file, the rule and the field', async () => {
    const rules = file('rules.yaml', 'rules:\n  - name: web\n    match: { log_grup: /ecs/web }\n');
    const { code, out, err } = await explain(LAMBDA_FIXTURE, '--rules', rules);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`forwarder explain: the configuration from ${rules} cannot be used: Invalid configuration`);
    expect(err).toContain(`FORWARDER_ROUTING_RULES (${rules}): rules[0] "web": match.log_grup is not a condition`);
  });

  it('checks a folder of sample events with --dry-run: one line per log', async () => {
    file('samples/a.event.json', awslogs('/aws/lambda/shop', ['one', 'two']));
    file('samples/nested/b.event.json', awslogs('/ecs/web', ['three']));
    file('samples/a.env.json', { DD_SOURCE: 'ignored' });
    const env = file('env.json', { EXCLUDE_AT_MATCH: 'two' });
    const { code, out } = await explain('--dry-run', path.join(dir, 'samples'), '--env', env);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'a.event.json:',
      '  lambda (detection rule: v5 CloudWatch rule 2 (matches e.g. /aws/lambda/my-function)) → log',
      '  lambda (detection rule: v5 CloudWatch rule 2 (matches e.g. /aws/lambda/my-function)) → dropped (filtered_exclude)',
      `${path.join('nested', 'b.event.json')}:`,
      '  cloudwatch (detection rule: no v5 CloudWatch rule matched: the default) → log',
      '',
      '2 event(s), 3 log(s).',
    ]);
  });

  it('prints --dry-run --json as one document, and fails when an event cannot be forwarded', async () => {
    file('samples/a.json', awslogs('/ecs/web', ['x']));
    file('samples/b.json', [1]);
    const { code, out } = await explain('--dry-run', path.join(dir, 'samples'), '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { format: string; events: { records: unknown[]; error?: string }[] };
    expect(report.format).toBe('forwarder-explain/1-dry-run');
    expect(report.events.map((e) => [e.records.length, e.error?.slice(0, 17)])).toEqual([
      [1, undefined],
      [0, 'Unsupported event'],
    ]);
  });

  it.each([
    ['no event', [], 'which event?'],
    ['a missing event file', ['nope.event.json'], 'no event file nope.event.json.'],
    ['a missing --env file', [LAMBDA_FIXTURE, '--env', 'nope.env'], '--env: no file nope.env.'],
    ['a missing --rules file', [LAMBDA_FIXTURE, '--rules', 'nope.yaml'], '--rules: no file nope.yaml.'],
    ['a missing folder', ['--dry-run', 'nope'], '--dry-run: no folder nope.'],
    ['an event and a folder', [LAMBDA_FIXTURE, '--dry-run', '.'], 'either an event file or --dry-run DIR'],
    ['an unknown option', [LAMBDA_FIXTURE, '--verbose'], "unknown option '--verbose'"],
  ])('is misused with %s: exit code 2', async (_, args, message) => {
    const { code, err } = await explain(...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it.each([
    [
      'an event that is not JSON',
      () => [file('bad.event.json', '{"awslogs": ')],
      /the event file .*bad.event.json is not JSON/,
    ],
    [
      'an env file with a bad line',
      () => [LAMBDA_FIXTURE, '--env', file('bad.env', 'DD_SOURCE=x\nnot a variable\n')],
      /the env file .*bad.env, line 2: expected NAME=value/,
    ],
    [
      'a configuration the forwarder refuses',
      () => [LAMBDA_FIXTURE, '--env', file('env.json', { DD_MAX_WORKERS: 'many' })],
      /the configuration from .*env.json cannot be used: Invalid configuration [^]*DD_MAX_WORKERS must be/,
    ],
    [
      'a tags file of the wrong shape',
      () => [LAMBDA_FIXTURE, '--tags', file('tags.json', ['team:a'])],
      /the tags file .*tags.json must be a JSON object/,
    ],
  ])('fails on %s: exit code 1, naming the file and the problem', async (_, args, message) => {
    const { code, err } = await explain(...args());
    expect(code).toBe(1);
    expect(err).toMatch(message);
  });
});
