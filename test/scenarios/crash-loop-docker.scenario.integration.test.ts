import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { dockerRuntimeUnavailable } from '../docker/docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';
import { crashLoopPasses } from './crash-loop-checks.ts';

const unavailable = await dockerRuntimeUnavailable('crash-loop on the docker runtime');

// crash-loop as shipped, on the docker runtime: the engine (restart policy unless-stopped) restarts the gateway's container into its crash.
describeWithDocker('crash-loop (docker runtime)', unavailable, () => crashLoopPasses(dockerRuntime, 150_000));
