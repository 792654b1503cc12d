import { dockerRuntime } from '../../src/index.ts';
import { dockerRuntimeUnavailable } from '../docker/docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';
import { mutatedRedisDownFails } from './mutated-rule-checks.ts';

const unavailable = await dockerRuntimeUnavailable('mutated rule on the docker runtime');

// redis-outage with RedisDown's threshold mutated, on the docker runtime (the local runtime: mutated-rule-local).
describeWithDocker('redis-outage with a mutated RedisDown threshold (docker runtime)', unavailable, () =>
  mutatedRedisDownFails(dockerRuntime),
);
