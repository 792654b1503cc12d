/**
 * The game day's own lines on the operator's terminal, in three moments:
 *
 *   before the page   provisioning and steady state; the fault is announced, never named
 *   the shell         nothing: the operator's shell has the terminal (a line now would land in their typing)
 *   the debrief       everything, as `firedrill run` prints it: what broke, what was reverted, the verdict
 *
 * and, once the terminal is gone (SIGHUP), nothing: a write to a closed terminal fails, and the game day must
 * still revert, tear down and write its evidence.
 */
import { progressLine } from '../reporters/progress.ts';
import type { TimelineEvent } from '../runner/timeline.ts';

type Moment = 'before' | 'shell' | 'debrief' | 'gone';

export interface GameDayTerminal {
  say(line: string): void;
  /** The line a timeline event gets now, if any. */
  eventLine(event: TimelineEvent): string | undefined;
  /** Clears the screen and its scrollback (what the setup printed), then prints the lines. */
  brief(lines: readonly string[]): void;
  handOver(): void;
  takeBack(): void;
  /** The terminal closed: nothing is written any more. */
  hungUp(): void;
}

export function gameDayTerminal(write: (text: string) => void = (text) => process.stdout.write(text)): GameDayTerminal {
  let moment: Moment = 'before';
  let announced = false;
  const before: Record<string, (event: TimelineEvent) => string | undefined> = {
    'steady-state.held': () => '  the system is healthy (steady state holds)',
    'steady-state.unmet': progressLine,
    'scenario.errored': progressLine,
    'fault.injected': () => {
      if (announced) return undefined;
      announced = true;
      return '  something has been broken (what, is for the operator to find); waiting for the page…';
    },
  };
  return {
    say(line) {
      // runScenarios' `[1/1] <id>: <title>`: the title says what breaks.
      if (moment === 'shell' || moment === 'gone' || (moment === 'before' && /^\[\d+\/\d+\] /.test(line))) return;
      write(`${line}\n`);
    },
    eventLine(event) {
      if (moment === 'debrief') return progressLine(event);
      return moment === 'before' ? before[event.kind]?.(event) : undefined;
    },
    brief(lines) {
      if (moment === 'gone') return;
      write(`\x1b[H\x1b[2J\x1b[3J${lines.join('\n')}\n`);
    },
    handOver() {
      moment = 'shell';
    },
    takeBack() {
      if (moment !== 'gone') moment = 'debrief';
    },
    hungUp() {
      moment = 'gone';
    },
  };
}
