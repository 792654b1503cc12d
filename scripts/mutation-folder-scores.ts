/**
 * A StrykerJS reporter (stryker.config.mjs loads it): once the run is done,
 * prints the mutation score of each folder under src/ (src/runner, src/proxy,
 * …) and overall, from the report Stryker also writes as
 * reports/mutation/mutation.json (mutation-testing-report-schema). The score
 * is Stryker's "% total": mutants killed or timed out over every valid mutant,
 * the ones no test covers included.
 */
import type { PluginKind } from '@stryker-mutator/api/plugin';
import type { schema } from '@stryker-mutator/api/core';

type Counted = 'Killed' | 'Timeout' | 'Survived' | 'NoCoverage';
type Tally = Record<Counted, number>;
const counted: readonly Counted[] = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];
const headings = ['killed', 'timeout', 'survived', 'no cov'];

const emptyTally = (): Tally => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 });

function score(tally: Tally): number {
  const valid = counted.reduce((sum, status) => sum + tally[status], 0);
  return valid === 0 ? 100 : (100 * (tally.Killed + tally.Timeout)) / valid;
}

/** Tallies per folder (the first two segments of the file's path: src/runner) and overall. */
export function tallyByFolder(report: Readonly<schema.MutationTestResult>): { folders: Map<string, Tally>; overall: Tally } {
  const folders = new Map<string, Tally>();
  const overall = emptyTally();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.split('/').slice(0, 2).join('/');
    const tally = folders.get(folder) ?? emptyTally();
    folders.set(folder, tally);
    for (const { status, static: isStatic, testsCompleted } of mutants) {
      if (!(counted as readonly string[]).includes(status)) continue; // Ignored, CompileError, RuntimeError: not scored
      // ignoreStatic: a static mutant is never run. A result carried over from an interrupted
      // incremental run can still list it as Survived with no test run; it is not scored either.
      if (isStatic && !testsCompleted) continue;
      tally[status as Counted] += 1;
      overall[status as Counted] += 1;
    }
  }
  return { folders, overall };
}

function row(name: string, tally: Tally): string {
  return [name.padEnd(14), `${score(tally).toFixed(2)} %`.padStart(9), ...counted.map((status) => String(tally[status]).padStart(9))].join(
    '  ',
  );
}

export function folderScoresTable(report: Readonly<schema.MutationTestResult>): string {
  const { folders, overall } = tallyByFolder(report);
  return [
    'Mutation score per folder:',
    ['folder'.padEnd(14), 'score'.padStart(9), ...headings.map((heading) => heading.padStart(9))].join('  '),
    ...[...folders].sort(([a], [b]) => a.localeCompare(b)).map(([folder, tally]) => row(folder, tally)),
    row('overall', overall),
  ].join('\n');
}

export const strykerPlugins = [
  {
    kind: 'Reporter' as PluginKind.Reporter,
    name: 'folder-scores',
    value: {
      onMutationTestReportReady(report: Readonly<schema.MutationTestResult>) {
        console.log(`\n${folderScoresTable(report)}`);
      },
    },
  },
];
