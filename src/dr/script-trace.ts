/**
 * Which command inside an operator's script took its time. The script is run
 * under `set -x` with each trace line stamped by $EPOCHREALTIME and written to
 * a file of its own (BASH_XTRACEFD), so its stdout and stderr stay as they
 * are; a command's duration is the time from its line to the next one (a
 * command substitution's inner lines come between, so time goes to the
 * innermost command running). Tracing costs microseconds a command. Two
 * commands run at once (lib.sh's unpack_base_backup hashes the archive beside
 * tar) cannot be told apart: the one whose line is printed later is given the
 * time until the next line, so the restore's tar shows under b3sum.
 *
 *   + 1764662113.123456 pg_basebackup --pgdata=… --checkpoint=fast …
 *   ++ 1764662118.200001 b3sum --no-names
 */
import type { StepTiming } from './step-durations.ts';

/** bash -c SCRIPT: `bash -c tracedScript <script> <trace file> <args…>` runs <script> <args…> traced into <trace file>. */
export const tracedScript = `exec 9>"$1"; BASH_XTRACEFD=9; PS4='+ $EPOCHREALTIME '; shift; set -x; . "$0" "$@"`;

/** The commands of a trace, each with its duration (the last runs until `endedAtSeconds`, the script's exit, when given). */
export function traceTimings(trace: string, endedAtSeconds?: number): StepTiming[] {
  const lines = trace
    .split('\n')
    .map((line) => /^\++ (\d+\.\d+) (.*)$/.exec(line))
    .filter((match) => match !== null);
  return lines.map((match, i) => {
    const next = lines[i + 1] ? Number(lines[i + 1]![1]) : (endedAtSeconds ?? Number(match[1]));
    return { id: match[2]!, durationMs: Math.max(0, (next - Number(match[1])) * 1000) };
  });
}

/** The `count` slowest commands, longest first, each cut to `width` characters. */
export function slowestCommands(timings: readonly StepTiming[], count = 3, width = 90): StepTiming[] {
  return [...timings]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, count)
    .map((t) => ({ id: t.id.length > width ? `${t.id.slice(0, width - 1)}…` : t.id, durationMs: t.durationMs }));
}
