/**
 * The manifest's signature against a public key: the one given (--public-key),
 * which proves who signed, or else the one the manifest records, which proves
 * only that manifest and signature were not changed apart (anyone can sign a
 * forged manifest with a key of their own and record that key).
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { Manifest } from './manifest.ts';
import { keyFingerprint } from './signing-key.ts';
import { signatureFile } from './bundle-files.ts';

export interface GivenPublicKey {
  readonly key: KeyObject;
  readonly path: string;
}

export interface SignatureCheck {
  readonly problems: readonly string[];
  /** For the verified line: `signature valid by SHA256:… (…)`, `unsigned`; absent on a problem. */
  readonly summary?: string;
}

export function checkSignature(
  manifestBytes: Buffer,
  manifest: Manifest,
  signature: string | null,
  given?: GivenPublicKey,
): SignatureCheck {
  const recorded = manifest.signature;
  if (signature === null) {
    if (given)
      return problem(
        `${signatureFile}: missing, but --public-key ${given.path} was given: the bundle is not signed (or its signature was deleted)`,
      );
    if (recorded) return problem(`${signatureFile}: missing, though the manifest records a signing key (${recorded.fingerprint}): deleted`);
    return { problems: [], summary: 'unsigned' };
  }
  const key = given?.key ?? recordedKey(recorded?.publicKey);
  if (!key) return problem(`${signatureFile}: present, but the manifest records no usable public key: give --public-key`);
  const fingerprint = keyFingerprint(key);
  if (!verifies(manifestBytes, key, signature)) {
    const against = given
      ? `--public-key ${given.path} (${fingerprint}); the manifest records ${recorded?.fingerprint ?? 'no key'}`
      : `the key recorded in the manifest (${fingerprint}): manifest or signature changed after signing`;
    return problem(`${signatureFile}: does not verify with ${against}`);
  }
  const how = given
    ? `checked against --public-key ${given.path}`
    : 'checked against the key recorded in the bundle: proves integrity, not origin; give --public-key to prove who signed';
  return { problems: [], summary: `signature valid by ${fingerprint} (${how})` };
}

const problem = (message: string): SignatureCheck => ({ problems: [message] });

function verifies(data: Buffer, key: KeyObject, signature: string): boolean {
  try {
    return verify(null, data, key, Buffer.from(signature.trim(), 'base64'));
  } catch {
    return false; // a signature of the wrong length, say
  }
}

function recordedKey(pem: string | undefined): KeyObject | undefined {
  try {
    const key = pem ? createPublicKey(pem) : undefined;
    return key?.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}
