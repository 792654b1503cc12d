/**
 * Seals a run directory: writes manifest.json over every other file in it
 * and, with a signing key, manifest.sig (the base64 Ed25519 signature of the
 * manifest's bytes). The manifest must be the last thing written: the
 * recorder seals after every scenario and at finish, and whatever writes into
 * the run directory after that (a report beside evidence.json) must call
 * sealBundle again, or verify-evidence reports its file as added.
 */
import { sign } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleEntries, hashedFile, manifestFile, signatureFile } from './bundle-files.ts';
import { type Manifest, manifestSchemaId } from './manifest.ts';
import { recordChain } from './record-chain.ts';
import { type SigningKey, signingKeyFromEnvironment } from './signing-key.ts';

/** `signingKey` defaults to FIREDRILL_SIGNING_KEY's; null seals unsigned (and removes a stale manifest.sig). */
export async function sealBundle(dir: string, signingKey: SigningKey | null = signingKeyFromEnvironment()): Promise<Manifest> {
  const { files, others } = await bundleEntries(dir);
  if (others.length > 0) throw new Error(`${dir}: cannot seal ${others.join(', ')}: not a regular file`);
  const evidence = JSON.parse(await readFile(join(dir, 'evidence.json'), 'utf8')) as Record<string, unknown>;
  const manifest: Manifest = {
    schema: manifestSchemaId,
    runId: String(evidence.runId),
    files: await Promise.all(files.map((path) => hashedFile(dir, path))),
    chain: recordChain(evidence),
    ...(signingKey && {
      signature: { algorithm: 'ed25519' as const, publicKey: signingKey.publicKeyPem, fingerprint: signingKey.fingerprint },
    }),
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await writeAtomically(join(dir, manifestFile), bytes);
  if (signingKey) await writeAtomically(join(dir, signatureFile), `${sign(null, bytes, signingKey.privateKey).toString('base64')}\n`);
  else await rm(join(dir, signatureFile), { force: true });
  return manifest;
}

async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  await writeFile(`${file}.tmp`, data);
  await rename(`${file}.tmp`, file);
}
