// npm run report:allure: the static Allure report (one self-contained index.html) from the Allure results a vitest run
// wrote with FIREDRILL_ALLURE set, by the Allure 3 command line (npm package allure; Node, no Java).
// Exit 0: written; 1: something it needs is missing (said, with the command that brings it); 2: bad arguments;
// 3: the Allure command line failed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { execa } from 'execa';
import { repoRoot } from '../src/repo-root.ts';
import { shownPath } from '../src/shown-path.ts';
import { defaultAllureResultsDir } from '../test/support/allure/allure-reporter.ts';
import { allureCommandLine, countResults, MissingForReport } from './allure-report-inputs.ts';

const program = new Command('report:allure')
  .description('Generate the static Allure report from the results of a vitest run with FIREDRILL_ALLURE=1')
  .option('--results <dir>', 'the Allure results directory', defaultAllureResultsDir)
  .option('--output <dir>', 'where the report goes (index.html)', 'reports/allure-report')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(`report:allure: ${text}`) });

try {
  program.parse();
} catch (error) {
  process.exit(error instanceof CommanderError && error.exitCode === 0 ? 0 : 2);
}
const options = program.opts<{ results: string; output: string }>();
const resultsDir = resolve(options.results);
const outputDir = resolve(options.output);

let count: number;
let cli: string;
try {
  count = await countResults(resultsDir);
  cli = allureCommandLine(repoRoot);
} catch (error) {
  if (!(error instanceof MissingForReport)) throw error;
  process.stderr.write(`report:allure: ${error.message}\n`);
  process.exit(1);
}

// singleFile: the report opens from file:// (an auditor's download, a CI artifact) with no server.
const configDir = await mkdtemp(join(tmpdir(), 'firedrill-allure-'));
const config = join(configDir, 'allurerc.json');
await writeFile(
  config,
  JSON.stringify({ name: 'firedrill', plugins: { awesome: { options: { singleFile: true, reportName: 'firedrill' } } } }),
);
try {
  const generated = await execa(process.execPath, [cli, 'generate', resultsDir, '--config', config, '--output', outputDir], {
    reject: false,
    all: true,
  });
  if (generated.exitCode !== 0) {
    process.stderr.write(`report:allure: the Allure command line failed (exit ${generated.exitCode}):\n${generated.all}\n`);
    process.exit(3);
  }
  console.log(`report:allure: ${shownPath(join(outputDir, 'index.html'))} written from ${count} results in ${shownPath(resultsDir)}`);
} finally {
  await rm(configDir, { recursive: true, force: true });
}
