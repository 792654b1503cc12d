import { generateKeyPairSync } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { attachment, ed25519KeyPair, sealedRun } from '../support/sealed-run.ts';

const firedrill = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, ['src/cli/main.ts', ...args], { reject: false, env: { FIREDRILL_SIGNING_KEY: '', ...env } });

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
const run = async (...args: Parameters<typeof sealedRun>) => {
  const sealed = await sealedRun(...args);
  made.push(sealed.reportDir);
  return sealed;
};

describe('firedrill verify-evidence', () => {
  it('exits 0 with one line for an untouched bundle, 1 naming each problem, 2 for what is not a sealed run dir', async () => {
    const { runDir, reportDir } = await run();
    const ok = await firedrill(['verify-evidence', runDir]);
    expect([ok.exitCode, ok.stdout]).toEqual([0, 'verified: 2 files, 3 scenario records, chain intact, unsigned']);

    const file = join(runDir, attachment);
    await writeFile(file, `${await readFile(file, 'utf8')}# edited\n`);
    await writeFile(join(runDir, 'notes.txt'), 'added\n');
    const tampered = await firedrill(['verify-evidence', runDir]);
    expect(tampered.exitCode).toBe(1);
    expect(tampered.stdout.split('\n')).toEqual([
      `NOT verified: ${runDir}: 2 problems`,
      expect.stringMatching(/^ {2}alert-rules\/redis-outage\/ats\.yml: SHA-256 .*: edited$/),
      '  notes.txt: not listed in the manifest (added)',
    ]);

    const notSealed = await firedrill(['verify-evidence', reportDir]);
    expect(notSealed.exitCode).toBe(2);
    expect(notSealed.stderr).toContain(
      `firedrill: ${join(reportDir, 'manifest.json')}: cannot be read (ENOENT); not a sealed run directory`,
    );
    const missing = await firedrill(['verify-evidence', join(reportDir, 'nope')]);
    expect([missing.exitCode, missing.stderr]).toEqual([
      2,
      `firedrill: ${join(reportDir, 'nope')}: not a directory; give a run directory (reports/<run-id>/)`,
    ]);
  });

  it('checks the signature of a run that FIREDRILL_SIGNING_KEY signed, against --public-key', async () => {
    const owner = ed25519KeyPair();
    const { reportDir } = await run();
    const keyFile = join(reportDir, 'signing.pem');
    await writeFile(keyFile, owner.privatePem);
    await writeFile(join(reportDir, 'owner.pub.pem'), owner.publicPem);
    await writeFile(join(reportDir, 'other.pub.pem'), ed25519KeyPair().publicPem);
    // A real `firedrill run` that starts nothing (the scenario does not apply on docker), signed by the key's path.
    const reports = join(reportDir, 'reports');
    const drill = await firedrill(['run', 'pm2-double-spawn', '--runtime', 'docker', '--report-dir', reports], {
      FIREDRILL_SIGNING_KEY: keyFile,
    });
    expect(drill.exitCode).toBe(3);
    const latest = join(reports, 'latest');
    const good = await firedrill(['verify-evidence', latest, '--public-key', join(reportDir, 'owner.pub.pem')]);
    expect(good.stdout).toBe(
      `verified: 1 files, 1 scenario records, chain intact, signature valid by ${owner.signingKey.fingerprint} (checked against --public-key ${join(reportDir, 'owner.pub.pem')})`,
    );
    expect(good.exitCode).toBe(0);
    const wrong = await firedrill(['verify-evidence', latest, '--public-key', join(reportDir, 'other.pub.pem')]);
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stdout).toContain(`manifest.sig: does not verify with --public-key ${join(reportDir, 'other.pub.pem')}`);
  });

  it('exits 2 before anything starts on an unusable FIREDRILL_SIGNING_KEY, naming it', async () => {
    const { reportDir } = await run();
    const rsa = join(reportDir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await writeFile(rsa, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    for (const [value, message] of [
      [rsa, `FIREDRILL_SIGNING_KEY: ${rsa} is an rsa key, expected ed25519`],
      [join(reportDir, 'nope.pem'), `FIREDRILL_SIGNING_KEY: cannot read the key file ${join(reportDir, 'nope.pem')} (ENOENT)`],
    ]) {
      const drill = await firedrill(['run', 'pm2-double-spawn', '--runtime', 'docker', '--report-dir', join(reportDir, 'r')], {
        FIREDRILL_SIGNING_KEY: value!,
      });
      expect(drill.stderr).toContain(message);
      expect(drill.exitCode).toBe(2);
    }
  });

  it('--help says what it detects, what it cannot, and its exit codes', async () => {
    const { stdout, exitCode } = await firedrill(['verify-evidence', '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/--public-key <file>/);
    expect(stdout).toMatch(/only a signature checked with --public-key rules that out/);
    expect(stdout).toMatch(/Exit codes: 0 verified/);
  });
});
