/**
 * Notes taken during a game day: one JSON object a line in the game day's
 * notes file, appended by `firedrill note` (one write of one line, so notes
 * from two terminals never interleave), read back when the game day ends.
 */
import { appendFile, readFile } from 'node:fs/promises';

export interface Note {
  /** ISO wall-clock time the note was taken. */
  readonly at: string;
  readonly by: string;
  readonly text: string;
}

export async function appendNote(file: string, note: Note): Promise<void> {
  await appendFile(file, `${JSON.stringify(note)}\n`);
}

/** Every note so far, in the order taken; a line that is not a note is skipped. */
export async function readNotes(file: string): Promise<Note[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return text.split('\n').flatMap((line) => {
    try {
      const note = JSON.parse(line) as Note;
      return typeof note.text === 'string' && typeof note.at === 'string' ? [note] : [];
    } catch {
      return [];
    }
  });
}
