import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';

// Layers point one way: the harness (src/) knows nothing of the reference
// system (fixtures/). What it needs from a fixture, a scenario passes in.
const srcDir = join(repoRoot, 'src');
const fixturesDir = join(repoRoot, 'fixtures');

/** Every module specifier a TypeScript file names: static imports and re-exports, side-effect imports, dynamic import(). */
function importSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

async function sourceFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => /\.[cm]?tsx?$/.test(name)).map((name) => join(dir, name));
}

describe('src/ imports', () => {
  it('finds the specifiers of every import form', () => {
    const source = [
      "import { a } from '../x.ts';",
      "import type {\n  B,\n} from '../../fixtures/y.ts';",
      "export { c } from './z.ts';",
      "import 'side-effect';",
      "const m = await import('../dynamic.ts');",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['../../fixtures/y.ts', '../dynamic.ts', '../x.ts', './z.ts', 'side-effect']);
  });

  it('import nothing from fixtures/ (a scenario passes what a probe needs to know of the system under test)', async () => {
    const offending: string[] = [];
    for (const file of await sourceFiles(srcDir)) {
      for (const specifier of importSpecifiers(await readFile(file, 'utf8'))) {
        if (!specifier.startsWith('.') && !specifier.startsWith('/')) continue; // a package or node: builtin
        const target = resolve(dirname(file), specifier);
        if (target === fixturesDir || target.startsWith(fixturesDir + sep))
          offending.push(`${relative(repoRoot, file)} imports ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('read FIREDRILL_ALERT_RULES only at the CLI edge (main.ts); the rules directory is passed as an option', async () => {
    const readers: string[] = [];
    for (const file of await sourceFiles(srcDir))
      if ((await readFile(file, 'utf8')).includes('FIREDRILL_ALERT_RULES')) readers.push(relative(repoRoot, file));
    expect(readers).toEqual([join('src', 'cli', 'main.ts')]);
  });
});
