import { describe } from 'vitest';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import { poolExhaustionTests } from '../support/pool-exhaustion-checks.ts';

// The pool-exhaustion fault against the real PostgreSQL of a local environment
// (the docker runtime: test/docker/pool-exhaustion.integration.test.ts).
describe('pool exhaustion on the local runtime', () => poolExhaustionTests(localRuntime, 60_000));
