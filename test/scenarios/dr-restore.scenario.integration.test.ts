import { describe } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import { drRestorePasses } from './dr-restore-checks.ts';

// dr-restore as shipped, on the local runtime: PM2 apps, Postgres and Redis processes lost and restored.
describe('dr-restore (local runtime)', () => drRestorePasses(localRuntime, 240_000));
