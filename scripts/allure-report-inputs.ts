/**
 * What `npm run report:allure` needs before it starts, each missing one as a
 * sentence saying what is missing and the command that brings it:
 *
 *   the results   `<uuid>-result.json` files in the results directory, written by a
 *                 vitest run with FIREDRILL_ALLURE set (test/support/allure/allure-reporter.ts)
 *   the CLI       the npm package `allure` 3.x (the Allure 3 command line, in Node: no Java),
 *                 a devDependency
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { findPackageJSON } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shownPath } from '../src/shown-path.ts';

export class MissingForReport extends Error {
  override readonly name = 'MissingForReport';
}

/** The number of test results in `resultsDir`; throws MissingForReport when there are none. */
export async function countResults(resultsDir: string): Promise<number> {
  const names = await readdir(resultsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
  const results = names.filter((name) => name.endsWith('-result.json')).length;
  if (results === 0)
    throw new MissingForReport(
      `no Allure results in ${shownPath(resultsDir)} (no *-result.json there): run the tests with FIREDRILL_ALLURE=1 first, ` +
        'e.g. FIREDRILL_ALLURE=1 npm run test:gate (results in reports/allure-results), or pass --results DIR',
    );
  return results;
}

/** The Allure 3 command line's entry script, resolved from `fromDir`; throws MissingForReport when it is not installed. */
export function allureCommandLine(fromDir: string): string {
  try {
    const manifest = findPackageJSON('allure', pathToFileURL(join(fromDir, 'package.json')));
    const cli = manifest === undefined ? undefined : join(dirname(manifest), 'cli.js');
    if (cli === undefined || !existsSync(cli)) throw new Error('not found');
    return cli;
  } catch {
    throw new MissingForReport(
      `the Allure command line is not installed (npm package "allure" 3.x, a devDependency, not found from ${shownPath(fromDir)}): ` +
        'run npm ci (dev dependencies included), or npm install --save-dev allure@3',
    );
  }
}
