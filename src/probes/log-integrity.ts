/**
 * Data loss for the logs: every complete line written to a shipped log file
 * must be stored by the log sink, once. Lines are matched by content per
 * file (a multiset: two equal lines must both arrive), so a line lost and
 * another stored twice do not cancel out.
 *
 *   lines written (snapshot) ──wait up to drainMs──> all stored by the sink?   → lost
 *   stored by the sink  vs  lines in the file now                              → duplicated
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitUntil } from '../clock/wait-until.ts';
import type { Environment } from '../runtime/runtime.ts';
import type { Integrity } from '../scenario/scenario.ts';
import { logSinkLines } from './log-sink-api.ts';
import type { ProbeContext } from './probe.ts';

export interface LogIntegrityOptions {
  /** How long the shipper may take to deliver what was written before missing lines count as lost. */
  readonly drainMs: number;
  /** Which files of the log dir the shipper ships (its own rule, from the system under test), by file name. */
  readonly isShipped: (fileName: string) => boolean;
}

export function shippedLogsIntegrity(options: LogIntegrityOptions) {
  return async ({ env, signal }: ProbeContext): Promise<Integrity> => {
    const dir = logDir(env);
    const written = await writtenLines(dir, options.isShipped);
    const drained = await waitUntil(async () => (await missingByFile(env, dir, written, signal)).size === 0, {
      what: 'every written log line stored by the log sink',
      timeoutMs: options.drainMs,
      intervalMs: 250,
      signal,
    }).then(
      () => true,
      () => false,
    );
    // Asked once more, unguarded: a sink that cannot be asked is a harness error, never "nothing lost".
    const missing = drained ? new Map<string, number>() : await missingByFile(env, dir, written, signal);
    const duplicated = await storedTwice(env, dir, options.isShipped, signal);
    const total = [...written.values()].reduce((sum, lines) => sum + lines.length, 0);
    const lost = [...missing.values()].reduce((sum, n) => sum + n, 0);
    const where = [...missing].map(([file, n]) => `${file}: ${n}`).join(', ');
    const detail =
      `${total} log lines written to ${written.size} files in ${dir}: ${lost} not stored by the log sink after a drain of up to ${options.drainMs} ms` +
      `${lost > 0 ? ` (${where})` : ''}, ${duplicated} stored twice`;
    return { lost, duplicated, detail };
  };
}

/** The environment's log dir (its LOG_DIR variable); throws saying what is missing. */
export function logDir(env: Environment): string {
  const dir = env.variables().LOG_DIR;
  if (!dir) throw new Error(`Environment ${env.id} (${env.runtime}) has no LOG_DIR variable: it ships no logs`);
  return dir;
}

/** The complete lines (newline-terminated) of every shipped file in `dir`, by file name. */
export async function writtenLines(dir: string, isShipped: (fileName: string) => boolean): Promise<Map<string, string[]>> {
  const names = (await readdir(dir)).filter(isShipped).sort();
  const files = await Promise.all(names.map(async (name) => (await readFile(join(dir, name), 'utf8')).split('\n').slice(0, -1)));
  return new Map(names.map((name, i) => [name, files[i]!]));
}

/** Per file, how many of `written` the sink has not stored; files with none missing are left out. */
async function missingByFile(
  env: Environment,
  dir: string,
  written: Map<string, string[]>,
  signal: AbortSignal,
): Promise<Map<string, number>> {
  const missing = new Map<string, number>();
  for (const [name, lines] of written) {
    const stored = counts(await logSinkLines(env, join(dir, name), signal));
    let count = 0;
    for (const line of lines) {
      const left = stored.get(line) ?? 0;
      if (left > 0) stored.set(line, left - 1);
      else count += 1;
    }
    if (count > 0) missing.set(name, count);
  }
  return missing;
}

/** Lines the sink holds more often than the file does now (read after the sink, so every line it holds is in the file). */
async function storedTwice(env: Environment, dir: string, isShipped: (fileName: string) => boolean, signal: AbortSignal): Promise<number> {
  const stored = new Map<string, string[]>();
  for (const name of (await readdir(dir)).filter(isShipped)) stored.set(name, await logSinkLines(env, join(dir, name), signal));
  const now = await writtenLines(dir, isShipped);
  let extra = 0;
  for (const [name, lines] of stored) {
    const inFile = counts(now.get(name) ?? []);
    for (const [line, n] of counts(lines)) extra += Math.max(0, n - (inFile.get(line) ?? 0));
  }
  return extra;
}

function counts(lines: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of lines) map.set(line, (map.get(line) ?? 0) + 1);
  return map;
}
