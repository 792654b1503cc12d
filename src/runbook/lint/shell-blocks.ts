/**
 * The runbook's shell blocks, parsed once (src/runbook/shell) and shared by
 * every rule that judges commands. A block declared as shell (```bash,
 * ```sh, ```shell, as ShellCheck reads them) is always judged, and a syntax
 * problem in it is a finding (shell-syntax); so are the `$ ` commands of a
 * transcript (```console, ```shell-session: console-session.ts). A block that
 * only may be shell (no language, ```zsh) is judged when it parses, and
 * otherwise taken for output. Other languages are not shell.
 */
import type { CodeBlock, Runbook } from '../runbook.ts';
import { hasPrompts, sessionCommands, sessionLangs } from './console-session.ts';
import { parseShell } from '../shell/parse-shell.ts';
import type { ShellScript } from '../shell/shell-model.ts';
import { type Variables, variablesOf } from '../shell/variables.ts';
import { type CommandSite, commandSites } from '../shell/walk.ts';

export interface ShellBlock {
  readonly block: CodeBlock;
  readonly script: ShellScript;
  /** Declared as shell: a syntax problem is a finding. */
  readonly declared: boolean;
  /** A transcript with `$ ` prompts: its commands' syntax problems are findings too. */
  readonly transcript: boolean;
  readonly sites: readonly CommandSite[];
  readonly variables: Variables;
}

export const declaredShell = new Set(['bash', 'sh', 'shell']);
const maybeShell = new Set(['', 'zsh', ...sessionLangs]);
const parsed = new WeakMap<CodeBlock, ShellBlock | null>();

/** The commands a block holds, line for line: a transcript's without prompts or output. */
export const commandSource = (block: CodeBlock) => (sessionLangs.has(block.lang) ? sessionCommands(block.code) : block.code);

function read(block: CodeBlock, kind: Pick<ShellBlock, 'declared' | 'transcript'>): ShellBlock {
  const script = parseShell(commandSource(block), block.line + 1);
  const sites = commandSites(script);
  return { block, script, ...kind, sites, variables: variablesOf(script, sites) };
}

function parseBlock(block: CodeBlock): ShellBlock | null {
  const kind = { declared: declaredShell.has(block.lang), transcript: sessionLangs.has(block.lang) && hasPrompts(block.code) };
  if (!kind.declared && !maybeShell.has(block.lang)) return null;
  let shell: ShellBlock;
  try {
    shell = read(block, kind);
  } catch (error) {
    // Thousands of nested levels (a 20,000-command && chain) exhaust the stack of the recursive readers.
    if (!(error instanceof RangeError)) throw error;
    const problem = { line: block.line + 1, message: `nested too deeply for the linter to read (${error.message})` };
    shell = { block, script: { statements: [], problems: [problem] }, ...kind, sites: [], variables: new Map() };
  }
  return !kind.declared && !kind.transcript && shell.script.problems.length > 0 ? null : shell;
}

export function shellBlock(block: CodeBlock): ShellBlock | null {
  if (!parsed.has(block)) parsed.set(block, parseBlock(block));
  return parsed.get(block) ?? null;
}

/** Every block judged as shell, in runbook order. */
export function shellBlocks(runbook: Runbook): ShellBlock[] {
  return runbook.blocks.flatMap((block) => shellBlock(block) ?? []);
}
