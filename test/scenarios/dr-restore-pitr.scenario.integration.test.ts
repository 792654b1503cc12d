import { describe } from 'vitest';
import drRestorePitr from '../../scenarios/dr-restore-pitr.ts';
import { localRuntime } from '../../src/index.ts';
import { drRestorePasses } from './dr-restore-checks.ts';

// dr-restore-pitr as shipped, on the local runtime (docker runs its block in test/docker/disaster-recovery): base backup, WAL
// archive, total loss, replayed to the archive's end.
describe('dr-restore-pitr (local runtime)', () => drRestorePasses(localRuntime, 240_000, drRestorePitr));
