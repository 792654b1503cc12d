import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { pauseServiceTests } from '../faults/pause-service-checks.ts';
import { describeWithDocker } from '../support/docker-required.ts';
import { dockerRuntimeUnavailable } from './docker-fixtures.ts';

const unavailable = await dockerRuntimeUnavailable('docker pause fault tests');

// The pause fault (docker pause, docker unpause on revert) against the gateway's
// container, the same checks as on the local runtime (test/faults/pause-service.integration.test.ts).
describeWithDocker('pause fault on the docker runtime', unavailable, () => pauseServiceTests(dockerRuntime, 90_000));
