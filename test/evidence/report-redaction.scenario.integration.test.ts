import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import redisOutage, { redisRestartStep } from '../../scenarios/redis-outage.ts';
import { reportCommand } from '../../src/cli/report-command.ts';
import { writeRunOutputs } from '../../src/cli/run-outputs.ts';
import { recordRun } from '../../src/history/record-run.ts';
import { localRuntime, runScenarios } from '../../src/index.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// A real run of one scenario whose runbook step prints secrets: the
// environment's generated passwords (read back from the step through a file
// outside the report dir), tokens and keys only a pattern can know, and a
// password straddling the transcript's 8 KiB cut. No file the run writes
// under its report directory may hold any of them, even in part: the evidence
// bundle, and every other output a run gives a reader there (JUnit, the
// Markdown summary, the run history, the HTML report).
const planted = {
  token: 'f0e1d2c3b4a5968778695a4b',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG',
  stripe: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  sessionSecret: 'Kb9rT2wQ7xZ4mN8vL3pS6dF1',
};
const keepChars = 8192;

function leakyStep(plantDir: string): string {
  return [
    'redis-server "$REDIS_CONF"',
    'until redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do sleep 0.2; done',
    `printf '%s\\n' "$PGPASSWORD" "$PGADMIN_PASSWORD" > ${plantDir}/passwords`,
    `echo "login: token=${planted.token}"`,
    `echo "Authorization: Bearer ${planted.bearer}"`,
    `echo "charging with ${planted.stripe}"`,
    `echo "SESSION_SECRET=${planted.sessionSecret}"`,
    'echo "connect postgres://ats:$PGPASSWORD@127.0.0.1:$PGPORT/ats"',
    'echo "db password is $PGPASSWORD"',
    // On stderr, the admin password with 12 characters of it before the 8 KiB cut, the rest after.
    `printf '%s' "$(head -c 100 /dev/zero | tr '\\0' A)$PGADMIN_PASSWORD$(head -c $((${keepChars} - \${#PGADMIN_PASSWORD} + 12)) /dev/zero | tr '\\0' B)" >&2`,
  ].join('\n');
}

async function everyFile(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  const files = await Promise.all(names.map(async (name) => ((await stat(join(dir, name))).isFile() ? [join(dir, name)] : [])));
  return files.flat();
}

/** Every run of 8 characters of `secret`: what a partial leak would show. */
const fragments = (secret: string) => Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));

describe('a run’s report directory', () => {
  it('holds no secret in any file, not even part of one straddling the cut', { timeout: 120_000 }, async () => {
    const plantDir = await testTempDir('planted');
    const reportDir = await testTempDir('redaction');
    const scenario = { ...redisOutage, remediation: [{ ...redisRestartStep, run: leakyStep(plantDir) }] };
    const { evidence } = await runScenarios([scenario], { runtime: localRuntime, reportDir, signal: new AbortController().signal });

    const runDir = join(reportDir, 'latest');
    const outputs = { junit: join(reportDir, 'junit.xml'), summaryMd: join(reportDir, 'summary.md') };
    expect(await writeRunOutputs(evidence, join(runDir, 'evidence.json'), outputs)).toEqual([]);
    expect(recordRun(join(reportDir, 'history.sqlite'), evidence, 0)).toBeUndefined();
    await reportCommand(runDir, {});

    const passwords = (await readFile(join(plantDir, 'passwords'), 'utf8')).trim().split('\n');
    expect(passwords).toHaveLength(2);
    const secrets = [...passwords, ...Object.values(planted)];
    const files = await everyFile(reportDir);
    expect(files.map((f) => f.slice(reportDir.length))).toEqual(
      expect.arrayContaining([
        '/latest/evidence.json',
        '/latest/manifest.json',
        '/junit.xml',
        '/summary.md',
        '/latest/report.html',
        '/history.sqlite',
      ]),
    );
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of secrets)
        for (const fragment of fragments(secret)) expect(text, `${file} holds part of a secret`).not.toContain(fragment);
    }
    // The step did print them, and the transcript says where they were.
    const [step] = evidence.scenarios[0]!.steps;
    expect(step?.stdout).toContain('token=[REDACTED]');
    expect(step?.stdout).toContain('postgres://ats:[REDACTED]@127.0.0.1');
    expect(step?.stdout).toContain('charging with [REDACTED]');
    expect(step?.stderr).toMatch(/^…A*\[REDACTED\]B+$/);
    expect(JSON.stringify(evidence)).not.toContain(passwords[0]);
    expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8')))).toEqual([]);
  });
});
