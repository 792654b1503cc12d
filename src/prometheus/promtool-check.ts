/**
 * `promtool check rules` (Debian's prometheus package, installed by the
 * bootstrap): what Prometheus itself would refuse — a PromQL expression that
 * does not parse, a broken template, a repeated group. Its FAILED lines are
 * `<file>: <line>:<col>: <message>` or `<file>: <message>`.
 */
import { execa } from 'execa';
import type { RulesProblem } from './rules-problem.ts';

export const promtoolBin = 'promtool';

/** `files` are paths promtool is given; `shown` maps each to how messages name it. */
export async function promtoolProblems(files: readonly string[], shown: (file: string) => string): Promise<RulesProblem[]> {
  if (files.length === 0) return [];
  const result = await execa(promtoolBin, ['check', 'rules', ...files], { reject: false, stdin: 'ignore' });
  if (result.failed && result.exitCode === undefined) {
    const why = (result as { code?: string }).code === 'ENOENT' ? 'not installed (run `npm run bootstrap`)' : result.shortMessage;
    return [{ file: shown(files[0]!), line: 0, message: `cannot check the rules with promtool: ${why}` }];
  }
  const problems = new Map<string, RulesProblem>();
  for (const text of `${result.stdout}\n${result.stderr}`.split('\n')) {
    const file = files.find((f) => text.startsWith(`${f}: `));
    if (file === undefined) continue;
    const rest = text.slice(file.length + 2);
    const at = /^(\d+):\d+: (.*)$/.exec(rest);
    const problem = { file: shown(file), line: at ? Number(at[1]) : 0, message: at ? at[2]! : rest };
    problems.set(`${problem.file}:${problem.line}:${problem.message}`, problem);
  }
  if (problems.size === 0 && result.exitCode !== 0)
    return [{ file: shown(files[0]!), line: 0, message: `promtool check rules failed (exit ${result.exitCode}): ${result.stderr.trim()}` }];
  return [...problems.values()];
}
