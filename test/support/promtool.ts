/**
 * promtool for the tests of alert rules: run it, and run a rules file's unit
 * tests against a changed copy of the rules, which must then fail (a test that
 * cannot fail when a threshold moves checks nothing).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { execa } from 'execa';

export async function promtool(...args: string[]): Promise<{ ok: boolean; output: string }> {
  const result = await execa('promtool', args, { reject: false, all: true });
  return { ok: result.exitCode === 0, output: result.all ?? '' };
}

/**
 * `promtool test rules testFile` with `original` replaced by `changed` in the
 * rules file beside its tests (in a temporary copy: the tests' directory and
 * the changed rules). Throws when the rules no longer contain `original`.
 */
export async function testChangedRules(rulesFile: string, testFile: string, original: string, changed: string) {
  const rules = await readFile(rulesFile, 'utf8');
  if (!rules.includes(original)) throw new Error(`${rulesFile} no longer contains "${original}"; update the test`);
  const temp = await mkdtemp(join(tmpdir(), 'firedrill-promtool-'));
  try {
    const testsDir = relative(dirname(rulesFile), dirname(testFile));
    await cp(dirname(testFile), join(temp, testsDir), { recursive: true });
    await writeFile(join(temp, basename(rulesFile)), rules.replace(original, changed));
    return await promtool('test', 'rules', join(temp, testsDir, basename(testFile)));
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
