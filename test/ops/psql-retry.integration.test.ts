// fixtures/ats/ops/psql-retry.sh against a real PostgreSQL with every slot held, the superuser's reserved ones by the
// application's attempts still authenticating (test/support/every-slot-held.ts). A plain psql as the superuser is
// refused, "sorry, too many clients already"; through psql-retry.sh it gets in once a slot frees up, and nothing
// but that refusal is retried.
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { type EverySlotHeld, everySlotHeld } from '../support/every-slot-held.ts';

const psqlRetry = join(repoRoot, 'fixtures', 'ats', 'ops', 'psql-retry.sh');
const tooManyClients = /FATAL: +sorry, too many clients already/;

let held: EverySlotHeld;
const run = (file: string, args: string[], env: Record<string, string> = {}) =>
  execa(file, args, { env: { ...held.admin, ...env }, reject: false, timeout: 30_000 });

beforeAll(async () => {
  held = await everySlotHeld();
}, 60_000);
afterAll(() => held?.[Symbol.asyncDispose]());

describe('psql-retry.sh while the reserved slots are held by connections still authenticating', () => {
  it('a plain psql as the superuser is refused (what the script is for)', async () => {
    const { exitCode, stderr } = await run('psql', ['-X', '-At', '-c', 'SELECT 1']);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(tooManyClients);
  });

  it('gives up after PSQL_RETRY_ATTEMPTS with the message and exit status of psql', async () => {
    const { exitCode, stdout, stderr } = await run(psqlRetry, ['-X', '-At', '-c', 'SELECT 1'], { PSQL_RETRY_ATTEMPTS: '2' });
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^psql-retry\.sh: no connection slot free \(try 1 of 2\), trying again in 0\.5 s: FATAL: +sorry, too many clients already\n/,
    );
    expect(stderr).not.toContain('try 2 of 2');
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(tooManyClients);
  });

  it('gets in once a slot frees up, and runs the statement once', async () => {
    const before = await held.refusals();
    const retrying = run(psqlRetry, ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', "SELECT 'in as ' || current_user"]);
    await held.untilRefusals(before + 1);
    held.releaseOne();
    const { exitCode, stdout, stderr } = await retrying;
    expect(stderr).toMatch(
      /^psql-retry\.sh: no connection slot free \(try 1 of 10\), trying again in 0\.5 s: FATAL: +sorry, too many clients already(\n|$)/,
    );
    expect(stderr).not.toMatch(/^psql: error/m); // only its own lines: psql's refusals are not passed on
    expect({ exitCode, stdout }).toEqual({ exitCode: 0, stdout: 'in as postgres' });
  });
});

describe('psql-retry.sh retries nothing else', () => {
  it('an SQL error fails at once, as psql does', async () => {
    const { exitCode, stderr } = await run(psqlRetry, ['-X', '-v', 'ON_ERROR_STOP=1', '-c', 'SELEC 1']);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/^ERROR: +syntax error at or near "SELEC"/);
    expect(stderr).not.toContain('psql-retry.sh');
  });

  it('a wrong password fails at once, as psql does', async () => {
    const { exitCode, stderr } = await run(psqlRetry, ['-X', '-c', 'SELECT 1'], { PGPASSWORD: 'wrong' });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/password authentication failed for user "postgres"/);
    expect(stderr).not.toContain('psql-retry.sh');
  });

  it('a PSQL_RETRY_ATTEMPTS that is no count is an error naming it', async () => {
    const { exitCode, stderr } = await run(psqlRetry, ['-X', '-c', 'SELECT 1'], { PSQL_RETRY_ATTEMPTS: 'five' });
    expect(exitCode).toBe(2);
    expect(stderr).toBe("psql-retry.sh: PSQL_RETRY_ATTEMPTS must be a whole number of tries, not 'five'");
  });
});
