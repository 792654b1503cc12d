import { describe } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import { crashLoopPasses } from './crash-loop-checks.ts';

// crash-loop as shipped, on the local runtime: PM2 restarts the gateway into its crash.
describe('crash-loop (local runtime)', () => crashLoopPasses(localRuntime, 150_000));
