import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allureCommandLine, MissingForReport } from '../../scripts/allure-report-inputs.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { allureResultsDir } from '../support/allure/allure-reporter.ts';

describe('what Allure needs', () => {
  it('FIREDRILL_ALLURE: unset, empty or 0 is off; 1 is reports/allure-results; anything else a directory', () => {
    expect([undefined, '', '0'].map((setting) => allureResultsDir(setting, '/w'))).toEqual([undefined, undefined, undefined]);
    expect(allureResultsDir('1', '/w')).toBe('/w/reports/allure-results');
    expect(allureResultsDir('out/allure', '/w')).toBe('/w/out/allure');
  });

  it('finds the Allure 3 command line from the checkout, and says how to install it where it is missing', async () => {
    expect(allureCommandLine(repoRoot)).toBe(join(repoRoot, 'node_modules', 'allure', 'cli.js'));
    const elsewhere = await mkdtemp(join(tmpdir(), 'firedrill-no-allure-'));
    try {
      expect(() => allureCommandLine(elsewhere)).toThrow(MissingForReport);
      expect(() => allureCommandLine(elsewhere)).toThrow(
        `the Allure command line is not installed (npm package "allure" 3.x, a devDependency, not found from ${elsewhere}): ` +
          'run npm ci (dev dependencies included), or npm install --save-dev allure@3',
      );
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
