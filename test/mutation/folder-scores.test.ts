import type { schema } from '@stryker-mutator/api/core';
import { describe, expect, it } from 'vitest';
import { folderScoresTable, tallyByFolder } from '../../scripts/mutation-folder-scores.ts';

type Mutant = schema.MutantResult;
const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const mutant = (id: string, status: Mutant['status'], more: Partial<Mutant> = {}): Mutant => ({
  id,
  mutatorName: 'StringLiteral',
  location: at,
  status,
  ...more,
});

function report(files: Record<string, Mutant[]>): schema.MutationTestResult {
  return {
    schemaVersion: '2',
    thresholds: { high: 80, low: 60 },
    files: Object.fromEntries(Object.entries(files).map(([path, mutants]) => [path, { language: 'typescript', source: '', mutants }])),
  };
}

describe('mutation scores per folder', () => {
  it('scores killed and timed out over killed, timed out, survived and uncovered, per src/ folder and overall', () => {
    const { folders, overall } = tallyByFolder(
      report({
        'src/proxy/a.ts': [mutant('1', 'Killed'), mutant('2', 'Timeout'), mutant('3', 'Survived'), mutant('4', 'NoCoverage')],
        'src/proxy/toxics/b.ts': [mutant('5', 'Killed'), mutant('6', 'Ignored'), mutant('7', 'CompileError')],
        'src/checks/c.ts': [mutant('8', 'Survived')],
      }),
    );
    expect(folders.get('src/proxy')).toEqual({ Killed: 2, Timeout: 1, Survived: 1, NoCoverage: 1 });
    expect(folders.get('src/checks')).toEqual({ Killed: 0, Timeout: 0, Survived: 1, NoCoverage: 0 });
    expect(overall).toEqual({ Killed: 2, Timeout: 1, Survived: 2, NoCoverage: 1 });
    const table = folderScoresTable(report({ 'src/proxy/a.ts': [mutant('1', 'Killed'), mutant('2', 'Survived'), mutant('3', 'Killed')] }));
    expect(table).toMatch(/^src\/proxy\s+66\.67 %\s+2\s+0\s+1\s+0$/m);
    expect(table).toMatch(/^overall\s+66\.67 %/m);
  });

  it('does not score a static mutant no test ran (ignoreStatic), even listed as survived after an interrupted run', () => {
    const { overall } = tallyByFolder(
      report({
        'src/evidence/p.ts': [
          mutant('1', 'Survived', { static: true, testsCompleted: 0 }),
          mutant('2', 'Survived', { static: true }),
          mutant('3', 'Killed', { static: true, testsCompleted: 4 }),
          mutant('4', 'Survived', { static: false, testsCompleted: 3 }),
        ],
      }),
    );
    expect(overall).toEqual({ Killed: 1, Timeout: 0, Survived: 1, NoCoverage: 0 });
  });
});
