import { existsSync } from 'node:fs';
import { defaultHistoryPath, openHistory } from '../history/history-db.ts';
import { historyReport } from '../history/history-report.ts';
import { historyText } from '../history/history-text.ts';
import { readHistory } from '../history/read-history.ts';
import { shownPath } from '../shown-path.ts';
import { ConfigError } from './config-error.ts';
import { exitCodes } from './exit-codes.ts';

export interface HistoryOptions {
  last: string;
  scenario?: string;
  db?: string;
  json?: boolean;
}

/** 0 the history shown (an empty one included); 2 no such file, not a history, an unknown scenario, a bad --last (a ConfigError). */
export function historyCommand(options: HistoryOptions): number {
  const last = Number(options.last);
  if (!Number.isInteger(last) || last < 1) throw new ConfigError(`--last ${options.last}: expected a whole number of runs, 1 or more`);
  const file = options.db ?? defaultHistoryPath();
  const shown = shownPath(file);
  if (!existsSync(file))
    throw new ConfigError(
      `no run history at ${shown}: no run has been recorded there (each firedrill run appends to <report-dir>/history.sqlite ` +
        'unless --no-history); name the file with --db FILE or FIREDRILL_HISTORY',
    );
  const rows = (() => {
    try {
      using db = openHistory(file);
      return readHistory(db, last, options.scenario);
    } catch (error) {
      throw new ConfigError(`${shown}: not a run history firedrill can read (${(error as Error).message.split('\n')[0]})`);
    }
  })();
  if (options.scenario !== undefined && !rows.scenarioIds.includes(options.scenario)) {
    const known = rows.scenarioIds.length > 0 ? rows.scenarioIds.join(', ') : 'none';
    throw new ConfigError(`--scenario ${options.scenario}: no run of it in ${shown}; scenarios in the history: ${known}`);
  }
  const report = historyReport(shown, rows, last);
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.runCount === 0) process.stdout.write(`history: ${shown} holds no run yet; firedrill run appends each run to it\n`);
  else process.stdout.write(historyText(report));
  return exitCodes.passed;
}
