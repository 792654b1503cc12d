import { formatDuration } from '../dr/format-duration.ts';
import { gameDayFilesIn } from '../gameday/game-day-files.ts';
import { appendNote } from '../gameday/notes.ts';
import { ConfigError } from './config-error.ts';
import { lookUpGameDay } from './game-day-lookup.ts';

export interface NoteCommandOptions {
  reportDir?: string;
  by?: string;
}

/** `firedrill note "…"`: one note into the running game day's record, timed from the fault. */
export async function noteCommand(words: readonly string[], options: NoteCommandOptions): Promise<number> {
  const text = words.join(' ').trim();
  if (text === '')
    throw new ConfigError('firedrill note: nothing to note; write the note as its argument: firedrill note "restarted redis"');
  const live = await lookUpGameDay(options.reportDir);
  const by = options.by ?? process.env.FIREDRILL_NOTE_BY ?? live.observer ?? 'observer';
  const at = new Date();
  await appendNote(gameDayFilesIn(live.dir).notes, { at: at.toISOString(), by, text });
  process.stdout.write(`noted by ${by}, ${formatDuration(at.getTime() - live.faultAtMs)} after the fault\n`);
  return 0;
}
