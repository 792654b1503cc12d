import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../src/repo-root.ts';

// A TurboFan compile of tree-sitter-bash's lexer, one function of 160 kB, cost
// each process that parsed a runbook 1.4 s of CPU and 700 MB
// (src/runbook/shell/liftoff-only.ts). V8's own trace names the compiler of
// each function and its size; the same scripts parsed straight through
// web-tree-sitter show that they are enough to get the lexer tiered up. (A
// few small functions of tree-sitter's runtime are still compiled by TurboFan,
// about 0.1 s in all.)
const lexerSize = 100_000;
const opsDir = join(repoRoot, 'fixtures', 'ats', 'ops');
const moduleUrl = (path: string) => JSON.stringify(pathToFileURL(join(repoRoot, path)).href);

const throughFiredrill = `
import { parseShell } from ${moduleUrl('src/runbook/shell/parse-shell.ts')};
for (const script of JSON.parse(process.env.SCRIPTS)) parseShell(script);
`;
const straightThroughTreeSitter = `
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(createRequire(${moduleUrl('package.json')}).resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
for (const script of JSON.parse(process.env.SCRIPTS)) parser.parse(script).delete();
`;

/** The body size in bytes of the largest function TurboFan compiled, 0 if none. */
async function largestTurboFanCompile(program: string): Promise<number> {
  const names = (await readdir(opsDir)).filter((name) => name.endsWith('.sh'));
  const scripts = await Promise.all(names.map((name) => readFile(join(opsDir, name), 'utf8')));
  const { stdout } = await execa(process.execPath, ['--trace-wasm-compilation-times', '--input-type=module', '-e', program], {
    cwd: repoRoot,
    env: { SCRIPTS: JSON.stringify(scripts) },
  });
  const sizes = [...stdout.matchAll(/^Compiled function .* using TurboFan, .*; bodysize (\d+) /gm)].map((m) => Number(m[1]));
  return Math.max(0, ...sizes);
}

describe('the bash parser stays on Liftoff', () => {
  it('parses the fixture ops scripts without compiling the lexer with TurboFan', async () => {
    expect(await largestTurboFanCompile(throughFiredrill)).toBeLessThan(lexerSize);
  });

  it('the same scripts without it get the lexer tiered up (the check above can fail)', async () => {
    expect(await largestTurboFanCompile(straightThroughTreeSitter)).toBeGreaterThanOrEqual(lexerSize);
  });
});
