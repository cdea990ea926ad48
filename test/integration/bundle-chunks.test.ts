// The Lambda bundle (scripts/build.mjs) loads only what a feature needs: the handler itself no AWS SDK client (it
// reads secrets and Lambda tags with signed JSON calls of its own, src/aws/json-api.ts), and where the SDK is the
// fallback each secret store loads its own client alone, so that reading the API key from Secrets Manager (the
// template's default) never loads the SSM, KMS, S3, tagging or Lambda clients. Read from the chunks' source maps:
// the modules each chunk, with everything it imports statically, was built from.
import { execFileSync } from 'node:child_process';
import { SourceMap } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

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
  ])('loads only its own client when a secret is read from %s through the SDK', (prefix, client) => {
    expect(clientsLoadedBy(chunk(prefix))).toEqual([client]);
  });

  it('fetches Lambda tags without an SDK client, loading the tagging client only as a fallback', () => {
    expect(clientsLoadedBy(chunk('tag-backends'))).toEqual([]);
    expect(clientsLoadedBy(chunk('tagging-client'))).toEqual(['client-resource-groups-tagging-api']);
    expect(clientsLoadedBy(chunk('log-group-tags'))).toEqual(['client-cloudwatch-logs']);
  });

  it('reads a YAML routing rule file, with the YAML parser in a chunk the handler does not load by itself', () => {
    const yamlChunk = readdirSync(path.join(outdir, 'chunks'))
      .filter((n) => n.endsWith('.mjs'))
      .map((n) => path.join(outdir, 'chunks', n))
      .find((f) => readFileSync(f, 'utf8').includes('yaml.document'));
    expect(yamlChunk).toBeDefined();
    expect(staticClosure(path.join(outdir, 'handler.mjs')).has(yamlChunk!)).toBe(false);
    // The bundled handler on a CloudWatch Logs control message (nothing to send), with the rules of the fixtures.
    const script = `
      const { createHandler } = await import(${JSON.stringify(pathToFileURL(path.join(outdir, 'handler.mjs')).href)});
      const event = JSON.parse(process.env.EVENT);
      const context = { invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', functionName: 'f',
        functionVersion: '$LATEST', memoryLimitInMB: '128', awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 };
      console.log(JSON.stringify(await createHandler(process.env)(event, context)));`;
    const control = {
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      logEvents: [],
    };
    const env = {
      PATH: process.env.PATH,
      DD_API_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
      DD_LOG_LEVEL: 'error',
      FORWARDER_ROUTING_RULES: path.join(ROOT, 'fixtures/routing/rules.yaml'),
      EVENT: JSON.stringify({ awslogs: { data: gzipSync(JSON.stringify(control)).toString('base64') } }),
    };
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ status: 'ok', forwarded: 0 });
  });

  it('maps stack traces to src/ and gives Node no map to load for the AWS SDK', () => {
    const files = [
      path.join(outdir, 'handler.mjs'),
      ...readdirSync(path.join(outdir, 'chunks'))
        .filter((n) => n.endsWith('.mjs'))
        .map((n) => path.join(outdir, 'chunks', n)),
    ];
    const named = files.filter((f) => readFileSync(f, 'utf8').includes('//# sourceMappingURL='));
    // The SDK-only chunks (the shared SDK core among them) name no map; those with our code do.
    expect(named.length).toBeGreaterThan(2);
    expect(named.length).toBeLessThan(files.length);
    expect(named).toContain(chunk('secrets-manager'));
    for (const file of named) {
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
      const sourceMap = new SourceMap(map as never);
      const lines = readFileSync(file, 'utf8').split('\n');
      const mappedSources = new Set<string>();
      lines.forEach((line, lineIndex) => {
        for (let column = 0; column < line.length; column += 97) {
          const entry = sourceMap.findEntry(lineIndex, column) as { originalSource?: string };
          if (entry.originalSource) mappedSources.add(entry.originalSource);
        }
      });
      expect([...mappedSources].filter((s) => !/(^|\/)src\//.test(s) || s.includes('node_modules'))).toEqual([]);
    }
    // The secrets manager chunk bundles its client, yet maps only secrets-manager.ts.
    const secrets = JSON.parse(readFileSync(`${chunk('secrets-manager')}.map`, 'utf8')) as { sources: string[] };
    expect(secrets.sources.some((s) => s.includes('client-secrets-manager'))).toBe(true);
  });

  it('maps a stack trace to src/ when it is formatted, without --enable-source-maps', () => {
    const handler = pathToFileURL(path.join(outdir, 'handler.mjs')).href;
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:f';
    const context = `{ getRemainingTimeInMillis: () => 5000, invokedFunctionArn: '${arn}', functionName: 'f' }`;
    const script =
      `const { handler } = await import(${JSON.stringify(handler)});\n` +
      `try { await handler({}, ${context}); } catch (error) { console.log(error.stack); }`;
    // A malformed API key fails the first invocation with a ConfigError, before anything is sent.
    const env = { DD_API_KEY: 'not-a-key', DD_LOG_LEVEL: 'error' };
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    const trace = output.slice(output.indexOf('ConfigError: '));
    expect(trace).toMatch(/^ConfigError: /);
    expect(trace).toMatch(/\n {4}at .*\/src\/[\w/-]+\.ts:\d+:\d+/);
    expect(trace).not.toContain('handler.mjs:');
  });
});
