/**
 * The Ed25519 key that signs a run's manifest, from FIREDRILL_SIGNING_KEY:
 * either the PEM text of a PKCS#8 private key (what a CI secret holds) or the
 * path of a file holding it (told apart by the PEM header). Only the public
 * half is ever written (SPKI PEM and its fingerprint, in the manifest); the
 * private key's PEM and its base64 body are handed to the recorder as secrets,
 * so a step that prints them is redacted like any password.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SigningKeyError, signingKeyVariable } from './signing-key-error.ts';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
  /** Texts that must never reach a report: the PEM and its base64 body. */
  readonly secrets: readonly string[];
}

/** `SHA256:` and the unpadded base64 of the SHA-256 of the key's DER SPKI (as ssh-keygen -l writes fingerprints). */
export function keyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

/** The key named by the environment, or null when the variable is unset or empty. */
export function signingKeyFromEnvironment(env: NodeJS.ProcessEnv = process.env): SigningKey | null {
  const value = env[signingKeyVariable]?.trim();
  if (!value) return null;
  return value.startsWith('-----BEGIN') ? parseSigningKey(value, 'the PEM in the variable') : parseSigningKey(readKeyFile(value), value);
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new SigningKeyError(
      `cannot read the key file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a PKCS#8 PEM or its path`,
    );
  }
}

export function parseSigningKey(pem: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new SigningKeyError(
      `${source} is not a PEM private key (${(error as Error).message}); make one with: openssl genpkey -algorithm ed25519`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(
      `${source} is an ${privateKey.asymmetricKeyType} key, expected ed25519; make one with: openssl genpkey -algorithm ed25519`,
    );
  const publicKey = createPublicKey(privateKey);
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
    secrets: [pem, body],
  };
}
