import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
/** Under node_modules so that the compiled files resolve `zod` like the real ones do. */
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/taskmaster-state-test/', import.meta.url));

/**
 * Compiles `src/<entry>` and every module it imports into a private directory for child processes.
 * The shared `lib/` is rebuilt by other test runs at any moment, and a child importing a file that
 * tsc is rewriting would fail for reasons that have nothing to do with the state store.
 * Returns the directory that mirrors `src/`; `dispose` removes it.
 */
export async function compileForChildren(
  entry: string,
): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = join(CACHE, `${process.pid}-${Date.now()}`);
  const pending = [resolve(SRC, entry)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() ?? '';
    if (done.has(file)) continue;
    done.add(file);
    const source = await readFile(file, 'utf8');
    const out = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
    }).outputText;
    const target = join(dir, relative(SRC, file).replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, out);
    pending.push(...relativeImports(out).map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Relative specifiers left after type-only imports are erased. */
function relativeImports(code: string): string[] {
  return [...code.matchAll(/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] ?? '');
}
