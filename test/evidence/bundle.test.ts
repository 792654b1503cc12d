import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/canonical-json.ts';
import { sealBundle } from '../../src/evidence/seal-bundle.ts';
import { verifyBundle } from '../../src/evidence/verify-bundle.ts';
import { attachment, ed25519KeyPair, madeUpResult, sealedRun } from '../support/sealed-run.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';

let reportDir: string;
const made: string[] = [];
afterEach(() => Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

async function sealed(...args: Parameters<typeof sealedRun>): Promise<string> {
  const run = await sealedRun(...args);
  reportDir = run.reportDir;
  made.push(reportDir);
  return run.runDir;
}

async function flipByte(file: string, offset: number): Promise<void> {
  const bytes = await readFile(file);
  bytes[offset] = bytes[offset]! ^ 0x01;
  await writeFile(file, bytes);
}

type Json = Record<string, unknown> & { scenarios: object[] };

async function rewriteEvidence(runDir: string, change: (evidence: Json) => void): Promise<void> {
  const file = join(runDir, 'evidence.json');
  const evidence = JSON.parse(await readFile(file, 'utf8')) as Json;
  change(evidence);
  await writeFile(file, `${JSON.stringify(evidence, null, 2)}\n`);
}

/** What an attacker without the key can do: put the edited file's new hash into the manifest, leaving the chain. */
async function rehashInManifest(runDir: string, path: string): Promise<void> {
  const manifestPath = join(runDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
  const bytes = await readFile(join(runDir, path));
  for (const file of manifest.files.filter((f) => f.path === path)) Object.assign(file, { size: bytes.length, sha256: sha256(bytes) });
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const problemsOf = async (runDir: string, publicKey?: string) => (await verifyBundle(runDir, publicKey)).problems;

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, writes no whitespace and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 'x y', c: null }], e: undefined, é: true })).toBe(
      '{"a":[2,{"c":null,"d":"x y"}],"b":1,"é":true}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
  });
});

