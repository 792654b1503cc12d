import { describe } from 'vitest';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import { pauseServiceTests } from './pause-service-checks.ts';

// The pause fault (SIGSTOP, SIGCONT on revert) against the gateway of a local
// environment under PM2 (the docker runtime: test/docker/pause-service.integration.test.ts).
describe('pause fault on the local runtime', () => pauseServiceTests(localRuntime, 60_000));
