import { join, resolve } from 'node:path';
import { repoRoot } from '../repo-root.ts';
import { readRunbook } from './parse.ts';
import type { Runbook } from './runbook.ts';
import { type RunbookIdentity, runbookIdentity } from './runbook-identity.ts';

/** The runbook shipped with the reference system; `firedrill run --runbook FILE` points elsewhere. */
export const defaultRunbookPath = join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md');

export interface LoadedRunbook {
  readonly runbook: Runbook;
  readonly identity: RunbookIdentity;
}

/** Parses a runbook and fingerprints it for the evidence; a RunbookError names file and line. */
export async function loadRunbook(path: string = defaultRunbookPath): Promise<LoadedRunbook> {
  const absolute = resolve(path);
  const runbook = await readRunbook(absolute);
  return { runbook, identity: await runbookIdentity(runbook, absolute) };
}
