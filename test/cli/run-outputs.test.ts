import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunOutputs } from '../../src/cli/run-outputs.ts';
import { handMadeEvidence, handMadeResult } from '../support/hand-made-evidence.ts';
import { junitSchemaErrors } from '../support/junit-validator.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const secret = 'postgres://ats:hunter2-s3cret@127.0.0.1:5432/ats';
const failedRun = handMadeEvidence([
  handMadeResult({ id: 'postgres-failover', verdict: 'failed', reason: `step "pg.promote" printed ${secret} and exited 1` }),
]);

describe('writeRunOutputs', () => {
  it('writes both reports for a failed run, redacted, and leaves no temp file', async () => {
    const dir = await testTempDir('run-outputs');
    const outputs = { junit: join(dir, 'junit.xml'), summaryMd: join(dir, 'summary.md'), githubStepSummary: join(dir, 'step.md') };
    expect(await writeRunOutputs(failedRun, 'reports/r/evidence.json', outputs)).toEqual([]);
    const [xml, markdown, step] = await Promise.all(
      [outputs.junit, outputs.summaryMd, outputs.githubStepSummary].map((f) => readFile(f, 'utf8')),
    );
    expect(await junitSchemaErrors(xml!)).toEqual([]);
    expect(xml).toContain(
      '<failure message="step &quot;pg.promote&quot; printed postgres://ats:[REDACTED]@127.0.0.1:5432/ats and exited 1"',
    );
    expect(markdown).toMatch(/^### firedrill: 1 failed\n/);
    expect(step).toBe(markdown);
    for (const text of [xml, markdown]) expect(text).not.toContain('hunter2-s3cret');
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'step.md', 'summary.md']);
  });

  it('replaces an earlier report whole, and appends to the step summary', async () => {
    const dir = await testTempDir('run-outputs');
    const outputs = { junit: join(dir, 'junit.xml'), githubStepSummary: join(dir, 'step.md') };
    await writeFile(outputs.junit, `<old>${'x'.repeat(100_000)}</old>`);
    await writeFile(outputs.githubStepSummary, 'before\n');
    await writeRunOutputs(failedRun, 'e.json', outputs);
    expect(await readFile(outputs.junit, 'utf8')).toMatch(/^<\?xml[\s\S]*<\/testsuites>\n$/);
    expect(await readFile(outputs.githubStepSummary, 'utf8')).toMatch(/^before\n### firedrill: 1 failed\n/);
  });

  it('tries every report and names each one it could not write, without throwing', async () => {
    const dir = await testTempDir('run-outputs');
    await mkdir(join(dir, 'taken.xml')); // a directory where the file should go
    const problems = await writeRunOutputs(failedRun, 'e.json', { junit: join(dir, 'taken.xml'), summaryMd: join(dir, 'summary.md') });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^--junit ${dir}/taken\\.xml: not written \\(EISDIR\\)$`))]);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toMatch(/^### firedrill/);
    expect((await readdir(dir)).sort()).toEqual(['summary.md', 'taken.xml']);
  });
});
