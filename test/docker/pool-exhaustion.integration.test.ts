import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { poolExhaustionTests } from '../support/pool-exhaustion-checks.ts';
import { dockerRuntimeUnavailable } from './docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

const unavailable = await dockerRuntimeUnavailable('docker pool-exhaustion tests');

// The pool-exhaustion fault against the PostgreSQL container of a docker
// environment, the same checks as on the local runtime (test/faults/pool-exhaustion.integration.test.ts).
describeWithDocker('pool exhaustion on the docker runtime', unavailable, () => poolExhaustionTests(dockerRuntime, 90_000));
