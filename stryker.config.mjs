// @ts-check
// Mutation testing of the unit project: `npm run test:mutation` (CONTRIBUTING.md, "Mutation testing").
// Reports go to reports/mutation/; the folder-scores reporter (scripts/mutation-folder-scores.ts)
// ends the run with the score of each folder under src/ and overall.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The unit project alone: mutants never reach a server.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/runner', 'src/runbook', 'src/scenario', 'src/evidence', 'src/proxy', 'src/checks'].map((folder) => `${folder}/**/*.ts`),
  // Does not exist, on purpose: Stryker's tsconfig rewriting calls ts.parseConfigFileTextToJson,
  // which TypeScript 7's package lacks; without the file it rewrites nothing (MACHINE.md).
  tsconfigFile: 'tsconfig.stryker-none.json',
  // A static mutant (module-level code) re-runs every test: an hour instead of minutes.
  ignoreStatic: true,
  coverageAnalysis: 'perTest',
  // Most unit tests wait on timers and sockets (at two runners each used about 40 % of a core);
  // more than four makes the proxy's timing tests fail for load, not for a mutant.
  concurrency: 4,
  // Keeps each mutant's result in reports/stryker-incremental.json: a later run tests only
  // mutants in changed code or covered by changed tests (`--force` tests them all).
  incremental: true,
  // The proxy's toxics are timed on the wire (up to seconds a test) on a shared 2-core machine:
  // a mutant counts as a timeout only past twice its tests' baseline time plus 10 s.
  timeoutFactor: 2,
  timeoutMS: 10_000,
  // The goal is 80 % overall: below it the run fails (exit 1) once the reports are written.
  thresholds: { high: 80, low: 60, break: 80 },
  appendPlugins: ['./scripts/mutation-folder-scores.ts'],
  reporters: ['clear-text', 'progress', 'html', 'json', 'folder-scores'],
  clearTextReporter: { logTests: false, reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
};
