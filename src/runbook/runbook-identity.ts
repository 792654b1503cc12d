import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { shownPath } from '../shown-path.ts';
import type { Runbook } from './runbook.ts';

/**
 * Which runbook a run used, for the evidence: path (relative inside the working
 * dir, absolute outside it, as the alert rules are shown), its own version
 * header, and the hash of its bytes.
 */
export interface RunbookIdentity {
  readonly path: string;
  readonly version: string;
  readonly commit: string;
  readonly sha256: string;
}

export async function runbookIdentity(runbook: Runbook, path: string): Promise<RunbookIdentity> {
  const sha256 = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  return {
    path: shownPath(path),
    version: runbook.version ?? 'unknown',
    commit: runbook.commit ?? 'unknown',
    sha256,
  };
}
