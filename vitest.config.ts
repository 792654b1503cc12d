import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Five projects, run in this order by `npm test`:
//   unit         pure logic and in-process sockets; no server, no bootstrap; files in parallel
//   cli          the firedrill command (or a tool it drives, like ShellCheck) run as a child process,
//                as a user runs it: test/**/*.cli.test.ts; files in parallel
//   integration  real servers (PostgreSQL, Redis, PM2, Prometheus, Docker…): test/**/*.integration.test.ts
//   scenarios    one whole scenario on one local environment, mostly waiting on its timers:
//                test/**/*.scenario.integration.test.ts, two files at a time
//   gate         the release-gate suites: suites/**/*.test.ts
// and one that only its own npm scripts run (many full runs; not in `npm test`):
//   drill        test/**/*.drill.test.ts (npm run drill:broken-remediation)
// A unit test that tries to start a server is refused (test/support/no-servers.ts):
// rename it to *.integration.test.ts.
// Chaos tests measure time on a 2-core machine, so integration and gate files
// run one at a time (a gate file runs its own environments side by side); and
// a retried chaos test would hide findings.
const integration = 'test/**/*.integration.test.ts';
const cli = 'test/**/*.cli.test.ts';
const scenarioRun = 'test/**/*.scenario.integration.test.ts';
const drill = 'test/**/*.drill.test.ts';

/** The unit project; vitest.mutation.config.ts runs it alone under StrykerJS. */
export const unit = {
  extends: true,
  test: {
    name: 'unit',
    include: ['test/**/*.test.ts'],
    exclude: [integration, cli, drill],
    setupFiles: ['test/support/no-servers.ts'],
    testTimeout: 20_000,
    sequence: { groupOrder: 0 },
  },
} satisfies TestProjectInlineConfiguration;

export default defineConfig({
  test: {
    retry: 0,
    // vitest's default leaves one core free: on a 2-core machine, one unit file at a time
    // (77 s instead of 38 s). Integration and gate files run one at a time regardless.
    maxWorkers: availableParallelism(),
    reporters: ['default'],
    projects: [
      unit,
      {
        extends: true,
        test: {
          name: 'cli',
          include: [cli],
          // Each test starts the CLI (about a second with Node's compile cache): kept out of the unit loop.
          testTimeout: 30_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [integration],
          exclude: [scenarioRun],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'scenarios',
          include: [scenarioRun],
          // Two environments side by side, as the gate runs them: each file's
          // scenario spends most of its time waiting on its own timers.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 3 },
        },
      },
      {
        extends: true,
        test: {
          name: 'gate',
          include: ['suites/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 4 },
        },
      },
      {
        extends: true,
        test: {
          name: 'drill',
          include: [drill],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 5 },
        },
      },
    ],
  },
});
