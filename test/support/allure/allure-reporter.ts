/**
 * allure-vitest for vitest.config.ts, only when asked:
 *
 *   FIREDRILL_ALLURE=1    Allure results in reports/allure-results
 *   FIREDRILL_ALLURE=DIR  in DIR
 *   unset, '' or 0        no reporter and no setup file: the tests pay nothing
 *
 * The reporter adds its setup file (allure-js-commons' runtime in each test
 * worker) to every project itself. Allure's own files an earlier run left in
 * the directory are removed first, so a report is of one run; nothing else
 * there is touched.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const defaultAllureResultsDir = 'reports/allure-results';

/** Where this setting puts the results, absolute; undefined when Allure is off. */
export function allureResultsDir(setting: string | undefined, cwd: string = process.cwd()): string | undefined {
  if (setting === undefined || setting === '' || setting === '0') return undefined;
  return resolve(cwd, setting === '1' ? defaultAllureResultsDir : setting);
}

/** What allure-js-commons writes: `<uuid>-result.json`, `-container.json`, `-attachment.<ext>`, and the run's two files. */
const allureFile = /^[0-9a-f-]{36}-(result\.json|container\.json|attachment(\.\w+)?)$|^(environment\.properties|categories\.json)$/;

/** The reporters entry for this setting (none when off), its results directory emptied of an earlier run's Allure files. */
export function allureReporters(setting: string | undefined): [string, { resultsDir: string; reportMatchers: boolean }][] {
  const resultsDir = allureResultsDir(setting);
  if (resultsDir === undefined) return [];
  mkdirSync(resultsDir, { recursive: true });
  for (const name of readdirSync(resultsDir)) if (allureFile.test(name)) rmSync(join(resultsDir, name));
  // reportMatchers off: a step per expect() would bury the scenario's phases under the gate's assertions.
  return [['allure-vitest/reporter', { resultsDir, reportMatchers: false }]];
}
