import { describe } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import { mutatedRedisDownFails } from './mutated-rule-checks.ts';

// redis-outage with RedisDown's threshold mutated, on the local runtime (the docker runtime: mutated-rule-docker).
describe('redis-outage with a mutated RedisDown threshold (local runtime)', () => mutatedRedisDownFails(localRuntime));
