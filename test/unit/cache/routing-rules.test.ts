// The routing rules from a file: read at start, read again once their TTL has passed (a controlled clock), a bad
// version kept out, and TTL 0 reading only at start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRoutingRules } from '../../../src/cache/routing-rules.js';
import type { Clock } from '../../../src/clock.js';
import { readConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';
import { Logger } from '../../../src/log.js';
import type { ObjectReader } from '../../../src/sources/object-reader.js';
import { Tally } from '../../../src/tally.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'routing-rules-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const noObjects: ObjectReader = { open: () => Promise.reject(new Error('no S3 here')) };
const time = { nowMs: 1_000_000 };
const clock: Clock = { now: () => time.nowMs, sleep: async () => undefined };

function load(file: string, env: Record<string, string> = {}, lines: string[] = []) {
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, FORWARDER_ROUTING_RULES: file, ...env });
  const logger = new Logger('info', (l) => lines.push(l));
  return loadRoutingRules(config.routing, { objects: noObjects, clock, logger, maxWaitMs: 60_000 });
}

const names = (set: { rules: readonly { name: string }[] }) => set.rules.map((r) => r.name);

it('reads a JSON file again once the TTL has passed, keeping out a bad version', async () => {
  const file = path.join(dir, 'rules.json');
  writeFileSync(file, '{"rules": [{"name": "one"}]}');
  const rules = await load(file, { FORWARDER_ROUTING_RULES_TTL_SECONDS: '10' });
  writeFileSync(file, '{"rules": [{"name": "two"}]}');
  expect(names(await rules.current(60_000))).toEqual(['one']);
  time.nowMs += 10_000;
  const tally = new Tally();
  expect(names(await rules.current(60_000, tally))).toEqual(['two']);
  expect(tally.counters).toEqual({ routing_rules_updated: 1 });

  writeFileSync(file, '{"rules": [{"name": 2}]}');
  time.nowMs += 10_000;
  const rejected = new Tally();
  expect(names(await rules.current(60_000, rejected))).toEqual(['two']);
  expect(rejected.counters).toEqual({ routing_rules_rejected: 1 });
});

it('with TTL 0 reads the file only at start', async () => {
  const file = path.join(dir, 'rules.yaml');
  writeFileSync(file, 'rules: [{name: one}]');
  const rules = await load(file, { FORWARDER_ROUTING_RULES_TTL_SECONDS: '0' });
  writeFileSync(file, 'rules: [{name: two}]');
  time.nowMs += 1e9;
  expect(names(await rules.current(60_000))).toEqual(['one']);
});

it('a missing file at start is a ConfigError naming it', async () => {
  const error = await load(path.join(dir, 'none.yaml')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([
    expect.stringMatching(
      /^FORWARDER_ROUTING_RULES \(.*none\.yaml\) could not be read: ENOENT.*; check the path: a relative one is read from the package root/,
    ),
  ]);
});

it('refuses an s3:// value without a key', () => {
  expect(() => readConfig({ DD_API_KEY: TEST_API_KEY, FORWARDER_ROUTING_RULES: 's3://bucket-only' })).toThrow(
    'FORWARDER_ROUTING_RULES must be s3://<bucket>/<key> or a file path, got "s3://bucket-only".',
  );
});