describe('the sealed bundle, verified', () => {
  it('writes a manifest that follows schemas/evidence-manifest.v1.json, signed or not', async () => {
    const schema = JSON.parse(await readFile(new URL('../../schemas/evidence-manifest.v1.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    for (const key of [null, ed25519KeyPair().signingKey]) {
      const manifest = JSON.parse(await readFile(join(await sealed(key), 'manifest.json'), 'utf8'));
      expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...manifest, files: [{ path: '../outside', size: 1, sha256: '0'.repeat(64) }] })).toBe(false);
    }
  });

  it('passes an untouched bundle, in the run dir and in latest/', async () => {
    const runDir = await sealed();
    for (const dir of [runDir, join(reportDir, 'latest')]) {
      const verification = await verifyBundle(dir);
      expect(verification.problems).toEqual([]);
      expect(verification.summary).toBe('2 files, 3 scenario records, chain intact, unsigned');
    }
  });

  it('names a flipped byte in evidence.json and in an attachment', async () => {
    const runDir = await sealed();
    await flipByte(join(runDir, 'evidence.json'), 40);
    await flipByte(join(runDir, attachment), 3);
    const problems = await problemsOf(runDir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^evidence\.json: SHA-256 .* edited$/),
        expect.stringMatching(/^alert-rules\/redis-outage\/ats\.yml: SHA-256 .* edited$/),
      ]),
    );
  });

  it('names a deleted attachment and an added file, at any depth', async () => {
    const runDir = await sealed();
    await rm(join(runDir, attachment));
    await writeFile(join(runDir, 'alert-rules', 'extra.yml'), 'groups: []\n');
    expect(await problemsOf(runDir)).toEqual([
      `${attachment}: listed in the manifest but missing (deleted)`,
      'alert-rules/extra.yml: not listed in the manifest (added)',
    ]);
  });

  it('leaves out the report.html firedrill report writes after the run, but not another page beside it', async () => {
    const runDir = await sealed();
    await writeFile(join(runDir, 'report.html'), '<!doctype html>');
    expect(await problemsOf(runDir)).toEqual([]);
    await writeFile(join(runDir, 'report2.html'), '<!doctype html>');
    await writeFile(join(runDir, 'alert-rules', 'report.html'), '<!doctype html>');
    expect(await problemsOf(runDir)).toEqual([
      'alert-rules/report.html: not listed in the manifest (added)',
      'report2.html: not listed in the manifest (added)',
    ]);
  });

  it('names the chain position and scenarios of two reordered records', async () => {
    const runDir = await sealed();
    await rewriteEvidence(runDir, (evidence) => evidence.scenarios.splice(0, 2, evidence.scenarios[1]!, evidence.scenarios[0]!));
    await rehashInManifest(runDir, 'evidence.json');
    expect(await problemsOf(runDir)).toEqual([
      'chain breaks at record 1: evidence.json has scenario "postgres-partition" there, which the manifest has at record 2, the manifest "redis-outage" (reordered, deleted or added)',
    ]);
  });

  it('names a deleted record, an added one and an edited run header', async () => {
    const runDir = await sealed();
    await rewriteEvidence(runDir, (evidence) => evidence.scenarios.splice(1, 1));
    await rehashInManifest(runDir, 'evidence.json');
    expect(await problemsOf(runDir)).toEqual([
      'chain breaks at record 2: evidence.json has scenario "exchange-rate-limit" there, which the manifest has at record 3, the manifest "postgres-partition" (reordered, deleted or added)',
      'scenario "postgres-partition" (record 2 in the manifest) is missing from evidence.json',
    ]);
    await rewriteEvidence(runDir, (evidence) => evidence.scenarios.push(madeUpResult('postgres-partition'), madeUpResult('disk-full')));
    await rehashInManifest(runDir, 'evidence.json');
    expect(await problemsOf(runDir)).toEqual([
      'chain breaks at record 2: evidence.json has scenario "exchange-rate-limit" there, which the manifest has at record 3, the manifest "postgres-partition" (reordered, deleted or added)',
      'scenario "disk-full" (record 4 of evidence.json) is not in the manifest',
    ]);
    await rewriteEvidence(runDir, (evidence) => {
      evidence.scenarios.splice(1, 0, evidence.scenarios.splice(2, 1)[0]!);
      evidence.scenarios.pop();
      evidence.startedAt = '2026-12-02T07:00:00.000Z';
    });
    await rehashInManifest(runDir, 'evidence.json');
    expect(await problemsOf(runDir)).toEqual([
      'chain breaks at the run header (runId, startedAt, harness, config, runbook, alertRules, runtime): it differs from the one the manifest hashed (edited)',
    ]);
  });

  it('catches an edited record whose file hash the attacker recomputed; one who recomputes the chain too is caught only by a signature', async () => {
    const runDir = await sealed();
    const edit = (evidence: Json) => Object.assign(evidence.scenarios[1]!, { verdict: 'passed', reason: 'recovered in 900 ms' });
    await rewriteEvidence(runDir, edit);
    await rehashInManifest(runDir, 'evidence.json');
    expect(await problemsOf(runDir)).toEqual([
      'chain breaks at record 2 (scenario "postgres-partition"): the record differs from the one the manifest hashed there (edited)',
    ]);
    // Unsigned, rewriting manifest and chain consistently cannot be detected (README says so).
    await sealBundle(runDir, null);
    expect(await problemsOf(runDir)).toEqual([]);

    const owner = ed25519KeyPair();
    const signedDir = await sealed(owner.signingKey);
    await rewriteEvidence(signedDir, edit);
    await sealBundle(signedDir, null); // the attacker's consistent manifest, signature file removed
    expect(await problemsOf(signedDir)).toEqual([]); // nothing recorded says it was signed...
    const publicKey = join(reportDir, 'owner.pub.pem');
    await writeFile(publicKey, owner.publicPem);
    expect(await problemsOf(signedDir, publicKey)).toEqual([
      `manifest.sig: missing, but --public-key ${publicKey} was given: the bundle is not signed (or its signature was deleted)`,
    ]); // ...but the owner's key does
  });

  it('with a signature: the right key passes, a wrong key, an edited manifest or a deleted signature fail', async () => {
    const owner = ed25519KeyPair();
    const runDir = await sealed(owner.signingKey);
    const [ownerKey, otherKey] = [join(reportDir, 'owner.pub.pem'), join(reportDir, 'other.pub.pem')];
    await writeFile(ownerKey, owner.publicPem);
    await writeFile(otherKey, ed25519KeyPair().publicPem);
    const fingerprint = owner.signingKey.fingerprint;
    expect((await verifyBundle(runDir, ownerKey)).summary).toBe(
      `2 files, 3 scenario records, chain intact, signature valid by ${fingerprint} (checked against --public-key ${ownerKey})`,
    );
    expect((await verifyBundle(runDir)).summary).toContain(
      `signature valid by ${fingerprint} (checked against the key recorded in the bundle`,
    );
    expect(await problemsOf(runDir, otherKey)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^manifest\\.sig: does not verify with --public-key ${otherKey} \\(SHA256:.*\\); the manifest records ${fingerprint.replace(/[+/]/g, '\\$&')}$`,
        ),
      ),
    ]);

    await rewriteEvidence(runDir, (evidence) => Object.assign(evidence.scenarios[0]!, { reason: 'edited' }));
    await rehashInManifest(runDir, 'evidence.json');
    const problems = await problemsOf(runDir);
    expect(problems).toContain(
      `manifest.sig: does not verify with the key recorded in the manifest (${fingerprint}): manifest or signature changed after signing`,
    );
    expect(problems).toContain(
      'chain breaks at record 1 (scenario "redis-outage"): the record differs from the one the manifest hashed there (edited)',
    );

    // An attacker with a key of their own re-signs: consistent against the recorded key, not against the owner's.
    const attacker = ed25519KeyPair();
    await sealBundle(runDir, attacker.signingKey);
    expect(await problemsOf(runDir)).toEqual([]);
    expect(await problemsOf(runDir, ownerKey)).toEqual([expect.stringMatching(/^manifest\.sig: does not verify with --public-key/)]);

    await rm(join(runDir, 'manifest.sig'));
    expect(await problemsOf(runDir)).toEqual([
      `manifest.sig: missing, though the manifest records a signing key (${attacker.signingKey.fingerprint}): deleted`,
    ]);
  });

  it('refuses what is not a sealed run dir, naming the path (exit 2 in the command)', async () => {
    const runDir = await sealed();
    await expect(verifyBundle(join(runDir, 'evidence.json'))).rejects.toThrow(`${join(runDir, 'evidence.json')}: not a directory`);
    await expect(verifyBundle(runDir, join(runDir, 'no-such.pem'))).rejects.toThrow(
      `--public-key ${join(runDir, 'no-such.pem')}: cannot be read (ENOENT)`,
    );
    await expect(verifyBundle(runDir, join(runDir, attachment))).rejects.toThrow(/not an Ed25519 public key PEM/);
    await writeFile(join(runDir, 'manifest.json'), '{"schema":');
    await expect(verifyBundle(runDir)).rejects.toThrow(`${join(runDir, 'manifest.json')}: not JSON`);
    await rm(join(runDir, 'manifest.json'));
    await expect(verifyBundle(runDir)).rejects.toThrow(
      `${join(runDir, 'manifest.json')}: cannot be read (ENOENT); not a sealed run directory`,
    );
  });
});

describe('secrets in the bundle', () => {
  it('no file of the run dir or latest/ holds a seeded secret or the signing key, manifest and signature included', async () => {
    const key = ed25519KeyPair();
    const body = key.privatePem.replace(/-----[A-Z ]+-----|\s/g, '');
    const password = 'Zq8vN3kLp0sW7xYt';
    const leaky = madeUpResult('redis-outage', `failed with ${password}; key ${key.privatePem}; raw ${body}`);
    const runDir = await sealed(key.signingKey, [leaky, madeUpResult('postgres-partition', `PGPASSWORD=${password}`)], [password]);
    const files = await everyFile(reportDir);
    expect(files.map((f) => f.slice(reportDir.length + 1)).sort()).toEqual(
      ['run-1', 'latest'].flatMap((d) => [`${d}/${attachment}`, `${d}/evidence.json`, `${d}/manifest.json`, `${d}/manifest.sig`]).sort(),
    );
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of [password, body, 'PRIVATE KEY']) expect(text, `${file} holds ${secret.slice(0, 12)}…`).not.toContain(secret);
    }
    expect(await readFile(join(runDir, 'manifest.json'), 'utf8')).toContain(JSON.stringify(key.publicPem).slice(1, 40));
    expect((await verifyBundle(runDir)).problems).toEqual([]);
  });
});

async function everyFile(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  const files = await Promise.all(names.map(async (name) => ((await stat(join(dir, name))).isFile() ? [join(dir, name)] : [])));
  return files.flat();
}
