// The Lambda bundle (scripts/build.mjs) loads only what a feature needs: the handler itself no AWS SDK client,
// and each secret store its own client alone, so that reading the API key from Secrets Manager (the template's
// default) does not load the SSM, KMS, S3, tagging or Lambda clients at cold start. Read from the chunks' source
// maps: the modules each chunk, with everything it imports statically, was built from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'forwarder-bundle-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--outdir', outdir], { cwd: ROOT });
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The file and every file it imports statically (import … from "./x.mjs"), not its dynamic imports. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?"(\.\.?\/[^"]+\.mjs)"/g)) {
    staticClosure(path.resolve(path.dirname(file), match[1]!), seen);
  }
  return seen;
}

/** The @aws-sdk/client-* packages a file loads, with what it imports statically. */
function clientsLoadedBy(file: string): string[] {
  const clients = new Set<string>();
  for (const f of staticClosure(file)) {
    const map = JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] };
    for (const source of map.sources) {
      const client = /@aws-sdk\/(client-[a-z-]+)\//.exec(source)?.[1];
      if (client) clients.add(client);
    }
  }
  return [...clients].sort();
}

function chunk(prefix: string): string {
  const name = readdirSync(path.join(outdir, 'chunks')).find((n) => n.startsWith(`${prefix}-`) && n.endsWith('.mjs'));
  if (name === undefined) throw new Error(`no chunk named ${prefix}-*.mjs`);
  return path.join(outdir, 'chunks', name);
}

describe('the Lambda bundle', () => {
  it('loads no AWS SDK client when the handler is imported', () => {
    expect(clientsLoadedBy(path.join(outdir, 'handler.mjs'))).toEqual([]);
  });

  it.each([
    ['secrets-manager', 'client-secrets-manager'],
    ['ssm-parameters', 'client-ssm'],
    ['kms-decrypt', 'client-kms'],
  ])('loads only its own client when a secret is read from %s', (prefix, client) => {
    expect(clientsLoadedBy(chunk(prefix))).toEqual([client]);
  });
});
