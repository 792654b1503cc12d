/**
 * Verifies a sealed run directory (seal-bundle.ts): every file against the
 * manifest, the chain recomputed from evidence.json against the manifest's,
 * and the signature. Problems are findings (the bundle changed since it was
 * sealed); a directory that cannot be verified at all is a BundleError.
 *
 * What it proves: without a signature, that nothing changed by accident or by
 * someone who did not also rewrite the manifest (anyone who can edit files can
 * recompute hashes and chain consistently: undetectable). With a signature
 * checked against a public key obtained elsewhere (--public-key), that the
 * holder of the private key sealed exactly these files.
 */
import { createPublicKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestFile, signatureFile } from './bundle-files.ts';
import { chainBreaks } from './chain-breaks.ts';
import { fileProblems } from './file-problems.ts';
import { type Manifest, manifestSchemaId } from './manifest.ts';
import { recordChain } from './record-chain.ts';
import { checkSignature, type GivenPublicKey } from './signature-check.ts';

/** A run directory that cannot be verified (exit 2): not a directory, no readable manifest, an unusable public key. */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

export interface Verification {
  readonly problems: readonly string[];
  /** `N files, M scenario records, chain intact, …` when there is no problem. */
  readonly summary: string;
}

export async function verifyBundle(dir: string, publicKeyPath?: string): Promise<Verification> {
  const given = publicKeyPath === undefined ? undefined : await readPublicKey(publicKeyPath);
  const { manifest, bytes } = await readManifest(dir);
  const signature = await readFile(join(dir, signatureFile), 'utf8').catch(() => null);
  const chain = await chainProblems(dir, manifest);
  const signed = checkSignature(bytes, manifest, signature, given);
  const problems = [...(await fileProblems(dir, manifest.files)), ...chain, ...signed.problems];
  const records = manifest.chain.records.length;
  return { problems, summary: `${manifest.files.length} files, ${records} scenario records, chain intact, ${signed.summary}` };
}

async function chainProblems(dir: string, manifest: Manifest): Promise<string[]> {
  const file = join(dir, 'evidence.json');
  try {
    return chainBreaks(manifest.chain, recordChain(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>));
  } catch (error) {
    return [`evidence.json: the chain cannot be checked (${(error as Error).message})`];
  }
}

async function readManifest(dir: string): Promise<{ manifest: Manifest; bytes: Buffer }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new BundleError(`${dir}: not a directory; give a run directory (reports/<run-id>/)`);
  const path = join(dir, manifestFile);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new BundleError(
      `${path}: cannot be read (${error.code ?? error.message}); not a sealed run directory (runs before manifests had none)`,
    );
  });
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch (error) {
    throw new BundleError(`${path}: not JSON (${(error as Error).message})`);
  }
  const shaped =
    manifest?.schema === manifestSchemaId &&
    Array.isArray(manifest.files) &&
    manifest.files.every((file) => typeof file?.path === 'string' && typeof file.sha256 === 'string') &&
    typeof manifest.chain?.header === 'string' &&
    Array.isArray(manifest.chain.records);
  if (!shaped)
    throw new BundleError(`${path}: not a ${manifestSchemaId} manifest (schema, files[].path/sha256, chain.header/records expected)`);
  return { manifest, bytes };
}

async function readPublicKey(path: string): Promise<GivenPublicKey> {
  const pem = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BundleError(`--public-key ${path}: cannot be read (${error.code ?? error.message})`);
  });
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return { key, path };
    throw new Error(`an ${key.asymmetricKeyType} key, expected ed25519`);
  } catch (error) {
    throw new BundleError(`--public-key ${path}: not an Ed25519 public key PEM (${(error as Error).message})`);
  }
}
