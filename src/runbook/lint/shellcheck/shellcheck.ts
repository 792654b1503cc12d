/**
 * ShellCheck over a runbook's shell blocks (```bash, ```shell, ```sh), in as
 * few processes as the machine has cores: every block is written to a file
 * of a temp dir (block-script.ts), then one `shellcheck --format=json1` call
 * a batch, per dialect, reads many of them; each comment comes back at its
 * runbook line and column. No ShellCheck on PATH, or one that fails, is an
 * outcome saying so and what to do, never an exception.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { CodeBlock, Runbook } from '../../runbook.ts';
import { type BlockScript, blockScript } from './block-script.ts';
import { type ShellcheckComment, type ShellcheckLevel, toComments } from './shellcheck-comments.ts';

export type ShellcheckOutcome = { readonly comments: readonly ShellcheckComment[] } | { readonly unavailable: string };

export interface ShellcheckOptions {
  /** The lowest level reported (ShellCheck's `--severity`). */
  readonly severity: ShellcheckLevel;
  /** Variables every step gets (firedrill's): declared, so ShellCheck reports only the others as unassigned. */
  readonly assigned: readonly string[];
  /** Default `shellcheck`, found on PATH. */
  readonly command?: string;
  readonly timeoutMs?: number;
}

const dialects: Readonly<Record<string, 'bash' | 'sh'>> = { bash: 'bash', shell: 'bash', sh: 'sh' };
/** Below this much shell, one process: starting a second costs more than it saves. */
const bytesPerExtraProcess = 64 * 1024;
const installShellcheck = 'install it with `npm run bootstrap` (Debian: `apt-get install shellcheck`)';

interface Script extends BlockScript {
  readonly file: string;
  readonly dialect: 'bash' | 'sh';
}

export async function shellcheckRunbook(runbook: Runbook, options: ShellcheckOptions): Promise<ShellcheckOutcome> {
  const shell = runbook.blocks.filter((block) => dialects[block.lang] !== undefined);
  if (shell.length === 0) return { comments: [] };
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-shellcheck-'));
  try {
    const scripts = shell.map((block, index) => script(block, index, runbook.lines, options.assigned));
    await Promise.all(scripts.map((s) => writeFile(join(dir, s.file), s.text)));
    const byFile = new Map(scripts.map((s) => [s.file, s]));
    const outputs = await Promise.all(batches(scripts).map((batch) => check(dir, batch, options)));
    const failed = outputs.find((output) => 'unavailable' in output);
    if (failed) return failed;
    return {
      comments: toComments(
        outputs.flatMap((output) => ('json' in output ? [output.json] : [])),
        byFile,
      ),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function script(block: CodeBlock, index: number, lines: readonly string[], assigned: readonly string[]): Script {
  return { ...blockScript(block, lines, assigned), file: `b${index}.sh`, dialect: dialects[block.lang] ?? 'bash' };
}

/** Scripts of one dialect a batch, each dialect cut into up to one batch a core, of about equal size. */
function batches(scripts: readonly Script[]): Script[][] {
  return (['bash', 'sh'] as const).flatMap((dialect) => {
    const own = scripts.filter((s) => s.dialect === dialect);
    const bytes = own.reduce((sum, s) => sum + s.text.length, 0);
    const count = Math.min(availableParallelism(), 1 + Math.floor(bytes / bytesPerExtraProcess), own.length);
    return Array.from({ length: count }, (_, batch) => own.filter((_s, i) => i % count === batch));
  });
}

/** ShellCheck's JSON for one batch, or a sentence saying why there is none. */
async function check(
  dir: string,
  batch: readonly Script[],
  options: ShellcheckOptions,
): Promise<{ json: string } | { unavailable: string }> {
  const command = options.command ?? 'shellcheck';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const args = ['--norc', '--format=json1', `--shell=${batch[0]!.dialect}`, `--severity=${options.severity}`];
  const result = await execa(command, [...args, '--enable=check-unassigned-uppercase', ...batch.map((s) => s.file)], {
    cwd: dir,
    reject: false,
    timeout: timeoutMs,
  });
  const unavailable = (why: string, todo = '') => ({ unavailable: `${why}, so no shell block was checked${todo}` });
  if (result.code === 'ENOENT') return unavailable(`ShellCheck is not installed (no \`${command}\` on PATH)`, `: ${installShellcheck}`);
  if (result.timedOut) return unavailable(`ShellCheck did not finish within ${timeoutMs / 1000} s over ${batch.length} blocks`);
  // 0: nothing found; 1: something found. Anything else is ShellCheck failing.
  if (result.exitCode !== 0 && result.exitCode !== 1)
    return unavailable(`ShellCheck failed (exit ${result.exitCode ?? result.signal}: ${String(result.stderr).split('\n')[0]})`);
  return { json: String(result.stdout) };
}
