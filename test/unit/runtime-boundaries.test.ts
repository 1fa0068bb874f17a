import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Where code runs is checked, not a convention (docs/ARCHITECTURE.md): the page imports only the pure
 * core as code, never zod, electron or a node built-in, and what reaches its bundle proves it.
 */
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/typecheck');

/** Compiles fixture files as if they sat in renderer/src/, with tsconfig.web.json's settings and files. */
function compileAsRenderer(names: string[]): Map<string, string[]> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.web.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.web.json could not be read');
  const virtual = new Map(
    names.map((n) => [path.join(root, 'renderer/src', n), fs.readFileSync(path.join(fixtures, n), 'utf8')]),
  );
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => {
    const text = virtual.get(file);
    return text === undefined ? getSourceFile(file, lang, ...rest) : ts.createSourceFile(file, text, lang);
  };
  host.fileExists = (file) => virtual.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => virtual.get(file) ?? ts.sys.readFile(file);
  // With the whole renderer beside them, as `tsc -b` sees it: a node-typed file anywhere in the page's imports would let node: pass.
  const program = ts.createProgram([...parsed.fileNames, ...virtual.keys()], parsed.options, host);
  return new Map(
    [...virtual.keys()].map((file) => [
      path.basename(file),
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')),
    ]),
  );
}

type Import = { from: string; spec: string; typeOnly: boolean };

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.name === 'node_modules'
        ? []
        : e.isDirectory()
          ? sourceFiles(path.join(dir, e.name))
          : /\.tsx?$/.test(e.name)
            ? [path.join(dir, e.name)]
            : [],
    );
}

/** Static and dynamic imports and re-exports, each marked type-only when it brings no code. */
function importsOf(file: string): Import[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly =
        !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      found.push({ from: file, spec: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ from: file, spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ from: file, spec: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
/** Where an import leads, from the project's root: a relative path resolved, the page's @core/ alias (tsconfig paths) expanded. */
const target = (i: Import) =>
  i.spec.startsWith('.')
    ? rel(path.resolve(path.dirname(i.from), i.spec))
    : i.spec.startsWith('@core/')
      ? `main/core/${i.spec.slice('@core/'.length)}`
      : i.spec;
const isForbiddenPackage = (spec: string) =>
  spec === 'zod' || spec.startsWith('zod/') || spec === 'electron' || isBuiltin(spec);

describe('where code runs', () => {
  it('the typecheck refuses a renderer file importing zod, electron or node, and passes the imports the page may make', () => {
    const diagnostics = compileAsRenderer([
      'renderer-imports-zod.ts',
      'renderer-imports-electron.ts',
      'renderer-imports-node.ts',
      'renderer-allowed-imports.ts',
    ]);
    expect(diagnostics.get('renderer-imports-zod.ts')!.join('\n')).toMatch(
      /renderer\/node_modules\/zod\/index\.d\.ts' is not a module/,
    );
    expect(diagnostics.get('renderer-imports-electron.ts')!.join('\n')).toMatch(
      /renderer\/node_modules\/electron\/index\.d\.ts' is not a module/,
    );
    const node = diagnostics.get('renderer-imports-node.ts')!.join('\n');
    expect(node).toMatch(/Cannot find module 'node:fs'/);
    expect(node).toMatch(/Cannot find name 'process'/);
    expect(diagnostics.get('renderer-allowed-imports.ts')).toEqual([]);
  });

  it("the renderer imports core code only from main/core/pure/ and the contract's channel list, never the preload, and no zod, electron or node built-in", () => {
    const wrong = sourceFiles(path.join(root, 'renderer/src'))
      .flatMap(importsOf)
      .filter((i) => !i.typeOnly)
      .filter((i) => {
        const t = target(i);
        if (!i.spec.startsWith('.') && !i.spec.startsWith('@core/')) return isForbiddenPackage(i.spec);
        if (t.startsWith('main/')) return !t.startsWith('main/core/pure/') && t !== 'main/core/contract/channels';
        if (t.startsWith('preload/')) return true;
        return false;
      })
      .map((i) => `${rel(i.from)} imports ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it('the pure core imports no package and no node built-in, and as code only other pure modules', () => {
    const pure = path.join(root, 'main/core/pure');
    const files = sourceFiles(pure);
    expect(files.length).toBeGreaterThan(20);
    const wrong = files
      .flatMap(importsOf)
      .filter((i) => !i.typeOnly && (!i.spec.startsWith('.') || !target(i).startsWith('main/core/pure/')))
      .map((i) => `${rel(i.from)} imports ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it("the page's bundle holds no zod and no node built-in", () => {
    // Written by the vite build (vite.config.ts); the global setup builds when sources changed.
    const modules: string[] = JSON.parse(fs.readFileSync(path.join(root, 'dist/renderer-modules.json'), 'utf8'));
    expect(modules).toContain('main/core/pure/session/fold.ts');
    expect(
      modules.filter(
        (m) => /node_modules\/(zod|electron)\//.test(m) || m.includes('__vite-browser-external') || isBuiltin(m),
      ),
    ).toEqual([]);
    const js = fs
      .readdirSync(path.join(root, 'dist/renderer/assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(root, 'dist/renderer/assets', f), 'utf8'))
      .join('\n');
    expect(js).not.toMatch(/__vite-browser-external|from\s*["']node:|require\(["']node:|ZodError/);
  });
});
