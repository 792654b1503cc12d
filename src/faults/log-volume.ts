import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logDir } from '../probes/log-integrity.ts';
import { type Fault, once } from './fault.ts';

/** How often the lines are appended: a steady stream, not one burst a second. */
const writeEveryMs = 50;

/**
 * A log load, not a breakage: `linesPerSec` lines appended to `fileName` in
 * the environment's log dir (a shipped file, counted by shippedLogsIntegrity
 * like any other), each unique, so the shipper has batches in flight when a
 * fault on its link bites. It returns `settleMs` after the writing starts, so
 * the faults after it meet a shipper already busy; revert stops the writing.
 */
export function logVolume(options: { linesPerSec: number; fileName?: string; settleMs?: number }): Fault {
  const fileName = options.fileName ?? 'log-load.log';
  const settleMs = options.settleMs ?? 2_000;
  const description = `log load: ${options.linesPerSec} lines/s appended to ${fileName}, ${settleMs} ms before what follows`;
  return {
    kind: 'logs.volume',
    description,
    async inject(env, signal) {
      const file = join(logDir(env), fileName);
      const perWrite = Math.max(1, Math.round((options.linesPerSec * writeEveryMs) / 1000));
      let sequence = 0;
      let writing = Promise.resolve();
      const timer = setInterval(() => {
        const lines = Array.from({ length: perWrite }, () => `${new Date().toISOString()} load line ${++sequence} of ${fileName}\n`);
        writing = writing.then(() => appendFile(file, lines.join(''))).catch(() => undefined); // a failed write loses nothing the check counts: it counts the file
      }, writeEveryMs);
      const stop = once(async () => {
        clearInterval(timer);
        await writing;
      });
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      if (signal.aborted) await stop();
      signal.throwIfAborted();
      return { description, revert: stop };
    },
  };
}
