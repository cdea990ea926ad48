// Facts taken from the Datadog Forwarder are cited to the upstream file and version (e.g.
// "datadog-serverless-functions aws/logs_monitoring/steps/parsing.py, 5.4.11") or to docs/, never to a document
// outside the repository. The patterns are built from pieces so that this file does not match itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['src', 'test', 'docs', 'scripts', 'bench'];
/** What .gitignore keeps out of the repository. */
const IGNORED = new Set(['node_modules', 'dist', 'coverage', '.build']);

const SECTION = '\u00a7';
const FORBIDDEN: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a section of a document outside the repository', pattern: new RegExp(`reference ${SECTION}`) },
  {
    what: 'a file outside the repository',
    pattern: new RegExp(['shared', '(?:reference|seed|conformance|DESIGN)'].join('/')),
  },
  { what: 'the inventory document', pattern: new RegExp(['datadog', 'forwarder\\.md'].join('-')) },
];

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (IGNORED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

function citationProblems(path: string, text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const { what, pattern } of FORBIDDEN) {
      if (pattern.test(line)) problems.push(`${path}:${index + 1} cites ${what}: ${line.trim()}`);
    }
  });
  return problems;
}

describe('citations', () => {
  it('flags a cited section of an outside document, an outside file, and nothing else', () => {
    expect(citationProblems('a.ts', `// as upstream does (reference ${SECTION}2.3)`)).toHaveLength(1);
    expect(citationProblems('a.ts', `// see ../${['shared', 'reference'].join('/')}/x.md`)).toHaveLength(1);
    expect(citationProblems('a.ts', "awslogs('/shared/group')")).toEqual([]);
    expect(citationProblems('a.ts', '// RFC 9110 \u00a79.3.6, steps/parsing.py, 5.4.11')).toEqual([]);
  });

  it('finds no citation of anything outside the repository in src/, test/, docs/, scripts/ and bench/', () => {
    const files = FOLDERS.flatMap((folder) => filesUnder(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) => citationProblems(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(problems).toEqual([]);
  });
});
