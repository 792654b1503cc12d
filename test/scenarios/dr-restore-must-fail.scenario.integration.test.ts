import { describe } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import { drRestoreFailsOnBrokenBackups } from './dr-restore-checks.ts';

// Two broken restores side by side, each on its own local environment: a corrupted dump, a restore that skips a table.
describe('dr-restore with broken backups (local runtime)', () => drRestoreFailsOnBrokenBackups(localRuntime, 300_000));
