// The import graph of src/ against the rules in docs/architecture.md ("Stages in run order", "Imports point
// one way"): no cycles; a stage imports only its own folder, stages above it and shared modules; shared modules
// import only each other; no stage imports an adapter or an entry point. The stage order and the module kinds
// are read from the doc, so the doc and the code cannot drift apart.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(__dirname, '../../..');
const src = path.join(root, 'src');

type Kind = 'stage' | 'shared' | 'adapter' | 'entry';
interface Place {
  kind: Kind;
  /** The stage's position in the run order (stages only). */
  rank?: number;
  /** The folder or file named in the doc. */
  name: string;
}

/** The doc's rules: stage folders in run order, and the shared, adapter and entry modules. */
function readRules(doc: string): { stages: string[]; kinds: Map<string, Kind> } {
  const table = section(doc, '## Stages in run order');
  const stages = [...table.matchAll(/^\| \d+ +\| [\w-]+ +\| `src\/([\w-]+\/)` +\|/gm)].map((m) => m[1]!);
  const rules = section(doc, '## Imports point one way');
  const kinds = new Map<string, Kind>();
  for (const [label, kind] of [
    ['**Shared modules**', 'shared'],
    ['**Adapters**', 'adapter'],
    ['**Entry points**', 'entry'],
  ] as const) {
    // The names the bullet lists, not those its parenthesised remarks mention.
    const bullet = (rules.split('\n- ').find((b) => b.startsWith(label)) ?? '').replace(/\([^()]*\)/g, '');
    for (const m of bullet.matchAll(/`([\w-]+(?:\.ts|\/))`/g)) kinds.set(m[1]!, kind);
  }
  return { stages, kinds };
}

function section(doc: string, heading: string): string {
  return doc.split(heading)[1]?.split(/\n## /)[0] ?? '';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every import, export-from and dynamic import() of a file, as written. */
function specifiersOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The relative ones, as paths relative to src/. */
function importsOf(file: string): string[] {
  return specifiersOf(file)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.relative(src, path.resolve(path.dirname(file), name.replace(/\.js$/, '.ts'))));
}

function placeOf(file: string, stages: string[], kinds: Map<string, Kind>): Place | undefined {
  const top = file.includes('/') ? `${file.split('/')[0]}/` : file;
  const rank = stages.indexOf(top);
  if (rank >= 0) return { kind: 'stage', rank, name: top };
  const kind = kinds.get(top);
  return kind ? { kind, name: top } : undefined;
}

/** Why an import from `from` to `to` breaks the rules; undefined when it keeps them. */
function violation(from: Place, to: Place): string | undefined {
  if (from.name === to.name || from.kind === 'entry') return undefined;
  if (to.kind === 'entry') return 'imports an entry point';
  if (from.kind === 'shared' && to.kind !== 'shared') return 'a shared module imports a non-shared one';
  if (from.kind === 'stage' && to.kind === 'adapter') return 'a stage imports an adapter';
  if (from.kind === 'stage' && to.kind === 'stage' && to.rank! > from.rank!) return 'points against the run order';
  return undefined;
}

/** The strongly connected components with more than one module (or a module importing itself): the cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const isAwsSdk = (specifier: string) => specifier.startsWith('@aws-sdk/') || specifier.startsWith('@smithy/');

const doc = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
const { stages, kinds } = readRules(doc);
const files = sourceFiles(src).map((f) => path.relative(src, f));
const graph = new Map(files.map((f) => [f, importsOf(path.join(src, f))]));

describe('the import graph of src/', () => {
  it('reads the stage order and the module kinds from docs/architecture.md', () => {
    expect(stages).toEqual(['sources/', 'enrich/', 'signals/', 'route/', 'transform/', 'sinks/', 'failed-events/']);
    expect([...kinds].filter(([, kind]) => kind === 'shared').map(([name]) => name)).toEqual(
      expect.arrayContaining(['types.ts', 'errors.ts', 'config/', 'parse/']),
    );
    expect([kinds.get('deps.ts'), kinds.get('aws/'), kinds.get('cli/')]).toEqual(['entry', 'adapter', 'entry']);
  });

  it("is the order forward.ts's header names the stages in", () => {
    const header = readFileSync(path.join(src, 'forward.ts'), 'utf8').split('\nimport ')[0]!;
    const named = stages.map((stage) => header.indexOf(stage.slice(0, -1)));
    expect(named.every((at) => at >= 0)).toBe(true);
    expect([...named].sort((a, b) => a - b)).toEqual(named);
  });

  it('places every module of src/ in a stage, or names it shared, an adapter or an entry point', () => {
    const unplaced = files.filter((f) => placeOf(f, stages, kinds) === undefined);
    expect(unplaced).toEqual([]);
  });

  it('resolves every relative import to a module of src/', () => {
    const missing = [...graph].flatMap(([from, targets]) =>
      targets.filter((t) => !graph.has(t)).map((t) => `${from} → ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import pointing against the pipeline', () => {
    const wrong = [...graph].flatMap(([from, targets]) =>
      targets.flatMap((to) => {
        const why = violation(placeOf(from, stages, kinds)!, placeOf(to, stages, kinds)!);
        return why === undefined ? [] : [`${from} → ${to}: ${why}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps the AWS SDK out of the stages and the shared modules: adapters and entry points only', () => {
    const sdk = files.filter((f) => {
      const kind = placeOf(f, stages, kinds)!.kind;
      return (kind === 'stage' || kind === 'shared') && specifiersOf(path.join(src, f)).some(isAwsSdk);
    });
    expect(sdk).toEqual([]);
  });

  it("builds AWS SDK clients only in aws/ (called from deps.ts), in cli/ and in the subscriber's entry point", () => {
    // deps.ts builds our own NodeHttpClient; every `new ...Client(` else is an AWS SDK client.
    const builds = (f: string) => /\bnew (?!NodeHttpClient\()\w+Client\(/.test(readFileSync(path.join(src, f), 'utf8'));
    const elsewhere = files.filter((f) => builds(f) && !/^(aws|cli)\//.test(f) && f !== 'subscriber-handler.ts');
    expect(elsewhere).toEqual([]);
    expect(files.filter(builds)).toEqual(expect.arrayContaining(['aws/builders.ts', 'aws/failed-event-stores.ts']));
  });

  it('finds a cycle and a backward import when there is one', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    const sources = placeOf('sources/index.ts', stages, kinds)!;
    const sinks = placeOf('sinks/intake-sink.ts', stages, kinds)!;
    expect(violation(sources, sinks)).toBe('points against the run order');
    expect(violation(sinks, sources)).toBeUndefined();
    expect(violation(placeOf('types.ts', stages, kinds)!, sources)).toBe('a shared module imports a non-shared one');
    expect(violation(sources, placeOf('deps.ts', stages, kinds)!)).toBe('imports an entry point');
  });
});
