import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Six projects, run in this order by `npm test`:
//   unit         pure logic and in-process sockets; no server, no bootstrap; files in parallel
//   cli          the firedrill command (or a tool it drives, like ShellCheck) run as a child process,
//                as a user runs it: test/**/*.cli.test.ts; files in parallel
//   integration-shared  the integration files listed in `sharesTheMachine` below, two at a time
//   integration  real servers (PostgreSQL, Redis, PM2, Prometheus, Docker…): test/**/*.integration.test.ts,
//                the rest, one file at a time
//   scenarios    one whole scenario on one local environment, mostly waiting on its timers:
//                test/**/*.scenario.integration.test.ts, three files at a time
//   gate         the release-gate suites: suites/**/*.test.ts
// and one that only its own npm scripts run (many full runs; not in `npm test`):
//   drill        test/**/*.drill.test.ts (npm run drill:broken-remediation)
// A unit test that tries to start a server is refused (test/support/no-servers.ts):
// rename it to *.integration.test.ts.
// Chaos tests measure time on a 2-core machine, so gate files and the integration files that measure time
// run one at a time (a gate file runs its own environments side by side); and
// a retried chaos test would hide findings.
const integration = 'test/**/*.integration.test.ts';
const cli = 'test/**/*.cli.test.ts';
const scenarioRun = 'test/**/*.scenario.integration.test.ts';
const drill = 'test/**/*.drill.test.ts';

/**
 * Integration files that may run two at a time (first, in the integration-shared
 * project): each measures no time (no latency, lag or deadline finer than a
 * scenario's targets), runs at most one environment at a time, and touches
 * nothing global (no fixed port; no orphan reaping: local-runtime, reaping and
 * docker-runtime reap what a killed run left, and would race for each other's
 * orphans). Every other integration file runs alone: it measures time or
 * waits on deadlines of a second or so (probe timeouts, a lag's growth, a
 * server's 4 s cancel), runs several environments side by side (a must-fail
 * file's broken runs), or reaps orphans (two-gateways stays alone too: two at a
 * time, at load 15-23, its gateway frozen and resumed sent an order twice once
 * in four runs). A new integration file runs alone until it is listed here.
 * Run one with `npx vitest run <file>` (or
 * `--project 'integration*'`): `--project integration` alone does not find these.
 */
const sharesTheMachine = [
  // one environment; its times are lower bounds (a pool's 2 s wait, a 3 s slow start), its deadlines 3 s and more for answers of milliseconds
  'test/ats/bad-builds-and-smoke.integration.test.ts',
  'test/ats/dispatch-queue.integration.test.ts', // one PostgreSQL, the dispatch queue's SQL; no time measured
  'test/ats/workload-adapter.integration.test.ts', // one PostgreSQL, read back
  'test/blue-green/blue-green.docker.integration.test.ts', // one docker blue/green environment at a time: who serves (a reload awaited up to 3 s), what is left
  'test/blue-green/local-blue-green.integration.test.ts', // one blue/green environment at a time: who serves (a reload awaited up to 5 s), what is left running
  'test/cli/interrupt.integration.test.ts', // one environment per signal; exit code, teardown, evidence
  'test/cli/scenario-names-cli.integration.test.ts', // promtool and exit 2; nothing started
  'test/docker/containers.integration.test.ts', // containers stop and start; times printed, not asserted
  'test/docker/disaster-recovery.integration.test.ts', // one environment lost, rebuilt, restored; exit codes and data, no time measured
  'test/docker/monitoring-images.integration.test.ts', // Prometheus and Alertmanager images start, refuse a bad file
  'test/dr/seed-database.integration.test.ts', // one environment seeded to 20 MB; sizes and rows, no time measured
  'test/logs/log-shipper.integration.test.ts', // a shipper and a sink as processes on free ports: every line stored once; 10 s deadlines
  'test/ops/backup-restore.integration.test.ts', // one environment; backups and restores: exit codes, files (its tmpfs mounts are its own)
  'test/prometheus/alert-rules-promtool.integration.test.ts', // promtool, exit 2
  'test/prometheus/alertmanager-config.integration.test.ts', // amtool checks a written config
  'test/prometheus/prometheus-server.integration.test.ts', // Prometheus and Alertmanager on free ports: an alert fires (within 10 s, generous) and is routed
  'test/prometheus/promtool.integration.test.ts', // promtool's rule tests
  'test/runbook/runbook-steps.integration.test.ts', // one environment, each healthy-system step exits 0
  'test/runtime/local-disaster-recovery.integration.test.ts', // one environment lost, rebuilt, restored: rows counted, no time measured
  'test/runtime/sandbox-secrets.integration.test.ts', // one environment at a time, file modes
  'test/runtime/wal-archiving-after-restore.integration.test.ts', // one environment at a time (local, then docker) lost, restored, archiving resumed: a 10 s probe window, 20-30 s waits
  'test/second-system/promtool.integration.test.ts', // promtool and lint-runbook on the second system
  'test/workload/reference-workload.integration.test.ts', // one environment; the adapter's answers against the tables'
  'test/workload/workload-cli.integration.test.ts', // exit 2, nothing provisioned
];

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
    // FIREDRILL_JUNIT=reports/vitest-junit.xml npm test also writes vitest's JUnit XML there, for CI (issue 16).
    reporters: process.env.FIREDRILL_JUNIT ? ['default', ['junit', { outputFile: process.env.FIREDRILL_JUNIT }]] : ['default'],
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
          name: 'integration-shared',
          include: sharesTheMachine,
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [integration],
          exclude: [scenarioRun, ...sharesTheMachine],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 3 },
        },
      },
      {
        extends: true,
        test: {
          name: 'scenarios',
          include: [scenarioRun],
          // Three environments side by side, as the gate's lanes run them: each file's
          // scenario spends most of its time waiting on its own timers. Measured on this
          // 2-core machine beside other helpers' runs, the 18 files (25 tests) at cdc9fe5:
          // 315 s two at a time (load 10-15); three at a time 259 s (load 3-10) and 329 s (load 13-20),
          // all passed: the gain is a quiet machine's, as in CI; a loaded one is the limit either way.
          maxWorkers: 3,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 4 },
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
          sequence: { groupOrder: 5 },
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
          sequence: { groupOrder: 6 },
        },
      },
    ],
  },
});
