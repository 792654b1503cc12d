/**
 * `pm2 jlist`: PM2's own record of its apps, as JSON on stdout (after any
 * line PM2 prints first, such as the daemon spawning). Only what firedrill
 * reads: each app's status and how often PM2 restarted it.
 */
import type { Supervision } from '../runtime.ts';

interface Pm2ListEntry {
  readonly name?: unknown;
  readonly pm2_env?: { readonly status?: unknown; readonly restart_time?: unknown };
}

/** `name`'s supervision from `pm2 jlist`'s stdout; undefined when PM2 has no such app. Throws, quoting it, on output that is no list. */
export function supervisionFromJlist(stdout: string, name: string): Supervision | undefined {
  const entries = parseList(stdout);
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) return undefined;
  const status = String(entry.pm2_env?.status ?? 'unknown');
  return { restarts: Number(entry.pm2_env?.restart_time ?? 0), status, stopped: status === 'stopped' };
}

function parseList(stdout: string): Pm2ListEntry[] {
  // A JSON list opens with `[{` or is `[]`; PM2's own lines open with `[PM2]`.
  const line = stdout.split('\n').find((candidate) => /^\[\s*[{\]]/.test(candidate));
  let parsed: unknown;
  try {
    parsed = line === undefined ? undefined : JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) throw new Error(`pm2 jlist printed no list of apps: "${stdout.slice(0, 200)}"`);
  return parsed as Pm2ListEntry[];
}
