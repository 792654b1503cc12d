import { rename, rm, writeFile } from 'node:fs/promises';

/** Writes `file` through a temp file renamed into place: a reader never sees it half-written. */
export async function replaceFile(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}
