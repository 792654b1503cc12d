import { describe } from 'vitest';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { poolExhaustionTests } from '../support/pool-exhaustion-checks.ts';
import { dockerRuntimeUnavailable } from './docker-fixtures.ts';

const unavailable = await dockerRuntimeUnavailable('docker pool-exhaustion tests');

// The pool-exhaustion fault against the PostgreSQL container of a docker
// environment, the same checks as on the local runtime (test/faults/pool-exhaustion.test.ts).
describe.skipIf(unavailable !== undefined)('pool exhaustion on the docker runtime', () => poolExhaustionTests(dockerRuntime, 90_000));
