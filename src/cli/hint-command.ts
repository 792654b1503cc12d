import { gameDayFilesIn } from '../gameday/game-day-files.ts';
import { revealNext } from '../gameday/hints.ts';
import { ConfigError } from './config-error.ts';
import { lookUpGameDay } from './game-day-lookup.ts';

/** `firedrill hint`: reveals the running game day's next hint (recorded) and prints every hint revealed so far. */
export async function hintCommand(options: { reportDir?: string }): Promise<number> {
  const live = await lookUpGameDay(options.reportDir);
  if (!live.hints) throw new ConfigError('firedrill hint: hints are off for this game day (start it with --hint)');
  const shown = await revealNext(gameDayFilesIn(live.dir), 'asked', new Date());
  for (const hint of shown) process.stdout.write(`hint ${hint.level}: ${hint.text}\n\n`);
  return 0;
}
