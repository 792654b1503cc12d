import type { BundleFile } from './bundle-files.ts';
import type { RecordChain } from './record-chain.ts';

export const manifestSchemaId = 'firedrill.evidence-manifest/v1';

/**
 * The contract of `<run-dir>/manifest.json` (schemas/evidence-manifest.v1.json): every other file of the run
 * directory with its size and SHA-256, the hash chain over evidence.json's
 * scenario records (record-chain.ts), and, when the run was signed, the public
 * key whose private half signed these exact bytes into `manifest.sig`.
 */
export interface Manifest {
  schema: typeof manifestSchemaId;
  runId: string;
  files: BundleFile[];
  chain: RecordChain;
  signature?: { algorithm: 'ed25519'; publicKey: string; fingerprint: string };
}
