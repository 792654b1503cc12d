import { fileURLToPath } from 'node:url';
import { gameDayRestore } from '../gameday/game-day-restore.ts';
import { asGameDay } from '../gameday/game-day-scenario.ts';
import { gameDayTerminal } from '../gameday/game-day-terminal.ts';
import { liveFileIn, runningGameDay } from '../gameday/live-game-day.ts';
import { defaultHintEveryMs, defaultTimeLimitMs } from '../gameday/time-limit.ts';
import { bindToRunbook } from '../runbook/bind.ts';
import { parseDurationMs } from '../runbook/duration.ts';
import { loadRunbook } from '../runbook/load-runbook.ts';
import { ConfigError } from './config-error.ts';
import { executeScenarios, runtimeNamed } from './run-command.ts';
import { loadCatalogue, selectScenarios } from './select-scenarios.ts';
import { chooseSystem, type SystemOptions } from './system-options.ts';

export interface GameDayCommandOptions extends SystemOptions {
  runtime: string;
  reportDir: string;
  /** `--hint` alone: true; `--hint 90s`: the interval between reveals. */
  hint?: boolean | string;
  operator?: string;
  observer?: string;
  timeLimit?: string;
}

/**
 * `firedrill gameday <scenario>`: the scenario's run with a person in place of
 * its remediation (src/gameday/game-day-restore.ts). Exit codes as for run.
 */
export async function gameDayCommand(id: string, options: GameDayCommandOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new ConfigError(
      "firedrill gameday needs a terminal (stdin and stdout a TTY) for the operator's shell: run it in one, or under tmux",
    );
  }
  const system = await chooseSystem(options);
  const runtime = runtimeNamed(options.runtime);
  const [declared] = selectScenarios(await loadCatalogue(system.config), [id], undefined);
  const runbook = await loadRunbook(system.runbookPath);
  bindToRunbook([declared!], runbook.runbook, runtime.name);
  const timeLimitMs = durationOption('--time-limit', options.timeLimit) ?? defaultTimeLimitMs(declared!);
  const { recoveryMs, rollbackMs } = declared!.targets;
  const hintEveryMs = options.hint === true ? defaultHintEveryMs(timeLimitMs) : durationOption('--hint', options.hint || undefined);
  const liveFile = liveFileIn(options.reportDir);
  const running = await runningGameDay(liveFile);
  if (running !== undefined)
    throw new ConfigError(`a game day is already running on ${options.reportDir} (process ${running}); use another --report-dir`);
  const terminal = gameDayTerminal();
  // A closed terminal ends the game day as SIGTERM does: reverted, torn down, evidence written (and nothing more
  // written to the terminal: a write there now fails, and an unhandled stdout error would end the process first).
  process.stdout.on('error', () => terminal.hungUp());
  process.stderr.on('error', () => terminal.hungUp());
  process.once('SIGHUP', () => {
    terminal.hungUp();
    process.kill(process.pid, 'SIGTERM');
  });
  const operator = options.operator ?? process.env.USER ?? 'operator';
  return executeScenarios([asGameDay(declared!, timeLimitMs)], {
    runtime,
    runbook,
    config: system.config,
    alertRulesDir: system.alertRulesDir,
    reportDir: options.reportDir,
    label: ` (game day: ${operator} on call)`,
    restore: gameDayRestore({
      roles: { operator, ...(options.observer ? { observer: options.observer } : {}) },
      timeLimitMs,
      runbookTargets: { recoveryMs, ...(rollbackMs === undefined ? {} : { rollbackMs }) },
      ...(hintEveryMs ? { hintEveryMs } : {}),
      runbook: runbook.runbook,
      liveFile,
      terminal,
      command: [process.execPath, fileURLToPath(new URL('./main.ts', import.meta.url))],
    }),
    say: (line) => terminal.say(line),
    eventLine: (event) => terminal.eventLine(event),
  });
}

function durationOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined) throw new ConfigError(`${name} "${value}" is not a duration; write it with its unit: 90s, 5m, 1h`);
  return ms;
}
