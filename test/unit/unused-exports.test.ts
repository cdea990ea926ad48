// Every export of src/ is imported by another module (of src/, test/, bench/ or scripts/): an export nobody
// imports reads as an interface others rely on, and hides dead code. The files are parsed (not type-checked)
// with the TypeScript compiler API, so this takes about a second. A module loaded with import() or
// `import * as` counts as wholly used. What to do when it fails: remove the `export` (or the code).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

/** Exports that are entry points: run by Lambda (template.yaml `Handler`, scripts/build.mjs), not imported. */
const ENTRY_POINTS = ['src/handler.ts handler', 'src/subscriber-handler.ts handler'];

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mts|mjs)$/.test(file) && !file.endsWith('.d.ts') && !file.includes('node_modules'))
    .map((file) => path.join(folder, file));
}

/** The file a relative module specifier names (`./x.js` is `./x.ts` in the sources). */
function target(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const resolved = path.join(path.dirname(from), specifier).replace(/\.js$/, '.ts');
  return resolved.endsWith('.ts') ? resolved : `${resolved}.ts`;
}

interface Module {
  /** Names this module exports (src/ only). */
  readonly exported: Set<string>;
}

function scan(files: readonly string[]) {
  const modules = new Map<string, Module>();
  const imported = new Map<string, Set<string>>();
  const wholly = new Set<string>();
  const use = (file: string | undefined, name: string) => {
    if (file === undefined) return;
    if (!imported.has(file)) imported.set(file, new Set());
    imported.get(file)!.add(name);
  };
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const exported = new Set<string>();
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        const from = target(file, (node.moduleSpecifier as ts.StringLiteral).text);
        const clause = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
        if (ts.isImportDeclaration(node) && node.importClause?.name) use(from, 'default');
        if (clause === undefined ? ts.isExportDeclaration(node) : ts.isNamespaceImport(clause)) {
          if (from !== undefined) wholly.add(from);
        } else if (clause && (ts.isNamedImports(clause) || ts.isNamedExports(clause))) {
          for (const element of clause.elements) use(from, (element.propertyName ?? element.name).text);
        }
      }
      const dynamic = ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const argument = dynamic ? node.arguments[0] : undefined;
      if (argument && ts.isStringLiteral(argument)) wholly.add(target(file, argument.text) ?? '');
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        wholly.add(target(file, (node.argument.literal as ts.StringLiteral).text) ?? '');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const statement of source.statements) {
      if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) exported.add(element.name.text);
      }
      const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
      if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) exported.add('default');
      else if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) exported.add(d.name.text);
      } else {
        const name = (statement as ts.DeclarationStatement).name;
        if (name && ts.isIdentifier(name)) exported.add(name.text);
      }
    }
    if (file.startsWith(`src${path.sep}`)) modules.set(file, { exported });
  }
  return { modules, imported, wholly };
}

describe('exports of src/', () => {
  const files = ['src', 'test', 'bench', 'scripts'].flatMap(sourceFiles);
  const { modules, imported, wholly } = scan(files);

  it('reads the modules and their exports', () => {
    expect(modules.size).toBeGreaterThan(100);
    expect(modules.get(path.join('src', 'tally.ts'))?.exported).toEqual(new Set(['Tally']));
  });

  it('are each imported by another module', () => {
    const unused = [...modules]
      .filter(([file]) => !wholly.has(file))
      .flatMap(([file, { exported }]) => [...exported].map((name) => `${file.split(path.sep).join('/')} ${name}`))
      .filter((entry) => {
        const [file, name] = entry.split(' ');
        return !imported.get(path.join(...file!.split('/')))?.has(name!) && !ENTRY_POINTS.includes(entry);
      });
    expect(unused).toEqual([]);
  });
});
