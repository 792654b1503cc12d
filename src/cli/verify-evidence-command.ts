import { BundleError, verifyBundle } from '../evidence/verify-bundle.ts';
import { ConfigError } from './config-error.ts';
import { exitCodes } from './exit-codes.ts';

export interface VerifyEvidenceOptions {
  publicKey?: string;
}

/** 0 verified (one line), 1 a problem (each named), 2 nothing to verify (a ConfigError naming the path). */
export async function verifyEvidenceCommand(runDir: string, options: VerifyEvidenceOptions): Promise<number> {
  const verification = await verifyBundle(runDir, options.publicKey).catch((error: unknown) => {
    throw error instanceof BundleError ? new ConfigError(error.message) : error;
  });
  if (verification.problems.length === 0) {
    process.stdout.write(`verified: ${verification.summary}\n`);
    return exitCodes.passed;
  }
  const count = verification.problems.length;
  process.stdout.write(`NOT verified: ${runDir}: ${count} problem${count === 1 ? '' : 's'}\n`);
  for (const problem of verification.problems) process.stdout.write(`  ${problem}\n`);
  return exitCodes.failed;
}
